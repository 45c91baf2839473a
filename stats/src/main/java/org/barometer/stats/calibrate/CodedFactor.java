package org.barometer.stats.calibrate;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A categorical auxiliary variable as the calibration algorithms need it: one int code per sample row,
 * indexing {@code levels}. Levels are in R's factor order (the first level is the reference category of
 * treatment contrasts).
 *
 * @param name   the variable's name, used in error messages and model-matrix column names
 * @param codes  for each sample row, the index of its level in {@code levels}
 * @param levels the category labels
 */
public record CodedFactor(String name, int[] codes, String[] levels) {

    /** Checks that every code indexes a level. */
    public CodedFactor {
        if (name == null || name.isEmpty()) {
            throw CalibrationException.invalid("a calibration variable needs a name");
        }
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0 || codes[i] >= levels.length) {
                throw new CalibrationException(CalibrationException.Problem.INVALID_ARGUMENT, name, null,
                        "variable " + name + " has no category at row " + (i + 1) + " (code " + codes[i] + ")");
            }
        }
    }

    /**
     * Codes a column of labels with levels sorted as R's {@code factor()} does for plain ASCII labels.
     *
     * @param name   the variable's name
     * @param values one label per row; a {@code null} label is refused (calibration variables cannot be missing)
     * @return the coded factor
     */
    public static CodedFactor of(String name, String[] values) {
        TreeMap<String, Integer> sorted = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new CalibrationException(CalibrationException.Problem.INVALID_ARGUMENT, name, null,
                        "variable " + name + " is missing at row " + (i + 1) + "; calibration variables cannot be missing");
            }
            sorted.put(values[i], 0);
        }
        String[] levels = sorted.keySet().toArray(String[]::new);
        int k = 0;
        for (Map.Entry<String, Integer> e : sorted.entrySet()) {
            e.setValue(k++);
        }
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            codes[i] = sorted.get(values[i]);
        }
        return new CodedFactor(name, codes, levels);
    }

    /** @return the number of sample rows */
    public int size() {
        return codes.length;
    }

    /** @return the index of {@code label} among the levels, or -1 */
    public int levelIndex(String label) {
        for (int j = 0; j < levels.length; j++) {
            if (levels[j].equals(label)) {
                return j;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodedFactor f && name.equals(f.name) && Arrays.equals(codes, f.codes)
                && Arrays.equals(levels, f.levels);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(levels);
    }

    @Override
    public String toString() {
        return "CodedFactor[" + name + ", " + codes.length + " rows, levels=" + Arrays.toString(levels) + "]";
    }
}
