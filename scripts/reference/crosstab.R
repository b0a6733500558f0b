# Reference values for src/stats/crosstab.rs and noncentral_chisq.rs
# (R 4.2.2, effectsize 0.8.3, MASS 7.3-58.2). Run: Rscript scripts/reference/crosstab.R
# Writes tests/data/crosstab/tables.txt and tests/data/crosstab/pnchisq.txt.
suppressPackageStartupMessages({library(effectsize); library(MASS)})
f17 <- function(x) paste(sprintf("%.17g", x), collapse = " ")
out <- file("tests/data/crosstab/tables.txt", "w")
emit <- function(name, x, fisher = TRUE) {
  x <- as.matrix(x); storage.mode(x) <- "double"
  cat("== ", name, " ", nrow(x), " ", ncol(x), "\n", sep = "", file = out)
  for (i in seq_len(nrow(x))) cat("row", x[i, ], "\n", file = out)
  keep <- x[rowSums(x) > 0, colSums(x) > 0, drop = FALSE]
  ct <- suppressWarnings(chisq.test(keep, correct = FALSE))
  cat("expected", f17(t(suppressWarnings(chisq.test(x, correct = FALSE))$expected)), "\n", file = out)
  cat("pearson", f17(c(ct$statistic, ct$parameter, ct$p.value)), "\n", file = out)
  if (all(dim(keep) == 2)) {
    cy <- suppressWarnings(chisq.test(keep))
    cat("yates", f17(c(cy$statistic, cy$parameter, cy$p.value)), "\n", file = out)
    phi <- (keep[1,1]*keep[2,2] - keep[1,2]*keep[2,1]) / sqrt(prod(rowSums(keep)) * prod(colSums(keep)))
    cat("phi", f17(phi), "\n", file = out)
  }
  E <- ct$expected
  G <- 2 * sum(ifelse(keep > 0, keep * log(keep / E), 0))
  cat("lr", f17(c(G, ct$parameter, pchisq(G, ct$parameter, lower.tail = FALSE))), "\n", file = out)
  if (fisher) {
    fp <- tryCatch(fisher.test(x, workspace = 2e8)$p.value, error = function(e) NA)
    if (is.na(fp)) cat("fisher_fails\n", file = out) else cat("fisher", f17(fp), "\n", file = out)
  }
  n <- sum(keep)
  v <- chisq_to_cramers_v(ct$statistic, n, nrow(keep), ncol(keep), adjust = FALSE, alternative = "two.sided")
  cat("v", f17(c(v$Cramers_v, v$CI_low, v$CI_high)), "\n", file = out)
  va <- chisq_to_cramers_v(ct$statistic, n, nrow(keep), ncol(keep), adjust = TRUE, alternative = "two.sided")
  cat("vadj", f17(c(va[[1]], va$CI_low, va$CI_high)), "\n", file = out)
  # the exact ncp interval checked with R's own pchisq
  lam <- effectsize:::.get_ncp_chi(ct$statistic, ct$parameter, 0.95)
  cat("ncp_effectsize", f17(lam), "\n", file = out)
  # the same ends solved with uniroot on R's own pchisq (0 when the target is out of reach)
  chi <- unname(ct$statistic); df <- unname(ct$parameter)
  end <- function(target) {
    f <- function(l) pchisq(chi, df, l) - target
    if (f(0) <= 0) return(0)
    hi <- max(chi, 1); while (f(hi) > 0) hi <- 2 * hi
    uniroot(f, c(0, hi), tol = 1e-13)$root
  }
  cat("ncp_uniroot", f17(c(end(0.975), end(0.025))), "\n", file = out)
}
hair_eye <- margin.table(HairEyeColor, c(1, 2))
emit("HairEye", hair_eye)
emit("HairEyeFemale", HairEyeColor[, , "Female"])
emit("UCB_AdmitGender", margin.table(UCBAdmissions, c(1, 2)))
emit("UCB_AdmitDept", margin.table(UCBAdmissions, c(1, 3)))
emit("esoph_tob", rbind(cases = tapply(esoph$ncases, esoph$tobgp, sum),
                        controls = tapply(esoph$ncontrols, esoph$tobgp, sum)))
emit("survey_SmokeExer", table(survey$Smoke, survey$Exer))
emit("survey_SexSmoke", table(survey$Sex, survey$Smoke))
emit("Job", matrix(c(1,2,1,0, 3,3,6,1, 10,10,14,9, 6,7,12,11), 4, 4))
emit("small_2x5", matrix(c(3,0,5,2,1, 1,4,0,6,2), 2, byrow = TRUE))
emit("small_2x2", matrix(c(3,1,1,3), 2))
emit("zero_col", cbind(table(survey$Smoke, survey$Exer), None = 0))
emit("tea", matrix(c(3, 1, 1, 3), 2))
emit("survey_2x6_n300", matrix(c(20,25,30,22,28,25, 30,25,20,28,22,25), 2, byrow = TRUE))
emit("survey_3x4_n300", matrix(c(30,20,25,25, 20,30,25,25, 25,25,30,20), 3, byrow = TRUE))
emit("sparse_3x4", matrix(c(2,0,1,0, 0,3,0,1, 1,0,0,4), 3, byrow = TRUE))
close(out)

out <- file("tests/data/crosstab/pnchisq.txt", "w")
cat("# x df ncp lower upper: R pchisq(x, df, ncp) and lower.tail = FALSE\n", file = out)
for (a in list(c(5, 2, 1), c(12.3, 4, 3), c(0.5, 1, 0.2), c(30, 6, 10), c(2, 3, 20),
               c(100, 10, 80), c(150, 9, 100), c(400, 12, 350), c(1, 5, 50), c(90, 2, 1),
               c(3.84, 1, 7.8), c(55.5, 20, 30.25), c(1000, 30, 900), c(0.01, 2, 0.5))) {
  cat(f17(c(a, pchisq(a[1], a[2], a[3]), pchisq(a[1], a[2], a[3], lower.tail = FALSE))), "\n", file = out)
}
close(out)
