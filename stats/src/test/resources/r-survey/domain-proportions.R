# Reference values for ProportionInterval on domains: svyciprop on subset designs of R's api data, every method.
# Made with R survey 4.1-1: Rscript domain-proportions.R > domain-proportions.txt (DomainProportionIntervalReferenceTest)
# Each line: case method field value, where field is estimate, se (of the weighted mean), lower, upper, df
# (degf of the subset design, svyciprop's default), or error (R's message, when R refuses).
suppressMessages(library(survey))
data(api)
options(survey.lonely.psu = "fail", survey.adjust.domain.lonely = FALSE)

dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc)
dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)
dclus1p <- postStratify(dclus1, ~stype, data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018)))
rclus1 <- as.svrepdesign(dclus1)
ds <- svydesign(id = ~1, weights = ~pw, strata = ~dnum, data = apiclus1)

taylor <- c("mean", "xlogit", "asin", "beta", "logit", "likelihood")
replicate <- c("mean", "xlogit", "asin", "beta", "logit")

out <- function(case, method, field, v) cat(case, method, field, sprintf("%.17g", v), "\n")

run <- function(case, formula, design, methods, lonely = "fail", domainLonely = FALSE) {
  options(survey.lonely.psu = lonely, survey.adjust.domain.lonely = domainLonely)
  for (m in methods) {
    tryCatch({
      ci <- svyciprop(formula, design, method = m)
      out(case, m, "estimate", as.vector(ci))
      out(case, m, "se", SE(ci))
      out(case, m, "lower", confint(ci)[1])
      out(case, m, "upper", confint(ci)[2])
      out(case, m, "df", degf(design))
    }, error = function(e) cat(case, m, "error", gsub("[\n ]+", "_", conditionMessage(e)), "\n"))
  }
  options(survey.lonely.psu = "fail", survey.adjust.domain.lonely = FALSE)
}

# domains that cut across strata, and clusters of a one-stage cluster sample
run("dstrat.yrrndNo.awards", ~I(awards == "Yes"), subset(dstrat, yr.rnd == "No"), taylor)
run("dclus1.H.schwide", ~I(sch.wide == "Yes"), subset(dclus1, stype == "H"), taylor)
run("dclus1.M.ell0", ~I(ell < 10), subset(dclus1, stype == "M"), taylor)
# shares of exactly 0 and 1
run("dclus1.H.zero", ~I(yr.rnd == "Yes"), subset(dclus1, stype == "H"), taylor)
run("dclus1.H.one", ~I(yr.rnd == "No"), subset(dclus1, stype == "H"), taylor)
# a domain in one PSU: no degrees of freedom, so R's intervals are NA (the likelihood method refuses)
run("dclus1.onePsu.schwide", ~I(sch.wide == "Yes"), subset(dclus1, dnum == 716), taylor)
# two PSUs: one degree of freedom, where R's logit interval loses its tail to rounding (confint.svyglm's level)
run("dclus1.twoPsu.schwide", ~I(sch.wide == "Yes"), subset(dclus1, dnum %in% c(637, 716)), taylor)
# a calibrated design: the subset keeps every row with weight zero outside the domain
run("dclus1p.yrrndNo.awards", ~I(awards == "Yes"), subset(dclus1p, yr.rnd == "No"), taylor)
# lonely PSUs: district 413 is a stratum with one school; within the domains many districts have one school
run("ds.E.adjust", ~I(sch.wide == "Yes"), subset(ds, stype == "E"), taylor, lonely = "adjust")
run("ds.M.adjust.domain", ~I(sch.wide == "Yes"), subset(ds, stype == "M"), taylor, lonely = "adjust",
    domainLonely = TRUE)
run("ds.M.average.domain", ~I(sch.wide == "Yes"), subset(ds, stype == "M"), taylor, lonely = "average",
    domainLonely = TRUE)
# replicate weights (jackknife of dclus1): the subset keeps its rows' replicate weights
run("rclus1.H.schwide", ~I(sch.wide == "Yes"), subset(rclus1, stype == "H"), replicate)
run("rclus1.E.awards", ~I(awards == "Yes"), subset(rclus1, stype == "E"), replicate)
