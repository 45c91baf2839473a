package org.barometer.stats.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.barometer.stats.RScript;
import org.barometer.stats.calibrate.CalibrationOptions;
import org.barometer.stats.calibrate.DesignCalibration;
import org.barometer.stats.calibrate.PopulationMargin;
import org.barometer.stats.calibrate.RakeControl;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.ReplicateDesign;
import org.barometer.stats.design.ReplicateType;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.estimate.EditionChange.Change;
import org.barometer.stats.estimate.EditionChange.Domain;
import org.barometer.stats.estimate.EditionChange.Indicator;
import org.junit.jupiter.api.Test;

/**
 * The change of an indicator between two editions against R (survey 4.1-1), run inline by {@link RScript}, to
 * 1e-9 relative: Δ, SE, df, the statistic, its p-value and the 95 % interval of each change.
 *
 * <p>Two independent stratified samples (strata {@code s1..s3}, fpc per stratum, {@link EditionSample}).
 * <ul>
 *   <li>Uncalibrated, R as a survey statistician does it: the two samples stacked as one design with strata
 *       {@code edition × stratum} and the fpc of each, {@code svyby(~y, ~edition, stacked, svymean, covmat=TRUE)}
 *       and {@code svycontrast(…, c(-1, 1))}, the interval {@code confint(contrast, df = degf(stacked))}.</li>
 *   <li>Calibrated (the earlier edition raked on sex and age, the later linearly calibrated to sex and age):
 *       calibrated designs cannot be stacked in R (each is calibrated to its own population), so R estimates
 *       on each calibrated design and combines the two independent estimates: {@code coef(m2) - coef(m1)},
 *       {@code sqrt(vcov(m1) + vcov(m2))}, {@code df = degf(c1) + degf(c2)}.</li>
 *   <li>Replicate designs (JKn from each stratified design, both raked): combined in the same way.</li>
 * </ul>
 * Indicators: the mean and the total of {@code y}, the shares of {@code v}, and the mean of {@code y} in the
 * domain {@code region = north}.
 */
class EditionChangeReferenceTest {
    private static final EditionSample E1 = EditionSample.generate(1, new int[] {25, 35, 40}, 0, 20240501L);
    private static final EditionSample E2 = EditionSample.generate(2, new int[] {30, 30, 45}, 3, 20250501L);
    private static final Domain NORTH = new Domain("region", "north");

    private static Design design(EditionSample e) {
        return Design.builder(e.table()).strata("stratum").fpc("fpc").weights("w").build();
    }

    private static final List<PopulationMargin> MARGINS1 = List.of(
            PopulationMargin.of("sex", "f", 2350.0, "m", 2450.0),
            PopulationMargin.of("age", "a1", 1500.0, "a2", 1700.0, "a3", 1600.0));
    private static final List<PopulationMargin> MARGINS2 = List.of(
            PopulationMargin.of("sex", "f", 2300.0, "m", 2500.0),
            PopulationMargin.of("age", "a1", 1600.0, "a2", 1650.0, "a3", 1550.0));
    private static final String R_MARGINS1 = "list(data.frame(sex=c('f','m'), Freq=c(2350, 2450)),"
            + " data.frame(age=c('a1','a2','a3'), Freq=c(1500, 1700, 1600)))";
    private static final String R_MARGINS2 = "list(data.frame(sex=c('f','m'), Freq=c(2300, 2500)),"
            + " data.frame(age=c('a1','a2','a3'), Freq=c(1600, 1650, 1550)))";

    private static <D extends SampleDesign> D raked(D d, List<PopulationMargin> margins) {
        return DesignCalibration.rake(d, margins, RakeControl.rDefault()).design();
    }

    private static Design linear(Design d) {
        return DesignCalibration.calibrate(d, List.of("sex", "age"),
                Map.of("(Intercept)", 4800.0, "sexm", 2500.0, "agea2", 1650.0, "agea3", 1550.0),
                CalibrationOptions.linear()).design();
    }

    private static final String R_FUNCTIONS = """
            out <- function(key, est, se, df, ci) { t <- est / se; o(paste0(key, '.delta'), est)
              o(paste0(key, '.se'), se); o(paste0(key, '.df'), df); o(paste0(key, '.t'), t)
              o(paste0(key, '.p'), 2 * pt(-abs(t), df)); o(paste0(key, '.lo'), ci[1]); o(paste0(key, '.hi'), ci[2]) }
            # uncalibrated: the two samples as one design, strata edition x stratum; contrast of the editions
            stacked <- function(key, formula, design, FUN) {
              b <- svyby(formula, ~edition, design, FUN, covmat = TRUE)
              k <- names(coef(b)); est <- if (length(k) == 2) '' else unique(sub('^[12]:', '', k))
              for (nm in est) {
                lab <- if (nm == '') c('1', '2') else paste0(c('1:', '2:'), nm)
                ctr <- svycontrast(b, list(d = setNames(c(-1, 1), lab)))
                out(paste0(key, '.', if (nm == '') all.vars(formula) else nm), coef(ctr), SE(ctr), degf(design),
                    confint(ctr, df = degf(design)))
              } }
            # calibrated: each edition on its own calibrated design, the independent estimates combined
            independent <- function(key, m1, m2, df) {
              for (j in seq_along(coef(m1))) {
                est <- coef(m2)[j] - coef(m1)[j]; se <- sqrt(vcov(m1)[j, j] + vcov(m2)[j, j])
                out(paste0(key, '.', names(coef(m1))[j]), est, se, df, est + c(-1, 1) * qt(0.975, df) * se)
              } }
            """;

    @Test
    void changesBetweenTwoEditionsAgreeWithR() throws IOException {
        Path dir = Files.createTempDirectory("barometer-editions");
        Path csv1 = dir.resolve("edition1.csv");
        Path csv2 = dir.resolve("edition2.csv");
        Files.writeString(csv1, E1.csv());
        Files.writeString(csv2, E2.csv());
        String r = R_FUNCTIONS + String.format(Locale.ROOT, """
                e1 <- read.csv('%s'); e2 <- read.csv('%s')
                st <- rbind(e1, e2); st$es <- paste(st$edition, st$stratum)
                D <- svydesign(id = ~1, strata = ~es, fpc = ~fpc, weights = ~w, data = st)
                stacked('u.mean', ~y, D, svymean)
                stacked('u.total', ~y, D, svytotal)
                stacked('u.shares', ~v, D, svymean)
                stacked('u.north', ~y, subset(D, region == 'north'), svymean)
                d1 <- svydesign(id = ~1, strata = ~stratum, fpc = ~fpc, weights = ~w, data = e1)
                d2 <- svydesign(id = ~1, strata = ~stratum, fpc = ~fpc, weights = ~w, data = e2)
                c1 <- rake(d1, list(~sex, ~age), %s)
                c2 <- calibrate(d2, ~sex + age, c(`(Intercept)` = 4800, sexm = 2500, agea2 = 1650, agea3 = 1550))
                df <- degf(c1) + degf(c2)
                independent('c.mean', svymean(~y, c1), svymean(~y, c2), df)
                independent('c.total', svytotal(~y, c1), svytotal(~y, c2), df)
                independent('c.shares', svymean(~v, c1), svymean(~v, c2), df)
                n1 <- subset(c1, region == 'north'); n2 <- subset(c2, region == 'north')
                independent('c.north', svymean(~y, n1), svymean(~y, n2), degf(n1) + degf(n2))
                r1 <- rake(as.svrepdesign(d1, type = 'JKn'), list(~sex, ~age), %s)
                r2 <- rake(as.svrepdesign(d2, type = 'JKn'), list(~sex, ~age), %s)
                independent('r.mean', svymean(~y, r1), svymean(~y, r2), degf(r1) + degf(r2))
                independent('r.shares', svymean(~v, r1), svymean(~v, r2), degf(r1) + degf(r2))
                """, csv1.toString().replace("\\", "/"), csv2.toString().replace("\\", "/"), R_MARGINS1,
                R_MARGINS1, R_MARGINS2);

        Design d1 = design(E1);
        Design d2 = design(E2);
        Design c1 = raked(d1, MARGINS1);
        Design c2 = linear(d2);
        ReplicateDesign r1 = raked(ReplicateDesign.fromDesign(d1, ReplicateType.JKN, 0, false), MARGINS1);
        ReplicateDesign r2 = raked(ReplicateDesign.fromDesign(d2, ReplicateType.JKN, 0, false), MARGINS2);
        Map<String, Supplier<EditionChange>> cases = new LinkedHashMap<>();
        cases.put("u.mean", () -> EditionChange.between(d1, d2, Indicator.mean("y")));
        cases.put("u.total", () -> EditionChange.between(d1, d2, Indicator.total("y")));
        cases.put("u.shares", () -> EditionChange.between(d1, d2, Indicator.shares("v")));
        cases.put("u.north", () -> EditionChange.between(d1, d2, Indicator.mean("y"), false, NORTH));
        cases.put("c.mean", () -> EditionChange.between(c1, c2, Indicator.mean("y")));
        cases.put("c.total", () -> EditionChange.between(c1, c2, Indicator.total("y")));
        cases.put("c.shares", () -> EditionChange.between(c1, c2, Indicator.shares("v")));
        cases.put("c.north", () -> EditionChange.between(c1, c2, Indicator.mean("y"), false, NORTH));
        cases.put("r.mean", () -> EditionChange.between(r1, r2, Indicator.mean("y")));
        cases.put("r.shares", () -> EditionChange.between(r1, r2, Indicator.shares("v")));

        RScript.Output out = RScript.run(r);
        double maxAbs = 0;
        double maxRel = 0;
        int compared = 0;
        StringBuilder table = new StringBuilder();
        for (Map.Entry<String, Supplier<EditionChange>> e : cases.entrySet()) {
            EditionChange ch = e.getValue().get();
            assertThat(ch.size()).isEqualTo(ch.indicator().kind() == EditionChange.Kind.SHARES ? 2 : 1);
            for (Change c : ch.changes()) {
                String key = e.getKey() + "." + c.name();
                double[] ci = c.confidenceInterval(0.95);
                double[][] pairs = {
                    {c.estimate(), out.get(key + ".delta")}, {c.standardError(), out.get(key + ".se")},
                    {c.degreesOfFreedom(), out.get(key + ".df")}, {c.statistic(), out.get(key + ".t")},
                    {c.pValue(), out.get(key + ".p")}, {ci[0], out.get(key + ".lo")}, {ci[1], out.get(key + ".hi")}};
                String[] what = {"delta", "se", "df", "t", "p", "lo", "hi"};
                for (int k = 0; k < pairs.length; k++) {
                    RScript.close(key + "." + what[k], pairs[k][0], pairs[k][1], 1e-9);
                    double abs = Math.abs(pairs[k][0] - pairs[k][1]);
                    if (k != 4) maxAbs = Math.max(maxAbs, abs); // p-values are compared relatively
                    maxRel = Math.max(maxRel, abs / Math.abs(pairs[k][1]));
                    compared++;
                }
                table.append(String.format(Locale.ROOT, "%-16s delta %14.6f  se %12.6f  df %4.0f  t %8.4f  p %.4g%n",
                        key, c.estimate(), c.standardError(), c.degreesOfFreedom(), c.statistic(), c.pValue()));
            }
        }
        System.out.print(table);
        System.out.printf(Locale.ROOT, "edition changes against R: %d values, max abs difference %.3g"
                + " (p-values excluded), max relative difference %.3g%n", compared, maxAbs, maxRel);
        assertThat(compared).isEqualTo(13 * 7);
    }
}
