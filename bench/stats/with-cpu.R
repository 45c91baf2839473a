## Runs R's timing.R unchanged and then prints, for each call it timed and in the same order, the CPU seconds
## (user + system) next to the elapsed seconds. On a shared machine elapsed time depends on the other load;
## CPU time much less, so the benchmark compares both.
##   Rscript with-cpu.R TIMING_R [nrows] [CSV_OUT]
.bench_args <- commandArgs(trailingOnly = TRUE)
.bench_times <- list()
## timing.R times every call with system.time(); this records each result as well.
system.time <- function(expr, gcFirst = TRUE) {
  t <- base::system.time(expr, gcFirst)
  .bench_times[[length(.bench_times) + 1L]] <<- t
  t
}
## timing.R reads its own arguments: give it those after the script's path.
commandArgs <- function(trailingOnly = FALSE) {
  if (trailingOnly) .bench_args[-1] else base::commandArgs(FALSE)
}
source(.bench_args[1])
cat("\n-- cpu seconds (user + system) and elapsed seconds of each timed call, in order --\n")
for (t in .bench_times) cat(sprintf("%.3f %.3f\n", t[["user.self"]] + t[["sys.self"]], t[["elapsed"]]))
