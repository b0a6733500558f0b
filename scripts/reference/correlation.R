# References for src/stats/correlation.rs (R 4.2.2, psych 2.2.9).
# Run from the crate's directory: Rscript scripts/reference/correlation.R
d <- "tests/data/regress"
f17 <- function(x) paste(ifelse(is.na(x), "NAN", sprintf("%.17g", x)), collapse = ", ")
show <- function(label, x) cat(label, " = [", f17(x), "]\n", sep = "")
# every pair i < j (row-major) of the columns: cor.test(...) r, n, statistic, p, CI
pairs_ref <- function(tag, X, method, ...) {
  cat("--", tag, "--\n")
  r <- n <- st <- p <- lo <- hi <- c()
  for (i in 1:(ncol(X) - 1)) for (j in (i + 1):ncol(X)) {
    ok <- complete.cases(X[, i], X[, j])
    tt <- suppressWarnings(cor.test(X[, i], X[, j], method = method, ...))
    r <- c(r, tt$estimate); n <- c(n, sum(ok)); st <- c(st, tt$statistic); p <- c(p, tt$p.value)
    ci <- if (is.null(tt$conf.int)) c(NA, NA) else tt$conf.int
    lo <- c(lo, ci[1]); hi <- c(hi, ci[2])
  }
  show("r", r); show("n", n); show("stat", st); show("p", p)
  if (method == "pearson") { show("lo", lo); show("hi", hi) }
}

cat("==== swiss (47 provinces, no missing)\n")
S <- read.csv(file.path(d, "swiss.csv"))[, -1]
pairs_ref("swiss pearson", S, "pearson")
pairs_ref("swiss spearman", S, "spearman")
# the matrix equals cor()
stopifnot(max(abs(cor(S, method = "spearman") - cor(apply(S, 2, rank)))) < 1e-15)
cat("ties per column: "); print(sapply(S, function(v) anyDuplicated(v) > 0))

cat("==== psych::bfi A1..A5, C1..C5 (2800 rows, missing values)\n")
B <- read.csv(file.path(d, "bfi.csv"))[, 1:10]
pairs_ref("bfi pearson pairwise", B, "pearson")
pairs_ref("bfi spearman pairwise", B, "spearman")
ct <- psych::corr.test(B, adjust = "none")
stopifnot(max(abs(ct$r - cor(B, use = "pairwise"))) < 1e-15)
show("psych n[1, ]", ct$n[1, ])
show("psych p[1, 2:4]", ct$p[1, 2:4])
Bc <- B[complete.cases(B), ]
cat("listwise n =", nrow(Bc), "\n")
pairs_ref("bfi pearson listwise", Bc[, 1:4], "pearson")
pairs_ref("bfi spearman listwise", Bc[, 1:4], "spearman")

cat("==== Spearman without ties: exact (n <= 9), Edgeworth (10 <= n <= 1290), t (n > 1290)\n")
x9 <- c(3.1, 1.2, 5.5, 4.4, 9.0, 7.7, 2.5, 6.6, 8.1)
y9 <- c(2.0, 1.0, 4.5, 6.0, 8.8, 9.9, 3.3, 5.1, 7.2)
for (alt in c("two.sided", "less", "greater")) {
  tt <- cor.test(x9, y9, method = "spearman", alternative = alt)
  show(paste("n9", alt), c(tt$estimate, tt$statistic, tt$p.value))
}
tt <- cor.test(x9[1:4], y9[1:4], method = "spearman"); show("n4", c(tt$estimate, tt$statistic, tt$p.value))
tt <- cor.test(c(1, 2), c(2, 1), method = "spearman"); show("n2", c(tt$estimate, tt$statistic, tt$p.value))
tt <- cor.test(S$Fertility, S$Infant.Mortality, method = "spearman")
# swiss Fertility and Infant.Mortality have ties; the first 20 provinces without them:
x20 <- S$Agriculture[1:20]; y20 <- S$Catholic[1:20]
stopifnot(!anyDuplicated(x20), !anyDuplicated(y20))
for (alt in c("two.sided", "less", "greater")) {
  tt <- cor.test(x20, y20, method = "spearman", alternative = alt)
  show(paste("n20", alt), c(tt$estimate, tt$statistic, tt$p.value))
}

cat("==== Pearson small n and one-sided\n")
tt <- cor.test(x9[1:3], y9[1:3]); show("pearson n3", c(tt$estimate, tt$statistic, tt$p.value))
tt <- cor.test(x9[1:4], y9[1:4]); show("pearson n4", c(tt$estimate, tt$statistic, tt$p.value, tt$conf.int))
tt <- cor.test(x9, y9, alternative = "less", conf.level = 0.9); show("pearson less", c(tt$p.value, tt$conf.int))
tt <- cor.test(x9, y9, alternative = "greater", conf.level = 0.9); show("pearson greater", c(tt$p.value, tt$conf.int))

cat("==== Spearman beyond 1290 pairs (t) and at 1290 (AS 89, clamped to 0 in the far tail)\n")
i <- 1:1300; xb <- (i*7919) %% 1301; yb <- xb + 3*((i*104729) %% 1301) + i/4096
stopifnot(!anyDuplicated(xb), !anyDuplicated(yb))
tt <- cor.test(xb, yb, method = "spearman"); show("det1300", c(tt$estimate, tt$statistic, tt$p.value))
tt <- cor.test(xb[1:1290], yb[1:1290], method = "spearman"); show("det1290", c(tt$estimate, tt$statistic, tt$p.value))
tt <- cor.test(xb[1:1290], yb[1:1290], method = "spearman", alternative = "less"); show("det1290 less", tt$p.value)
# the t approximation on the same 1290 pairs, for comparison
r <- tt$estimate; show("t approx 1290", 2 * pt(r * sqrt(1288 / (1 - r^2)), 1288, lower.tail = FALSE))
