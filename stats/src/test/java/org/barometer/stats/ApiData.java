package org.barometer.stats;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.design.Design;

/** The api data sets of R's survey package (test resources) and the reference designs built from them. */
public final class ApiData {
    private ApiData() {}

    private static final Map<String, DataTable> CACHE = new HashMap<>();

    /** Reads {@code r-survey/NAME.csv} from the test resources. */
    public static synchronized DataTable table(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (Reader r = new InputStreamReader(ApiData.class.getResourceAsStream("/r-survey/" + n + ".csv"),
                    StandardCharsets.UTF_8)) {
                return DataTable.readCsv(r, n + ".csv");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** svydesign(id=~1, strata=~stype, weights=~pw, data=apistrat, fpc=~fpc). */
    public static Design dstrat() {
        return Design.builder(table("apistrat")).strata("stype").weights("pw").fpc("fpc").build();
    }

    /** svydesign(id=~1, strata=~stype, weights=~pw, data=apistrat). */
    public static Design dstratwr() {
        return Design.builder(table("apistrat")).strata("stype").weights("pw").build();
    }

    /** svydesign(id=~dnum, weights=~pw, data=apiclus1, fpc=~fpc). */
    public static Design dclus1() {
        return Design.builder(table("apiclus1")).ids("dnum").weights("pw").fpc("fpc").build();
    }

    /** svydesign(id=~dnum+snum, fpc=~fpc1+fpc2, data=apiclus2). */
    public static Design dclus2() {
        return Design.builder(table("apiclus2")).ids("dnum", "snum").fpc("fpc1", "fpc2").build();
    }

    /** Asserts relative agreement to {@code tol}. */
    public static void close(double actual, double expected, double tol) {
        double rel = Math.abs(actual - expected) / Math.max(Math.abs(expected), Double.MIN_NORMAL);
        if (!(rel <= tol)) {
            throw new AssertionError("expected " + expected + " but was " + actual + " (relative error " + rel + ")");
        }
    }

    /** Relative 1e-9, the engine's promise. */
    public static void close(double actual, double expected) {
        close(actual, expected, 1e-9);
    }
}
