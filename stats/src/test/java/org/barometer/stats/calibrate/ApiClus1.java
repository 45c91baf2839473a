package org.barometer.stats.calibrate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of R's {@code apiclus1} (and of {@code apipop}'s auxiliaries) that the calibration tests use,
 * read from the CSV files R wrote with 17 significant digits.
 */
final class ApiClus1 {

    final int n;
    final Map<String, String[]> text = new HashMap<>();
    final Map<String, double[]> numbers = new HashMap<>();

    private ApiClus1(List<String[]> rows, String[] header, List<String> textColumns) {
        n = rows.size();
        for (int j = 0; j < header.length; j++) {
            if (textColumns.contains(header[j])) {
                String[] v = new String[n];
                for (int i = 0; i < n; i++) {
                    v[i] = rows.get(i)[j];
                }
                text.put(header[j], v);
            } else {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    String s = rows.get(i)[j];
                    v[i] = s.equals("NA") ? Double.NaN : Double.parseDouble(s);
                }
                numbers.put(header[j], v);
            }
        }
    }

    static ApiClus1 sample() {
        return read("/calibrate/apiclus1.csv", List.of("cds", "stype", "name", "sname", "dname", "cname", "sch.wide",
                "comp.imp", "both", "awards", "yr.rnd", "flag"));
    }

    static ApiClus1 populationAuxiliaries() {
        return read("/calibrate/apipop-auxiliaries.csv", List.of("stype", "sch.wide"));
    }

    CodedFactor factor(String name) {
        return CodedFactor.of(name, text.get(name));
    }

    double[] number(String name) {
        return numbers.get(name);
    }

    private static ApiClus1 read(String resource, List<String> textColumns) {
        try (var in = ApiClus1.class.getResourceAsStream(resource)) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = split(r.readLine());
            List<String[]> rows = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    rows.add(split(line));
                }
            }
            return new ApiClus1(rows, header, textColumns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits one CSV line with double-quoted fields (no embedded quotes in these files). */
    private static String[] split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else if (ch != '\r') {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
    }
}
