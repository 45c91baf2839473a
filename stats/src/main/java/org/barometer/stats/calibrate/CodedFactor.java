package org.barometer.stats.calibrate;

import java.util.Arrays;
import java.util.List;
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
     * Codes a column of labels with levels sorted by code point, as R's {@code factor()} sorts them in the C
     * locale (other locales may order mixed-case labels differently; only the reference category and the
     * column names depend on the order, not the calibrated weights).
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

    /**
     * The cross-classification of several variables, as R's {@code interaction()} makes post-strata from
     * {@code ~a + b}: one level per combination, labelled with the variables' labels joined by {@code "."}
     * (e.g. {@code E.No}), the first variable varying fastest, named by the variables' names joined by
     * {@code ":"} (e.g. {@code stype:sch.wide}).
     *
     * @param factors the variables, all with the same rows
     * @return the combined variable
     */
    public static CodedFactor interaction(List<CodedFactor> factors) {
        if (factors.isEmpty()) {
            throw CalibrationException.invalid("an interaction needs at least one variable");
        }
        if (factors.size() == 1) {
            return factors.get(0);
        }
        int n = factors.get(0).size();
        long cells = 1;
        StringBuilder name = new StringBuilder();
        for (CodedFactor f : factors) {
            if (f.size() != n) {
                throw new CalibrationException(CalibrationException.Problem.INVALID_ARGUMENT, f.name(), null,
                        "variable " + f.name() + " has " + f.size() + " rows, " + factors.get(0).name() + " " + n);
            }
            cells *= f.levels().length;
            if (cells > Integer.MAX_VALUE / 2) {
                throw CalibrationException.invalid("too many combinations of " + factors.size() + " variables");
            }
            name.append(name.length() == 0 ? "" : ":").append(f.name());
        }
        String[] levels = new String[(int) cells];
        int[] codes = new int[n];
        int stride = 1;
        for (int k = 0; k < factors.size(); k++) {
            CodedFactor f = factors.get(k);
            for (int cell = 0; cell < levels.length; cell++) {
                String label = f.levels()[(cell / stride) % f.levels().length];
                levels[cell] = k == 0 ? label : levels[cell] + "." + label;
            }
            int[] c = f.codes();
            for (int i = 0; i < n; i++) {
                codes[i] += c[i] * stride;
            }
            stride *= f.levels().length;
        }
        return new CodedFactor(name.toString(), codes, levels);
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
