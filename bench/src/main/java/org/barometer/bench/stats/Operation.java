package org.barometer.bench.stats;

/**
 * The operations of R's {@code timing.R}, in its order, then those of the project's {@code bench/stats/new-ops.R}
 * (the estimators {@code timing.R} does not time), each with the label R prints for it.
 */
enum Operation {
    DESIGN("design", "svydesign(", "svydesign(id=~1, strata=~stratum, fpc=~fpc, weights=~w)"),
    MEAN_FACTOR("mean-factor", "svymean(~group, d)", "svymean(~group): shares of a 5-level factor"),
    MEAN("mean", "svymean(~y, d)", "svymean(~y)"),
    TOTAL_FACTOR("total-factor", "svytotal(~group, d)", "svytotal(~group)"),
    DOMAIN_MEANS("domain-means", "svyby(~y, ~group, d,", "svyby(~y, ~group, svymean)"),
    CHISQ("chisq", "svychisq(", "svychisq(~group + yf): Rao-Scott F"),
    BETA("ci-beta", "svyciprop(~y, d, method='beta')", "svyciprop(~y, method='beta')"),
    LOGIT("ci-logit", "svyciprop(~y, d, method='logit')", "svyciprop(~y, method='logit')"),
    RAKE("rake", "rake(", "rake on group and size, R's default control"),
    RAKED_MEAN("raked-mean", "svymean(~y, raked", "svymean(~y) after raking"),
    RAKED_DOMAIN_MEANS("raked-domain-means", "svyby(~y, ~group, raked", "svyby(~y, ~group) after raking"),
    // bench/stats/new-ops.R
    QUANTILE("quantile", "svyquantile(~stratum, d,", "svyquantile(~stratum, quartiles): Woodruff intervals"),
    QUANTILE_BY("quantile-by", "svyby(~stratum, ~group, d, svyquantile", "svyby(~stratum, ~group, svyquantile)"),
    GLM_LINEAR("glm-linear", "svyglm(y ~ group + size, d)", "svyglm(y ~ group + size): linear"),
    GLM_LOGISTIC("glm-logistic", "svyglm(y ~ group + stratum, d, quasibinomial",
            "svyglm(y ~ group + stratum, quasibinomial)"),
    TERM_TEST("term-test", "regTermTest(", "regTermTest(logistic model, ~group)"),
    T_TEST("t-test", "svyttest(", "svyttest(y ~ group) between domains a and b");

    final String key;
    private final String rPrefix;
    final String description;

    Operation(String key, String rPrefix, String description) {
        this.key = key;
        this.rPrefix = rPrefix;
        this.description = description;
    }

    /** Whether R's part comes from the project's {@code new-ops.R} rather than {@code timing.R}. */
    boolean newOp() {
        return ordinal() >= QUANTILE.ordinal();
    }

    static Operation ofRLabel(String label) {
        for (Operation op : values()) if (label.startsWith(op.rPrefix)) return op;
        return null;
    }
}
