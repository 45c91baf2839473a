package org.barometer.app.coding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cohen's kappa against R's {@code psych::cohen.kappa} (its unweighted {@code kappa}) on seeded pairs of codings:
 * one code per answer, and several per answer — each code's presence or absence, and the whole set of codes. The
 * codings are written to CSV files (codes as 1…p, presence as 2 and absence as 1) and one Rscript reads them all.
 * Skipped, saying why, when Rscript or psych (Debian's r-cran-psych) is absent.
 */
class CohenKappaAgainstRTest {
    static final double TOLERANCE = 1e-9;

    @TempDir
    Path dir;

    /** The textbook 2 × 2 case, by hand: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no; p_o = 0.7, p_e = 0.5, κ = 0.4. */
    @Test
    void aTableWorkedByHand() {
        Map<String, String> a = new LinkedHashMap<>();
        Map<String, String> b = new LinkedHashMap<>();
        int answer = 0;
        for (String[] cell : new String[][] {{"20", "yes", "yes"}, {"5", "yes", "no"}, {"10", "no", "yes"}, {"15", "no", "no"}}) {
            for (int i = 0; i < Integer.parseInt(cell[0]); i++, answer++) {
                a.put("a" + answer, cell[1]);
                b.put("a" + answer, cell[2]);
            }
        }
        Kappa kappa = Agreement.cohenKappa(new SingleCodePair(CodingFrame.of("yes", "no"),
                new SingleCoding("anna", a), new SingleCoding("bo", b)));
        assertThat(kappa.answers()).isEqualTo(50);
        assertThat(kappa.observed()).isCloseTo(0.7, within(1e-12));
        assertThat(kappa.expected()).isCloseTo(0.5, within(1e-12));
        assertThat(kappa.kappa()).isCloseTo(0.4, within(1e-12));
    }

    /** A code neither coder used has kappa undefined; whole-answer agreement is exact-set agreement. */
    @Test
    void multiCodeByHand() {
        CodingFrame frame = CodingFrame.of("price", "service", "other");
        MultiCoding a = new MultiCoding("anna", Map.of("a1", Set.of("price"), "a2", Set.of("price", "service"),
                "a3", Set.of("service"), "a4", Set.of("price")));
        MultiCoding b = new MultiCoding("bo", Map.of("a1", Set.of("price"), "a2", Set.of("service", "price"),
                "a3", Set.of("price"), "a4", Set.of("price")));
        MultiCodeKappa kappa = Agreement.cohenKappa(new MultiCodePair(frame, a, b));
        assertThat(kappa.byCategory().keySet()).containsExactly("price", "service", "other");
        assertThat(kappa.byCategory().get("other").kappa()).isNaN();
        // service: anna present on a2, a3; bo on a2: p_o = 3/4, p_e = (2·1 + 2·3)/16 = 1/2, κ = 1/2
        assertThat(kappa.byCategory().get("service").kappa()).isCloseTo(0.5, within(1e-12));
        // whole sets: a1, a2, a4 alike (a2 in another order); anna {p}×2 {p,s} {s}, bo {p}×3 {p,s}
        assertThat(kappa.wholeAnswer().observed()).isCloseTo(0.75, within(1e-12));
        assertThat(kappa.wholeAnswer().expected()).isCloseTo((2 * 3 + 1 * 1) / 16.0, within(1e-12));
    }

    @Test
    void sameKappasAsR() throws Exception {
        assumeTrue(haveR(), "Rscript with the psych package is not installed (r-cran-psych): comparison with R skipped");
        Map<String, Double> ours = new LinkedHashMap<>();
        Random random = new Random(20240611L);
        for (int c = 0; c < 8; c++) {
            int codes = 2 + random.nextInt(5);
            int answers = 30 + random.nextInt(170);
            double faithful = 0.3 + 0.65 * random.nextDouble();
            singleCase("single" + c, codes, answers, faithful, random, ours);
        }
        for (int c = 0; c < 6; c++) {
            int codes = 2 + random.nextInt(5);
            int answers = 40 + random.nextInt(160);
            double faithful = 0.5 + 0.45 * random.nextDouble();
            multiCase("multi" + c, codes, answers, faithful, random, ours);
        }

        Map<String, Double> r = runR();
        double max = 0;
        int compared = 0;
        for (Map.Entry<String, Double> e : ours.entrySet()) {
            Double theirs = r.get(e.getKey());
            assertThat(theirs).as("R's kappa of " + e.getKey()).isNotNull();
            if (Double.isNaN(e.getValue())) {
                assertThat(theirs).as(e.getKey()).isNaN();
                continue;
            }
            assertThat(e.getValue()).as(e.getKey()).isCloseTo(theirs, within(TOLERANCE));
            max = Math.max(max, Math.abs(e.getValue() - theirs));
            compared++;
        }
        System.out.printf("Cohen's kappa against psych::cohen.kappa: %d kappas, max |difference| %.3g%n", compared, max);
        assertThat(compared).isGreaterThan(30);
    }

    /** A first coder drawing from a skewed distribution; the second gives the same code with probability faithful. */
    private void singleCase(String name, int codes, int answers, double faithful, Random random,
                            Map<String, Double> ours) throws IOException {
        List<String> frameCodes = new ArrayList<>();
        for (int k = 1; k <= codes; k++) {
            frameCodes.add("c" + k);
        }
        Map<String, String> a = new LinkedHashMap<>();
        Map<String, String> b = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder("code_a,code_b\n");
        for (int i = 0; i < answers; i++) {
            int first = skewed(codes, random);
            int second = random.nextDouble() < faithful ? first : random.nextInt(codes);
            a.put("r" + i, frameCodes.get(first));
            b.put("r" + i, frameCodes.get(second));
            csv.append(first + 1).append(',').append(second + 1).append('\n');
        }
        Files.writeString(dir.resolve("case-" + name + ".csv"), csv, StandardCharsets.UTF_8);
        Kappa kappa = Agreement.cohenKappa(new SingleCodePair(new CodingFrame(frameCodes),
                new SingleCoding("anna", a), new SingleCoding("bo", b)));
        ours.put(name + "/code", kappa.kappa());
    }

    /** Each code present with its own probability; the second coder keeps each presence with probability faithful. */
    private void multiCase(String name, int codes, int answers, double faithful, Random random,
                           Map<String, Double> ours) throws IOException {
        List<String> frameCodes = new ArrayList<>();
        double[] share = new double[codes];
        for (int k = 0; k < codes; k++) {
            frameCodes.add("c" + (k + 1));
            share[k] = 0.1 + 0.5 * random.nextDouble();
        }
        CodingFrame frame = new CodingFrame(frameCodes);
        Map<String, Set<String>> a = new LinkedHashMap<>();
        Map<String, Set<String>> b = new LinkedHashMap<>();
        Map<List<String>, Integer> setIds = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder("whole_a,whole_b");
        for (String code : frameCodes) {
            csv.append(',').append(code).append("_a,").append(code).append("_b");
        }
        csv.append('\n');
        for (int i = 0; i < answers; i++) {
            Set<String> first = new LinkedHashSet<>();
            Set<String> second = new LinkedHashSet<>();
            for (int k = 0; k < codes; k++) {
                boolean present = random.nextDouble() < share[k];
                if (present) {
                    first.add(frameCodes.get(k));
                }
                if (random.nextDouble() < faithful ? present : random.nextDouble() < share[k]) {
                    second.add(frameCodes.get(k));
                }
            }
            if (first.isEmpty()) {
                first.add(frameCodes.get(random.nextInt(codes)));
            }
            if (second.isEmpty()) {
                second.add(random.nextDouble() < faithful ? first.iterator().next() : frameCodes.get(random.nextInt(codes)));
            }
            a.put("r" + i, first);
            b.put("r" + i, second);
            csv.append(setId(frame, first, setIds)).append(',').append(setId(frame, second, setIds));
            for (String code : frameCodes) {
                csv.append(',').append(first.contains(code) ? 2 : 1).append(',').append(second.contains(code) ? 2 : 1);
            }
            csv.append('\n');
        }
        Files.writeString(dir.resolve("case-" + name + ".csv"), csv, StandardCharsets.UTF_8);
        MultiCodeKappa kappa = Agreement.cohenKappa(new MultiCodePair(frame, new MultiCoding("anna", a),
                new MultiCoding("bo", b)));
        ours.put(name + "/whole", kappa.wholeAnswer().kappa());
        kappa.byCategory().forEach((code, k) -> ours.put(name + "/" + code, k.kappa()));
    }

    private static int setId(CodingFrame frame, Set<String> codes, Map<List<String>, Integer> ids) {
        List<String> key = frame.codes().stream().filter(codes::contains).toList();
        return ids.computeIfAbsent(key, k -> ids.size() + 1);
    }

    private static int skewed(int codes, Random random) {
        double u = random.nextDouble();
        return Math.min(codes - 1, (int) (codes * u * u));
    }

    private Map<String, Double> runR() throws Exception {
        String script = """
                suppressPackageStartupMessages(library(psych))
                k <- function(a, b) {
                  if (length(unique(c(a, b))) < 2) return(NaN)
                  suppressWarnings(cohen.kappa(cbind(a, b))$kappa)
                }
                for (f in list.files(pattern = "^case-.*[.]csv$")) {
                  d <- read.csv(f)
                  name <- sub("^case-(.*)[.]csv$", "\\\\1", f)
                  for (col in sub("_a$", "", grep("_a$", names(d), value = TRUE))) {
                    cat(name, "/", col, "\\t", sprintf("%.17g", k(d[[paste0(col, "_a")]], d[[paste0(col, "_b")]])), "\\n", sep = "")
                  }
                }
                """;
        Files.writeString(dir.resolve("kappa.R"), script, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("Rscript", "kappa.R").directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("Rscript finished").isTrue();
        assertThat(p.exitValue()).as("Rscript kappa.R:\n" + out).isZero();
        Map<String, Double> kappas = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            String[] parts = line.split("\t");
            if (parts.length == 2) {
                kappas.put(parts[0], parts[1].equals("NaN") ? Double.NaN : Double.parseDouble(parts[1]));
            }
        }
        return kappas;
    }

    static boolean haveR() {
        try {
            Process p = new ProcessBuilder("Rscript", "-e", "library(psych)").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
