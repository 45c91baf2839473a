package org.barometer.stats.differential;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.barometer.stats.data.DataTable;
import org.barometer.stats.data.FactorColumn;
import org.barometer.stats.design.Design;
import org.barometer.stats.design.ReplicateDesign;
import org.barometer.stats.design.ReplicateType;

/**
 * One randomly drawn survey for the differential test: a sample (CSV text), a design with optional calibration,
 * and a list of estimates, written both as an {@code estimate} spec (JSON) and as R survey code that prints
 * the same quantities under the same keys. Everything comes from one seeded generator.
 *
 * <p>Columns: {@code str} (stratum), {@code psu}, {@code ssu} (cluster ids), {@code w} (weight),
 * {@code fpc1}, {@code fpc2} (population counts of PSUs per stratum and of SSUs per PSU), {@code y} (numeric,
 * sometimes missing), {@code x} (positive numeric), {@code b} (0/1), {@code grp} (3 or 4 categories; not
 * {@code g}, which survey 4.1-1's svyglm on replicate designs mistakes for its own call object), {@code dom}
 * (3 categories, used for domains and calibration), {@code h} (2 categories), {@code n} (a count, for Poisson
 * models).
 */
final class RandomSurvey {
    final int id;
    final String csv;
    final String specJson;
    final String rCode;
    final String summary;
    /** Keys whose values come from R's glm fit of the logit proportion interval: compared to 1e-6. */
    final List<String> looseKeys = new ArrayList<>();
    /** Estimates (as key prefixes {@code case/estimate/}) fitted iteratively in R (svyglm other than
     * gaussian): compared to 1e-7. */
    final List<String> iterativeEstimates = new ArrayList<>();
    /** Quantile estimates (as key prefixes {@code case/estimate/}). */
    final List<String> quantileEstimates = new ArrayList<>();
    /** Calls of the beta proportion interval, whose limits where the share has no variance are rounding noise. */
    final List<String> betaEstimates = new ArrayList<>();
    /** What each estimate is (for the counts per kind), in spec order. */
    final List<String> kinds = new ArrayList<>();
    /** What the design is (replicates, calibration, lonely PSUs), counted once per case. */
    final List<String> designKinds = new ArrayList<>();
    /** The R code making the design, and that of each estimate (run each under its own tryCatch). */
    final String rDesign;
    /** Replicate weights made from the design ("JK1", "JKn", "BRR", a bootstrap kind), or null. */
    final String replicates;
    /** Whether the design is post-stratified, raked or calibrated. */
    final boolean calibrated;
    /** The spec up to its estimates (data, design, replicates, calibration). */
    private final String specHead;
    final List<String> rEstimates = new ArrayList<>();

    private final SplittableRandom rnd;
    private final StringBuilder r = new StringBuilder();
    private final List<String> estimates = new ArrayList<>();
    private final SplittableRandom more;
    /** A third stream, for the replicate kinds added after the second (BRR beyond 4·2^k, the bootstrap kinds). */
    private final SplittableRandom extra;
    /** Further files the case reads (name, content): the engine's bootstrap replicate factors for R. */
    final Map<String, String> files = new LinkedHashMap<>();

    private RandomSurvey(int id, long seed, String csvName) {
        this.id = id;
        this.rnd = new SplittableRandom(seed);
        // a second stream for later additions, so that the cases drawn before them stay the same
        more = new SplittableRandom(seed ^ 0x5DEECE66DL);
        extra = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        // ---- the sample ----
        boolean stratified = rnd.nextInt(4) != 0;
        int stages = rnd.nextInt(3) == 0 ? 0 : (rnd.nextInt(3) == 0 ? 2 : 1); // 0: every row is a PSU
        boolean fpc = rnd.nextBoolean();
        boolean nest = stratified && stages > 0 && rnd.nextBoolean();
        String lonely = "fail";
        int strata = stratified ? 2 + rnd.nextInt(4) : 1;
        int lonelyStratum = -1;
        // a stratum with one PSU (of clusters, or of one row where each row is its own PSU) in two stratified
        // cluster samples in three and in half the stratified samples of rows: each of the four rules is then
        // drawn about 28 times in 300 cases
        if (stratified && (stages > 0 ? rnd.nextInt(3) != 0 : rnd.nextBoolean())) {
            lonely = List.of("remove", "certainty", "adjust", "average").get(rnd.nextInt(4));
            lonelyStratum = rnd.nextInt(strata);
        }
        // balanced repeated replication needs exactly two PSUs in every stratum (and no lonely PSU)
        boolean brr = stratified && stages > 0 && more.nextInt(4) == 0;
        if (brr) lonelyStratum = -1;
        if (brr) lonely = "fail";
        // in two BRR cases in three, a number of strata whose Hadamard matrix is not of order 4·2^k (R's Paley
        // constructions and its stored orders 28 and 36: 8-11, 16-27 and 32-40 strata)
        boolean brrBeyond = brr && extra.nextInt(3) != 0;
        if (brrBeyond) {
            int pick = extra.nextInt(25);
            strata = pick < 4 ? 8 + pick : pick < 16 ? 12 + pick : 16 + pick;
        }
        int ng = 3 + rnd.nextInt(2);
        boolean missingY = rnd.nextBoolean();
        StringBuilder data = new StringBuilder("str,psu,ssu,w,fpc1,fpc2,y,x,b,grp,dom,h,n\n");
        int psuGlobal = 0;
        int rows = 0;
        // whether every stratum's population of PSUs is its sample (a census at stage 1)
        boolean census = fpc;
        double sumW = 0;
        List<double[]> rowsForTotals = new ArrayList<>(); // w, x, g, dom
        for (int s = 0; s < strata; s++) {
            int nPsu = s == lonelyStratum ? 1 : (stages == 0 ? 8 + rnd.nextInt(40) : (stratified ? 3 + rnd.nextInt(6) : 6 + rnd.nextInt(10)));
            if (brr) nPsu = 2;
            int popPsu = nPsu * (1 + rnd.nextInt(4)) + rnd.nextInt(3);
            census &= popPsu == nPsu;
            double base = 2 + rnd.nextInt(40) / 4.0;
            for (int c = 0; c < nPsu; c++) {
                psuGlobal++;
                int psuId = nest ? c + 1 : psuGlobal;
                int nSsu = stages == 0 ? 1 : (stages == 2 ? 2 : 1) + rnd.nextInt(stages == 2 ? 4 : 6);
                int popSsu = nSsu * (1 + rnd.nextInt(3)) + rnd.nextInt(2);
                double psuFactor = 0.5 + rnd.nextInt(7) / 4.0;
                for (int k = 0; k < nSsu; k++) {
                    int rowsHere = stages == 2 ? 1 + rnd.nextInt(3) : 1;
                    for (int e = 0; e < rowsHere; e++) {
                        double w = stages == 2 && fpc
                                ? ((double) popPsu / nPsu) * ((double) popSsu / nSsu)
                                : base * psuFactor * (1 + rnd.nextInt(4) / 8.0);
                        int g = rnd.nextInt(10) < 4 ? 0 : 1 + rnd.nextInt(ng - 1);
                        if (rows < ng) g = rows; // every category present
                        int dom = rows < 3 ? rows : rnd.nextInt(3);
                        int h = rows < 2 ? rows : (rnd.nextInt(10) < 4 + s ? 0 : 1);
                        double yv = Math.round((40 + 8 * s + 5 * g + 12 * rnd.nextDouble() * (1 + dom)) * 1000) / 1000.0;
                        String y = missingY && rnd.nextInt(20) == 0 && rows > 3 ? "NA" : num(yv);
                        double xv = Math.round((0.5 + 3 * rnd.nextDouble() + g) * 1000) / 1000.0;
                        int b = rnd.nextDouble() < 0.25 + 0.1 * g + 0.05 * dom ? 1 : 0;
                        // a count for Poisson models, growing with x
                        int n = (int) Math.floor(more.nextDouble() * (1 + xv));
                        data.append(s + 1).append(',').append(psuId).append(',').append(k + 1).append(',')
                                .append(num(w)).append(',').append(popPsu).append(',').append(popSsu).append(',')
                                .append(y).append(',').append(num(xv)).append(',').append(b).append(',')
                                .append("abcd".charAt(g)).append(',').append("pqr".charAt(dom)).append(',')
                                .append("uv".charAt(h)).append(',').append(n).append('\n');
                        rowsForTotals.add(new double[] {w, xv, g, dom});
                        sumW += w;
                        rows++;
                    }
                }
            }
        }
        this.csv = data.toString();

        // ---- the design, in both languages ----
        StringBuilder design = new StringBuilder("{");
        List<String> rArgs = new ArrayList<>();
        if (stages == 0) {
            rArgs.add("ids=~1");
        } else if (stages == 1) {
            design.append("\"ids\": \"psu\"");
            rArgs.add("ids=~psu");
        } else {
            design.append("\"ids\": [\"psu\", \"ssu\"]");
            rArgs.add("ids=~psu+ssu");
        }
        if (stratified) {
            design.append(design.length() > 1 ? ", " : "").append("\"strata\": \"str\"");
            rArgs.add("strata=~str");
        }
        design.append(design.length() > 1 ? ", " : "").append("\"weights\": \"w\"");
        rArgs.add("weights=~w");
        if (fpc) {
            if (stages == 2) {
                design.append(", \"fpc\": [\"fpc1\", \"fpc2\"]");
                rArgs.add("fpc=~fpc1+fpc2");
            } else {
                design.append(", \"fpc\": \"fpc1\"");
                rArgs.add("fpc=~fpc1");
            }
        }
        if (nest) {
            design.append(", \"nest\": true");
            rArgs.add("nest=TRUE");
        }
        if (!lonely.equals("fail")) design.append(", \"lonely.psu\": \"").append(lonely).append('"');
        design.append('}');
        r.append("d <- read.csv(\"").append(csvName).append("\")\n");
        r.append("d$grp <- factor(d$grp); d$dom <- factor(d$dom); d$h <- factor(d$h)\n");
        r.append("options(survey.lonely.psu = \"").append(lonely).append("\")\n");
        r.append("des <- svydesign(").append(String.join(", ", rArgs)).append(", data = d)\n");
        int calKind = rnd.nextInt(6);
        // replicate weights made from the design: in one case in three without lonely PSUs, jackknife (JK1
        // unstratified, JKn stratified); balanced repeated replication whenever every stratum has two PSUs
        String replicates = null;
        if (brr) {
            replicates = "BRR";
        } else if (lonely.equals("fail") && more.nextInt(3) == 0) {
            replicates = stratified ? "JKn" : "JK1";
        }
        // bootstrap replicates drawn by the engine (in three cases in four left without lonely PSUs): R is given the
        // engine's replicate factors, as as.svrepdesign would hold them (factors, the design's weights as 1/prob,
        // the scale and rscales, selfrep from the fpc), since R's random draws cannot be matched
        String bootstrap = null;
        int bootReps = 0;
        long bootSeed = 0;
        // (not of a census, which has no sampling variance: the engine refuses bootstrap replicates there, where
        // R's estimators take their shortcut for self-representing rows on some estimates and fail on others)
        if (replicates == null && lonely.equals("fail") && extra.nextInt(4) != 0 && !census) {
            bootstrap = List.of("bootstrap", "subbootstrap", "mrbbootstrap").get(extra.nextInt(3));
            bootReps = 20 + extra.nextInt(31);
            bootSeed = extra.nextLong();
            replicates = bootstrap;
        }
        ReplicateDesign engineReplicates = null;
        if (bootstrap != null) {
            ReplicateDesign rd = engineBootstrap(csv, csvName, stages, stratified, fpc, nest, bootstrap, bootReps,
                    bootSeed);
            engineReplicates = rd;
            String repsName = csvName.replace(".csv", "-reps.csv");
            r.append("rw <- read.csv(\"").append(repsName).append("\")\n")
                    .append("sr <- if (is.null(des$fpc$popsize)) NULL else des$fpc$popsize[, 1] == des$fpc$sampsize[, 1]\n")
                    .append("d$pw0 <- 1 / des$prob\n")
                    .append("des <- svrepdesign(data = d, repweights = rw, weights = ~pw0, type = \"bootstrap\", scale = ")
                    .append(rd.scale()).append(", rscales = rep(").append(rd.rscales()[0]).append(", ").append(bootReps)
                    .append("), combined.weights = FALSE)\n")
                    .append("des$selfrep <- sr\n")
                    // compressed (one row of factors per data row), as as.svrepdesign holds bootstrap replicates:
                    // survey 4.1-1's calibrate fails on uncompressed ones (as it does on as.svrepdesign's
                    // mrbbootstrap replicates, a plain matrix; the numbers are the same either way)
                    .append("des$repweights <- structure(list(weights = as.matrix(rw), index = seq_len(nrow(rw))),"
                            + " class = c(\"repweights_compressed\", \"repweights\"))\n");
            designKinds.add(bootstrap);
        } else if (replicates != null) {
            try {
                engineReplicates = ReplicateDesign.fromDesign(engineDesign(csv, csvName, stages, stratified, fpc, nest),
                        ReplicateType.valueOf(replicates.toUpperCase(Locale.ROOT)), 0, false);
            } catch (RuntimeException refused) {
                engineReplicates = null; // a design both sides refuse whatever its calibration; compared as such
            }
            r.append("des <- as.svrepdesign(des, type = \"").append(replicates).append("\")\n");
            designKinds.add(replicates);
            if (brrBeyond) designKinds.add("BRR beyond 4·2^k");
        }
        if (!lonely.equals("fail")) designKinds.add("lonely " + lonely);
        // ---- calibration ----
        // none where a replicate has no rows of a category the calibration needs (see replicatesKeepEveryCategory)
        if (engineReplicates != null && (calKind == 1 && !replicatesKeepEveryCategory(engineReplicates, "dom")
                || calKind == 2 && !replicatesKeepEveryCategory(engineReplicates, "grp", "dom")
                || (calKind == 3 || calKind == 4) && !replicatesKeepEveryCategory(engineReplicates, "grp"))) {
            calKind = 0;
        }
        String calibration = null;
        String calName = "none";
        double popN = Math.round(sumW * (0.9 + 0.2 * rnd.nextDouble()));
        if (calKind == 1) {
            double[] t = categoryTotals(rowsForTotals, 3, 3, popN);
            calibration = "{\"poststratify\": " + margin("dom", "pqr", t) + "}";
            r.append("des <- postStratify(des, ~dom, ").append(rMargin("dom", "pqr", t)).append(")\n");
            calName = "poststratify";
            designKinds.add(calName);
        } else if (calKind == 2) {
            double[] tg = categoryTotals(rowsForTotals, 2, ng, popN);
            double[] td = categoryTotals(rowsForTotals, 3, 3, popN);
            boolean tight = rnd.nextBoolean();
            calibration = "{\"rake\": {\"margins\": [" + margin("grp", "abcd", tg) + ", " + margin("dom", "pqr", td) + "]"
                    + (tight ? ", \"epsilon\": 1e-10, \"maxit\": 100" : "") + "}}";
            r.append("des <- rake(des, list(~grp, ~dom), list(").append(rMargin("grp", "abcd", tg)).append(", ")
                    .append(rMargin("dom", "pqr", td)).append(")")
                    .append(tight ? ", control = list(epsilon = 1e-10, maxit = 100)" : "").append(")\n");
            calName = tight ? "rake (converged)" : "rake (R default control)";
            designKinds.add("rake");
        } else if (calKind == 3 || calKind == 4) {
            double[] tg = categoryTotals(rowsForTotals, 2, ng, popN);
            double sumWx = 0;
            for (double[] row : rowsForTotals) sumWx += row[0] * row[1];
            double tx = Math.round(sumWx * popN / sumW * (0.97 + 0.06 * rnd.nextDouble()) * 1000) / 1000.0;
            String calfun = calKind == 3 ? "linear" : "raking";
            StringBuilder pop = new StringBuilder("{\"(Intercept)\": " + num(popN));
            StringBuilder rPop = new StringBuilder("c(`(Intercept)` = " + num(popN));
            for (int j = 1; j < ng; j++) {
                pop.append(", \"grp").append("abcd".charAt(j)).append("\": ").append(num(tg[j]));
                rPop.append(", grp").append("abcd".charAt(j)).append(" = ").append(num(tg[j]));
            }
            pop.append(", \"x\": ").append(num(tx)).append('}');
            rPop.append(", x = ").append(num(tx)).append(')');
            calibration = "{\"calibrate\": {\"formula\": [\"grp\", \"x\"], \"population\": " + pop + ", \"calfun\": \""
                    + calfun + "\"}}";
            r.append("des <- calibrate(des, ~grp + x, ").append(rPop).append(", calfun = \"").append(calfun)
                    .append("\")\n");
            calName = "calibrate " + calfun;
            designKinds.add(calName);
        }

        this.rDesign = r.toString();
        this.replicates = replicates;
        this.calibrated = calibration != null;
        r.setLength(0);

        // ---- estimates ----
        String rm = missingY ? ", \"na.rm\": true" : "";
        String rRm = missingY ? ", na.rm = TRUE" : "";
        add("mean", "{\"mean\": \"y\"" + rm + "}", "m <- svymean(~y, des" + rRm + ")\n" + stat("y", true));
        add("total", "{\"total\": \"y\"" + rm + "}", "m <- svytotal(~y, des" + rRm + ")\n" + stat("y", true));
        add("mean of a factor", "{\"mean\": \"grp\"}", "m <- svymean(~grp, des)\n" + factorStat("grp", "abcd".substring(0, ng)));
        add("total of a factor", "{\"total\": \"dom\"}", "m <- svytotal(~dom, des)\n" + factorStat("dom", "pqr"));
        add("ratio", "{\"ratio\": \"x\", \"denominator\": \"w\"}",
                "m <- svyratio(~x, ~w, des)\no(K(\"x/w\", \"estimate\"), coef(m)); o(K(\"x/w\", \"se\"), SE(m))\n");
        add("domain mean", "{\"mean\": \"y\", \"by\": \"dom\"" + rm + "}",
                "m <- svyby(~y, ~dom, des, svymean" + rRm + ")\n"
                        + "for (i in seq_len(nrow(m))) { k <- paste0(\"y@\", m$dom[i]); o(K(k, \"estimate\"), m$y[i]); o(K(k, \"se\"), m$se[i]) }\n");
        // R survey 4.1-1 fails in svyby(covmat = TRUE) with na.rm = TRUE or on a calibrated design, so
        // differences between domains are drawn only for uncalibrated designs, on a variable without missing values
        if (calibration == null) {
            String yDiff = missingY ? "x" : "y";
            add("difference of domains", "{\"mean\": \"" + yDiff + "\", \"by\": \"dom\", \"difference\": [\"p\", \"r\"]}",
                    "m <- svyby(~" + yDiff + ", ~dom, des, svymean, covmat = TRUE)\n"
                            + "x <- svycontrast(m, c(1, 0, -1))\n"
                            + "o(K(\"" + yDiff + "@p-r\", \"estimate\"), coef(x)); o(K(\"" + yDiff + "@p-r\", \"se\"), SE(x))\n");
        }
        // R survey 4.1-1 cannot fit the logit interval's glm on a calibrated replicate design
        List<String> methods = replicates == null ? List.of("logit", "beta", "mean", "xlogit", "asin")
                : List.of("beta", "mean", "xlogit", "asin");
        for (String method : pick(methods, 2)) {
            add("proportion " + method, "{\"proportion\": \"b\", \"ci\": \"" + method + "\"}",
                    "m <- svyciprop(~I(b == 1), des, method = \"" + method + "\")\n"
                            + "o(K(\"b\", \"estimate\"), as.vector(m)); o(K(\"b\", \"se\"), SE(m)); o(K(\"b\", \"ci.lower\"), confint(m)[1]); o(K(\"b\", \"ci.upper\"), confint(m)[2])\n");
            if (method.equals("beta")) betaEstimates.add(id + "/" + (estimates.size() - 1) + "/");
            if (method.equals("logit")) {
                looseKeys.add(key(estimates.size() - 1, "b", "estimate"));
                looseKeys.add(key(estimates.size() - 1, "b", "ci.lower"));
                looseKeys.add(key(estimates.size() - 1, "b", "ci.upper"));
            }
        }
        // a proportion interval in each domain: svyciprop on the subset design, on its degrees of freedom (drawn
        // from the second stream, so that the rest of each case stays as it was). Where b is the same in all the
        // domain's rows the share is 0 or 1 up to rounding, and the limits are rounding noise: not compared
        String domainMethod = methods.get(more.nextInt(methods.size()));
        add("domain proportion", "{\"proportion\": \"b\", \"by\": \"dom\", \"ci\": \"" + domainMethod + "\"}",
                "for (lv in c(\"p\", \"q\", \"r\")) { s <- subset(des, dom == lv); m <- svyciprop(~I(b == 1), s, method = \""
                        + domainMethod + "\"); k <- paste0(\"b@\", lv)\n"
                        + "o(K(k, \"estimate\"), as.vector(m)); o(K(k, \"se\"), SE(m)); o(K(k, \"df\"), degf(s))\n"
                        + "if (length(unique(d$b[d$dom == lv])) > 1) { o(K(k, \"ci.lower\"), confint(m)[1]); o(K(k, \"ci.upper\"), confint(m)[2]) } }\n");
        if (domainMethod.equals("beta")) betaEstimates.add(id + "/" + (estimates.size() - 1) + "/");
        if (domainMethod.equals("logit")) {
            for (String level : List.of("p", "q", "r")) {
                for (String field : List.of("estimate", "ci.lower", "ci.upper")) {
                    looseKeys.add(key(estimates.size() - 1, "b@" + level, field));
                }
            }
        }
        String test = List.of("F", "Chisq", "adjWald", "Wald").get(rnd.nextInt(4));
        String chisq = "svychisq(~grp + h, des, statistic = \"" + test + "\")";
        StringBuilder table = new StringBuilder("m <- " + chisq + "\n"
                + "o(K(\"test\", \"statistic\"), m$statistic); pa <- m$parameter; o(K(\"test\", \"df1\"), pa[1]); if (length(pa) > 1) o(K(\"test\", \"df2\"), pa[2]); o(K(\"test\", \"p\"), m$p.value)\n"
                + "tb <- svytable(~grp + h, des)\n"
                + "for (a in rownames(tb)) for (b in colnames(tb)) o(K(paste0(\"grp=\", a, \",h=\", b), \"total\"), tb[a, b])\n");
        if (test.endsWith("Wald")) {
            // a Wald statistic inverts the table's covariance, which a calibration can leave nearly singular:
            // how far R's own statistic moves when the weights are nudged by an ulp bounds how closely it is
            // determined ("~nudged1".."~nudged3", as for iterative fits)
            for (int k = 1; k <= SurveyAgainstRTest.NUDGES; k++) {
                String mark = SurveyAgainstRTest.NUDGED + k;
                table.append("tryCatch(local({ des <- nudge(des, ").append(k).append("); m <- ").append(chisq)
                        .append("\no(K(\"test\", \"statistic").append(mark).append("\"), m$statistic); o(K(\"test\", \"p")
                        .append(mark).append("\"), m$p.value) }), error = function(e) NULL)\n");
            }
        }
        add("svychisq " + test, "{\"table\": [\"grp\", \"h\"], \"test\": \"" + test + "\"}", table.toString());
        quantile(missingY, replicates != null);
        model();
        tTest();

        StringBuilder whole = new StringBuilder("local({\n").append(rDesign);
        for (String est : rEstimates) whole.append(est);
        this.rCode = whole.append("})\n").toString();

        StringBuilder spec = new StringBuilder("{\"data\": \"").append(csvName).append("\",\n \"design\": ")
                .append(design);
        if (bootstrap != null) {
            spec.append(",\n \"replicates\": {\"type\": \"").append(bootstrap).append("\", \"replicates\": ")
                    .append(bootReps).append(", \"seed\": ").append(bootSeed).append('}');
        } else if (replicates != null) {
            spec.append(",\n \"replicates\": {\"type\": \"").append(replicates).append("\"}");
        }
        if (calibration != null) spec.append(",\n \"calibration\": ").append(calibration);
        this.specHead = spec.toString();
        this.specJson = specOf(estimates);
        this.summary = String.format(Locale.ROOT,
                "case %d: %d rows, %s, %d strata, %s, fpc=%s, lonely=%s, replicates=%s, calibration=%s", id, rows,
                stages == 0 ? "unclustered" : stages + "-stage clusters", strata, nest ? "nested" : "not nested", fpc,
                lonely, replicates == null ? "none" : replicates, calName);
    }

    private static final List<String> RULES = List.of("math", "school", "shahvaish", "hf1", "hf2", "hf3", "hf4",
            "hf5", "hf6", "hf7", "hf8", "hf9");

    /**
     * One call of {@code svyquantile}: a rule and interval type, one to three probabilities, on the whole
     * sample, in a subset or in each domain (R's svyby on the subset designs).
     */
    private void quantile(boolean missingY, boolean replicate) {
        String rule = RULES.get(more.nextInt(RULES.size()));
        List<String> intervals = List.of("mean", "beta", "xlogit", "asin", replicate ? "quantile" : "score");
        String interval = intervals.get(more.nextInt(intervals.size()));
        List<String> probs = new ArrayList<>(pickFrom(List.of("0.1", "0.25", "0.5", "0.75", "0.9"), 1 + more.nextInt(3)));
        probs.sort(null);
        String v = more.nextBoolean() ? "y" : "x";
        boolean naRm = v.equals("y") && missingY;
        int where = more.nextInt(4); // 0, 1: the whole sample; 2: a subset; 3: by domain
        StringBuilder spec = new StringBuilder("{\"quantile\": \"" + v + "\", \"probabilities\": [" + String.join(", ", probs)
                + "], \"rule\": \"" + rule + "\", \"interval\": \"" + interval + "\"");
        if (naRm) spec.append(", \"na.rm\": true");
        if (where == 2) spec.append(", \"subset\": {\"h\": \"u\"}");
        if (where == 3) spec.append(", \"by\": \"dom\"");
        spec.append('}');
        String call = "svyquantile(~" + v + ", DES, c(" + String.join(", ", probs) + "), qrule = \"" + rule
                + "\", interval.type = \"" + interval + "\"" + (naRm ? ", na.rm = TRUE" : "") + ")[[1]]";
        // Woodruff's interval goes through the share at or below the estimate. Where that share is 1 (the
        // estimate is the largest value) its variance is zero in exact arithmetic and R's is rounding noise,
        // whose sign and size decide whether R's limits are NaN, the largest or the smallest value: those limits
        // (and the SE made from them) are not compared. The replicates' own interval ("quantile") has no share
        boolean share = !interval.equals("quantile") && !interval.equals("score");
        StringBuilder body = new StringBuilder();
        // Where p equals a cumulative weight share in exact arithmetic (to 1e-12), which of the two values next
        // to it a rule takes, and the interval with it, is decided by rounding: that probability is not compared
        String print = "vv <- DS$variables$" + v + "; ww <- weights(DS, \"sampling\"); ok <- !is.na(vv) & ww > 0\n"
                + "cs <- cumsum(ww[ok][order(vv[ok])]) / sum(ww[ok])\n"
                + "for (k in seq_along(P)) if (!any(abs(cs - as.numeric(P[k])) < 1e-12)) {"
                + " l <- paste0(\"" + v + "#\", P[k], LV); o(K(l, \"estimate\"), q[k, 1])\n"
                + (share ? "if (!all(vv[ok] <= q[k, 1]) && !noisy(DS, \"" + v + "\", vv[ok], q[k, 1])) " : "")
                + "{ o(K(l, \"ci.lower\"), q[k, 2]); o(K(l, \"ci.upper\"), q[k, 3]); o(K(l, \"se\"), q[k, 4]) } }\n";
        // Nor where the share is decided by rounding in another way: R's estimate a rounding error away from a
        // value of the data (an interpolation that lands one ulp beside it: whether that value counts in the
        // share is rounding), or the share's standard error rounding noise (not zero but below 1e-12: zero in
        // exact arithmetic, as where a calibration fixes the share, and the interval built on it any number)
        body.append("noisy <- function(DS, v, vv, e) { if (any(vv != e & abs(vv - e) <= 1e-12 * abs(e))) return(TRUE)\n"
                + "se <- tryCatch(SE(svymean(as.formula(paste0(\"~I(\", v, \" <= \", sprintf(\"%.17g\", e), \")\")),"
                + " DS, na.rm = TRUE))[1], error = function(e) NA); isTRUE(se > 0 && se < 1e-12) }\n");
        body.append("P <- c(\"").append(String.join("\", \"", probs)).append("\")\n");
        if (where == 3) {
            body.append("for (lv in c(\"p\", \"q\", \"r\")) { LV <- paste0(\"@\", lv); DS <- subset(des, dom == lv)\nq <- ")
                    .append(call.replace("DES", "DS")).append("\n").append(print).append("}\n");
        } else {
            body.append("LV <- \"\"; DS <- ").append(where == 2 ? "subset(des, h == \"u\")" : "des").append("\nq <- ")
                    .append(call.replace("DES", "DS")).append("\n").append(print);
        }
        add("svyquantile", spec.toString(), body.toString());
        quantileEstimates.add(id + "/" + (estimates.size() - 1) + "/");
    }

    /**
     * One {@code svyglm}: a family, its response (y, the 0/1 b, the count n), up to three terms in drawn
     * order, sometimes in a subset, and in half the models with terms a {@code regTermTest} of one or two.
     */
    private void model() {
        String family = List.of("gaussian", "binomial", "quasibinomial", "poisson").get(more.nextInt(4));
        String response = switch (family) {
            case "gaussian" -> "y";
            case "poisson" -> "n";
            default -> "b";
        };
        boolean subset = more.nextInt(4) == 0;
        List<String> pool = new ArrayList<>(List.of("x", "grp", "dom", "h"));
        if (subset) pool.remove("h"); // a factor with one level in the subset is no term
        List<String> terms = pickFrom(pool, more.nextInt(4));
        List<String> tested = terms.isEmpty() || more.nextBoolean() ? List.of()
                : pickFrom(terms, 1 + more.nextInt(Math.min(2, terms.size())));
        StringBuilder spec = new StringBuilder("{\"glm\": \"" + response + "\", \"terms\": [");
        for (int j = 0; j < terms.size(); j++) spec.append(j > 0 ? ", " : "").append('"').append(terms.get(j)).append('"');
        // a small random sample may alias a column: R leaves its coefficient out (NA), asked of the engine too
        spec.append("], \"family\": \"").append(family).append("\", \"aliased\": \"drop\"");
        if (subset) spec.append(", \"subset\": {\"h\": \"v\"}");
        if (!tested.isEmpty()) {
            spec.append(", \"term.test\": [");
            for (int j = 0; j < tested.size(); j++) spec.append(j > 0 ? ", " : "").append('"').append(tested.get(j)).append('"');
            spec.append(']');
        }
        spec.append('}');
        String rhs = terms.isEmpty() ? "1" : String.join(" + ", terms);
        String fit = "svyglm(" + response + " ~ " + rhs + ", " + (subset ? "subset(des, h == \"v\")" : "des")
                + ", family = " + family + "()";
        StringBuilder body = new StringBuilder("m <- " + fit + ")\n" + printModel("", tested));
        if (!family.equals("gaussian")) {
            // R's iterative fit stops when the deviance settles (glm.control's epsilon 1e-8), which leaves its
            // coefficients determined only so far: where the likelihood is flat along them (a fit that separates)
            // they still move, and the replicates' refits with them. The same fit iterated further (epsilon 1e-12,
            // up to 100 iterations) is printed under the same keys marked "~further": how far R's own answer
            // moves bounds how closely it can be compared
            // (where that fit or its term test fails, what it printed before stays and the rest is not bounded)
            body.append("tryCatch({\nm <- suppressWarnings(").append(fit)
                    .append(", control = glm.control(epsilon = 1e-12, maxit = 100)))\n")
                    .append(printModel(SurveyAgainstRTest.FURTHER, tested)).append("}, error = function(e) NULL)\n");
            // and where the likelihood is that flat, the replicates' refits also turn on the last digit of their
            // weights (R's post-stratification and raking make them in an order of sums the engine does not
            // repeat bit for bit): the same fit on the design nudged by an ulp in three patterns, marked
            // "~nudged1".."~nudged3", shows how far R's own answer is determined by its rounding
            for (int k = 1; k <= SurveyAgainstRTest.NUDGES; k++) {
                body.append("tryCatch(local({\ndes <- nudge(des, ").append(k).append(")\nm <- suppressWarnings(")
                        .append(fit).append("))\n").append(printModel(SurveyAgainstRTest.NUDGED + k, tested))
                        .append("}), error = function(e) NULL)\n");
            }
        }
        add("svyglm " + family, spec.toString(), body.toString());
        if (!tested.isEmpty()) kinds.set(kinds.size() - 1, "svyglm " + family + " + regTermTest");
        if (!family.equals("gaussian")) iterativeEstimates.add(id + "/" + (estimates.size() - 1) + "/");
    }

    /**
     * R code printing the model {@code m} (and the term test of {@code tested}), each key's field ending in
     * {@code mark}.
     */
    private static String printModel(String mark, List<String> tested) {
        // without residual degrees of freedom R's summary has no t values and an infinite "Std. Error": the
        // design-based standard errors are SE(m) either way
        String body = "s <- coef(summary(m)); ci <- confint(m); se <- SE(m)\n"
                + "for (j in rownames(s)) { o(K(j, \"estimate@\"), s[j, 1]); o(K(j, \"se@\"), se[j]); "
                + "if (ncol(s) == 4) { o(K(j, \"statistic@\"), s[j, 3]); o(K(j, \"p@\"), s[j, 4]) }; "
                + "o(K(j, \"ci.lower@\"), ci[j, 1]); o(K(j, \"ci.upper@\"), ci[j, 2]) }\n"
                + "o(K(\"glm\", \"df@\"), m$df.residual)\n";
        if (!tested.isEmpty()) {
            body += "rt <- regTermTest(m, ~" + String.join(" + ", tested) + ")\n"
                    + "o(K(\"test\", \"statistic@\"), rt$Ftest); o(K(\"test\", \"df1@\"), rt$df); "
                    + "o(K(\"test\", \"df2@\"), rt$ddf); o(K(\"test\", \"p@\"), rt$p)\n";
        }
        return body.replace("@", mark);
    }

    /** One {@code svyttest}: y or x between the groups of h or of the 0/1 b, sometimes in a subset. */
    private void tTest() {
        String v = more.nextBoolean() ? "y" : "x";
        String group = more.nextBoolean() ? "h" : "b";
        boolean subset = more.nextInt(4) == 0;
        String spec = "{\"ttest\": \"" + v + "\", \"group\": \"" + group + "\""
                + (subset ? ", \"subset\": {\"dom\": \"q\"}" : "") + "}";
        String body = "t <- svyttest(" + v + " ~ " + group + ", " + (subset ? "subset(des, dom == \"q\")" : "des") + ")\n"
                + "o(K(\"t\", \"estimate\"), t$estimate); o(K(\"t\", \"ci.lower\"), t$conf.int[1]); "
                + "o(K(\"t\", \"ci.upper\"), t$conf.int[2]); o(K(\"t\", \"statistic\"), t$statistic); "
                + "o(K(\"t\", \"df\"), t$parameter); o(K(\"t\", \"p\"), t$p.value)\n";
        add("svyttest", spec, body);
    }

    /**
     * The engine's bootstrap replicates of the case's design (the same the spec's {@code replicates} draws from
     * its seed), whose factors go to {@link #files} for R: one row per data row, one column per replicate.
     */
    private ReplicateDesign engineBootstrap(String csvText, String csvName, int stages, boolean stratified, boolean fpc,
            boolean nest, String kind, int reps, long seed) {
        Design design = engineDesign(csvText, csvName, stages, stratified, fpc, nest);
        DataTable t = design.table();
        ReplicateType type = switch (kind) {
            case "bootstrap" -> ReplicateType.BOOTSTRAP;
            case "subbootstrap" -> ReplicateType.SUBBOOTSTRAP;
            default -> ReplicateType.MRBBOOTSTRAP;
        };
        ReplicateDesign rd = ReplicateDesign.bootstrap(design, type, reps, seed, false);
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < reps; k++) out.append(k > 0 ? "," : "").append("r").append(k + 1);
        out.append('\n');
        double[][] w = new double[reps][];
        for (int k = 0; k < reps; k++) w[k] = rd.replicateWeights(k);
        for (int i = 0; i < t.rowCount(); i++) {
            for (int k = 0; k < reps; k++) out.append(k > 0 ? "," : "").append(w[k][i] / rd.weight(i));
            out.append('\n');
        }
        files.put(csvName.replace(".csv", "-reps.csv"), out.toString());
        return rd;
    }

    /** The case's design as the engine builds it from the spec's design part. */
    private static Design engineDesign(String csvText, String csvName, int stages, boolean stratified, boolean fpc,
            boolean nest) {
        DataTable t = DataTable.readCsv(new StringReader(csvText), csvName);
        Design.Builder b = Design.builder(t).weights("w").nest(nest);
        if (stages == 1) b.ids("psu");
        if (stages == 2) b.ids("psu", "ssu");
        if (stratified) b.strata("str");
        if (fpc) b.fpc(stages == 2 ? new String[] {"fpc1", "fpc2"} : new String[] {"fpc1"});
        return b.build();
    }

    /**
     * Whether every replicate keeps weight in every category of {@code factors} that the sample has: a
     * replicate without a category's rows cannot be post-stratified, raked or calibrated on it, and both sides
     * refuse such a case as a whole (every estimate of it), so it is not drawn.
     */
    private static boolean replicatesKeepEveryCategory(ReplicateDesign rd, String... factors) {
        for (String name : factors) {
            FactorColumn f = rd.table().factor(name);
            boolean[] inSample = new boolean[f.levelCount()];
            for (int i = 0; i < f.size(); i++) if (f.code(i) >= 0 && rd.weight(i) > 0) inSample[f.code(i)] = true;
            for (int k = 0; k < rd.replicateCount(); k++) {
                double[] w = rd.replicateWeights(k);
                boolean[] kept = new boolean[f.levelCount()];
                for (int i = 0; i < f.size(); i++) if (f.code(i) >= 0 && w[i] > 0) kept[f.code(i)] = true;
                for (int c = 0; c < kept.length; c++) if (inSample[c] && !kept[c]) return false;
            }
        }
        return true;
    }

    /** {@code k} different elements of {@code from}, in the order drawn (from the second stream). */
    private List<String> pickFrom(List<String> from, int k) {
        List<String> pool = new ArrayList<>(from);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < k; i++) out.add(pool.remove(more.nextInt(pool.size())));
        return out;
    }

    /** The spec with the given estimates. */
    private String specOf(List<String> list) {
        return specHead + ",\n \"estimates\": [\n  " + String.join(",\n  ", list) + "]}\n";
    }

    /** The spec with estimate {@code e} alone (to find which estimates the engine refuses). */
    String specOfOne(int e) {
        return specOf(List.of(estimates.get(e)));
    }

    /** The number of estimates. */
    int estimateCount() {
        return estimates.size();
    }

    /** Draws case {@code id}; its CSV is to be written as {@code csvName} next to the spec and the R script. */
    static RandomSurvey draw(int id, long seed, String csvName) {
        return new RandomSurvey(id, seed, csvName);
    }

    /** The key of one printed number: case, estimate index, result label, field. */
    String key(int estimate, String label, String field) {
        return id + "/" + estimate + "/" + label + "/" + field;
    }

    private void add(String kind, String specEstimate, String rBody) {
        int e = estimates.size();
        estimates.add(specEstimate);
        kinds.add(kind);
        rEstimates.add("K <- function(label, field) paste0(\"" + id + "/" + e + "/\", label, \"/\", field)\n" + rBody);
    }

    private static String stat(String label, boolean withCi) {
        return "o(K(\"" + label + "\", \"estimate\"), coef(m)); o(K(\"" + label + "\", \"se\"), SE(m))\n"
                + (withCi ? "ci <- confint(m, df = degf(des)); o(K(\"" + label + "\", \"ci.lower\"), ci[1]); o(K(\""
                        + label + "\", \"ci.upper\"), ci[2])\n" : "");
    }

    private static String factorStat(String var, String levels) {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < levels.length(); j++) {
            String label = var + "=" + levels.charAt(j);
            s.append("o(K(\"").append(label).append("\", \"estimate\"), coef(m)[").append(j + 1).append("]); o(K(\"")
                    .append(label).append("\", \"se\"), SE(m)[").append(j + 1).append("])\n");
        }
        return s.toString();
    }

    private List<String> pick(List<String> from, int k) {
        List<String> pool = new ArrayList<>(from);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < k; i++) out.add(pool.remove(rnd.nextInt(pool.size())));
        return out;
    }

    /** Population counts per category: the sample's weighted shares, perturbed, scaled to {@code popN}. */
    private double[] categoryTotals(List<double[]> rows, int column, int levels, double popN) {
        double[] t = new double[levels];
        for (double[] row : rows) t[(int) row[column]] += row[0];
        double sum = 0;
        for (int j = 0; j < levels; j++) {
            t[j] *= 0.85 + 0.3 * rnd.nextDouble();
            sum += t[j];
        }
        double used = 0;
        for (int j = 0; j < levels - 1; j++) {
            t[j] = Math.round(t[j] / sum * popN);
            used += t[j];
        }
        t[levels - 1] = popN - used;
        return t;
    }

    private static String margin(String var, String labels, double[] t) {
        StringBuilder s = new StringBuilder("{\"variable\": \"" + var + "\", \"population\": {");
        for (int j = 0; j < t.length; j++) {
            s.append(j > 0 ? ", " : "").append('"').append(labels.charAt(j)).append("\": ").append(num(t[j]));
        }
        return s.append("}}").toString();
    }

    private static String rMargin(String var, String labels, double[] t) {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < t.length; j++) {
            a.append(j > 0 ? ", " : "").append('"').append(labels.charAt(j)).append('"');
            b.append(j > 0 ? ", " : "").append(num(t[j]));
        }
        return "data.frame(" + var + " = c(" + a + "), Freq = c(" + b + "))";
    }

    /** A number as both R and Java read it back exactly. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
