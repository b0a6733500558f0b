# Reading prepost's results.csv (one row per scale, full precision) and change.csv (one row per
# participant and scale) in R, as an analysis script would:
#
#   prepost compare --pre data/example/pre.csv --post data/example/post.csv --out-dir results
#   Rscript examples/read_results.R results
#
# Prints each scale's change with d_z and the Holm-adjusted p, and who changed reliably.
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "results"
results <- read.csv(file.path(dir, "results.csv"))
print(results[, c("scale", "n_pairs", "diff_mean", "d_z", "d_z_ci_low", "d_z_ci_high",
                  "t_p", "t_p_adjusted", "bf10", "min_d_z")], digits = 3)
change <- read.csv(file.path(dir, "change.csv"))
print(table(change$scale, change$rci_class))
