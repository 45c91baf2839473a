## The engine's estimators that R's timing.R does not time, on the sample timing.R wrote (bench/stats/run.sh).
##   Rscript new-ops.R CSV
## The same design as timing.R (20 strata, fpc, weights); each call is timed once with system.time after a gc,
## as timing.R does, and its elapsed and CPU seconds (user + system) are printed; then the values, to 15
## significant digits, one per line as "key value" with the keys the Java side (StatsBenchmark) uses.
## The CSV has no continuous variable: the quantiles are of `stratum` (1..20), the models use the factors
## `group` and `size`, the numeric `stratum` and the 0/1 `y`.
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript new-ops.R CSV")
df <- read.csv(args[1])
df$group <- factor(df$group)
df$size <- factor(df$size)
cat("# survey", as.character(packageVersion("survey")), "|", R.version.string,
    "| n =", nrow(df), "| use_rcpp =", format(getOption("survey.use_rcpp")), "| new-ops.R\n")
d <- svydesign(id = ~1, strata = ~stratum, fpc = ~fpc, weights = ~w, data = df)

times <- list()
tm <- function(label, expr) {
  gc(FALSE)
  t <- system.time(val <- force(expr))
  times[[length(times) + 1L]] <<- t
  cat(sprintf("%-55s %8.3f s\n", label, t[["elapsed"]]))
  invisible(val)
}

probs <- c(0.25, 0.5, 0.75)
q <- tm("svyquantile(~stratum, d, c(.25, .5, .75))",
        svyquantile(~stratum, d, probs))
qb <- tm("svyby(~stratum, ~group, d, svyquantile, ...)",
         svyby(~stratum, ~group, d, svyquantile, quantiles = probs, ci = TRUE))
ml <- tm("svyglm(y ~ group + size, d)",
         svyglm(y ~ group + size, d))
mq <- tm("svyglm(y ~ group + stratum, d, quasibinomial)",
         svyglm(y ~ group + stratum, d, family = quasibinomial()))
rt <- tm("regTermTest(logistic model, ~group)",
         regTermTest(mq, ~group))
tt <- tm("svyttest(y ~ group, subset(d, group %in% c('a','b')))",
         svyttest(y ~ group, subset(d, group %in% c("a", "b"))))

cat("\n-- values (key value) --\n")
f <- function(x) trimws(formatC(x, digits = 15, format = "g"))
kv <- function(key, x) cat(key, " ", f(x), "\n", sep = "")
qm <- q$stratum
for (k in seq_along(probs)) {
  key <- paste0("quantile/", probs[k])
  kv(paste0(key, "/estimate"), qm[k, "quantile"])
  kv(paste0(key, "/lower"), qm[k, "ci.2.5"])
  kv(paste0(key, "/upper"), qm[k, "ci.97.5"])
  kv(paste0(key, "/se"), qm[k, "se"])
}
for (k in seq_along(probs)) {
  col <- paste0("stratum.", probs[k])
  for (g in seq_len(nrow(qb))) {
    key <- paste0("quantile-by/", qb$group[g], "/", probs[k])
    kv(paste0(key, "/estimate"), qb[g, col])
    kv(paste0(key, "/se"), qb[g, paste0("se.", col)])
  }
}
model <- function(prefix, m) {
  b <- coef(m)
  s <- SE(m)
  for (j in seq_along(b)) {
    kv(paste0(prefix, "/", names(b)[j], "/estimate"), b[[j]])
    kv(paste0(prefix, "/", names(b)[j], "/se"), s[[j]])
  }
  kv(paste0(prefix, "/df.residual"), m$df.residual)
}
model("glm-linear", ml)
model("glm-logistic", mq)
kv("term-test/F", rt$Ftest)
kv("term-test/df", rt$df)
kv("term-test/ddf", rt$ddf)
kv("term-test/p", rt$p)
kv("t-test/difference", tt$estimate)
kv("t-test/t", tt$statistic)
kv("t-test/df", tt$parameter)
kv("t-test/p", tt$p.value)
kv("t-test/lower", tt$conf.int[1])
kv("t-test/upper", tt$conf.int[2])

cat("\n-- cpu seconds (user + system) and elapsed seconds of each timed call, in order --\n")
for (t in times) cat(sprintf("%.3f %.3f\n", t[["user.self"]] + t[["sys.self"]], t[["elapsed"]]))
