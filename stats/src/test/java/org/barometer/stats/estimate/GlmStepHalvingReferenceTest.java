package org.barometer.stats.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.barometer.stats.RScript;
import org.barometer.stats.calibrate.CalibrationOptions;
import org.barometer.stats.calibrate.DesignCalibration;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.ReplicateDesign;
import org.barometer.stats.design.ReplicateType;
import org.barometer.stats.design.SampleDesign;
import org.barometer.stats.estimate.SurveyGlm.Family;
import org.barometer.stats.estimate.SurveyGlm.Fit;
import org.junit.jupiter.api.Test;

/**
 * Poisson models on the domain of a BRR design whose replicate refits reach R's step halving in {@code glm.fit},
 * against R's {@code svyglm} (survey 4.1-1) to 1e-7, R's fits being iterative, or to within how far R's answer
 * moves when it fits further (see {@link #tolerance}). Two generated surveys:
 * <ul>
 *   <li>after a linear calibration of the replicate weights, R halves the step of four replicate refits
 *       (a step to an infinite deviance): the engine must halve them alike;</li>
 *   <li>on a two-stage design, R halves the steps of replicate refits of the subset, which see only the
 *       domain's rows; at their coefficients the rows outside the subset would have infinite fitted values,
 *       which must not make the engine halve where R, which has no such rows, does not.</li>
 * </ul>
 */
class GlmStepHalvingReferenceTest {
    private static final double ITERATIVE = 1e-7;
    private static final List<String> TERMS = List.of("x", "dom", "grp");

    private record Case(String file, String rDesign, Function<DataTable, SampleDesign> design) {}

    private static final List<Case> CASES = List.of(
            new Case("halving-calibrated-brr.csv",
                    "calibrate(as.svrepdesign(svydesign(ids=~psu, strata=~str, weights=~w, data=d), type='BRR'),"
                            + " ~grp + x, c(`(Intercept)`=1023, grpb=222, grpc=152, grpd=221, x=3174.002),"
                            + " calfun='linear')",
                    t -> {
                        Design taylor = Design.builder(t).ids("psu").strata("str").weights("w").build();
                        ReplicateDesign brr = ReplicateDesign.fromDesign(taylor, ReplicateType.BRR, 0, false);
                        Map<String, Double> pop = new LinkedHashMap<>();
                        pop.put("(Intercept)", 1023.0);
                        pop.put("grpb", 222.0);
                        pop.put("grpc", 152.0);
                        pop.put("grpd", 221.0);
                        pop.put("x", 3174.002);
                        return DesignCalibration.calibrate(brr, List.of("grp", "x"), pop, CalibrationOptions.linear())
                                .design();
                    }),
            new Case("rows-outside-subset-brr.csv",
                    "suppressWarnings(as.svrepdesign(svydesign(ids=~psu+ssu, strata=~str, weights=~w,"
                            + " fpc=~fpc1+fpc2, data=d), type='BRR'))",
                    t -> ReplicateDesign.fromDesign(Design.builder(t).ids("psu", "ssu").strata("str").weights("w")
                            .fpc("fpc1", "fpc2").build(), ReplicateType.BRR, 0, false)));

    private static Path resource(String file) {
        try {
            return Path.of(GlmStepHalvingReferenceTest.class.getResource("/glm/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void replicateRefitsHalveTheirStepsAsRDoes() {
        StringBuilder r = new StringBuilder();
        for (Case c : CASES) {
            String k = c.file();
            r.append("local({ d <- read.csv('").append(resource(c.file())).append("')\n")
                    .append("d$grp <- factor(d$grp); d$dom <- factor(d$dom); d$h <- factor(d$h)\n")
                    .append("des <- ").append(c.rDesign()).append("\n")
                    .append("halved <- 0\n")
                    .append("m <- withCallingHandlers(svyglm(n ~ x + dom + grp, subset(des, h == 'v'),"
                            + " family = poisson()), warning = function(w) { if (grepl('step size',"
                            + " conditionMessage(w))) halved <<- halved + 1; invokeRestart('muffleWarning') })\n")
                    .append("o('").append(k).append(".coef', coef(m)); o('").append(k).append(".se', SE(m)); o('")
                    .append(k).append(".df', m$df.residual); o('").append(k).append(".halved', halved)\n")
                    .append("f <- suppressWarnings(svyglm(n ~ x + dom + grp, subset(des, h == 'v'), family = poisson(),"
                            + " control = glm.control(epsilon = 1e-12, maxit = 100)))\n")
                    .append("o('").append(k).append(".coef~further', coef(f)); o('").append(k)
                    .append(".se~further', SE(f)) })\n");
        }
        RScript.Output out = RScript.run(r.toString());
        assertThat(out.errors()).as("R refused").isEmpty();
        // R halves some replicate refit's step in both cases: what the cases are here to show
        for (Case c : CASES) assertThat(out.get(c.file() + ".halved")).as("R's halved steps, " + c.file()).isPositive();

        List<String> failures = new ArrayList<>();
        for (Case c : CASES) {
            DataTable t = DataTable.readCsv(resource(c.file()));
            SampleDesign d = c.design().apply(t);
            boolean[] domain = new boolean[t.rowCount()];
            for (int i = 0; i < domain.length; i++) domain[i] = t.column("h").text(i).equals("v");
            Fit f = SurveyGlm.fit(d, "n", TERMS, Family.POISSON, domain);
            String k = c.file();
            assertThat(f.names()).as(k).hasSize(7);
            check(failures, k + ".df", f.residualDf(), out.get(k + ".df"), 0);
            for (int j = 0; j < f.names().size(); j++) {
                String idx = "[" + (j + 1) + "]";
                check(failures, k + ".coef" + idx + " " + f.names().get(j), f.coefficient(j),
                        out.get(k + ".coef" + idx), tolerance(out, k + ".coef" + idx));
                check(failures, k + ".se" + idx, f.standardError(j), out.get(k + ".se" + idx),
                        tolerance(out, k + ".se" + idx));
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * 1e-7, or twice the relative distance from R's answer to R's answer fitted further (a convergence criterion
     * of 1e-12 for every refit), where R's own stopping leaves the number that far from the fit's limit: a refit
     * whose step was halved converges slowly, and stopping on a deviance change under 1e-8 leaves its
     * coefficients further from the limit than 1e-7.
     */
    private static double tolerance(RScript.Output out, String key) {
        double r = out.get(key);
        double further = out.get(key.replace("[", "~further["));
        return Math.max(ITERATIVE, 2 * Math.abs(r - further) / Math.abs(r));
    }

    private static void check(List<String> failures, String what, double mine, double r, double tol) {
        try {
            RScript.close(what, mine, r, tol);
        } catch (AssertionError e) {
            failures.add(e.getMessage());
        }
    }
}
