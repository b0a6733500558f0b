# Reference values of the item analysis (issue 16), computed with R.
#
#   Rscript scripts/reference/items.R
#
# R 4.2.2, coin 1.4-2. The Stuart-Maxwell statistic is the formula of Stuart (1955) and Agresti
# (2002, sec. 10.3.1), checked against its published worked examples; the item values are for
# the bundled example's keyed answers (data/example/pre_items.csv, post_items.csv; reversed
# items scored 6 - answer) and are pasted into tests/cli/items_analysis.rs.
suppressPackageStartupMessages(library(coin))
stuart_maxwell <- function(x) {
  used <- rowSums(x) + colSums(x) > 0
  x <- x[used, used, drop = FALSE]
  k <- nrow(x); r <- rowSums(x); c <- colSums(x)
  d <- (r - c)[-k]
  S <- -(x + t(x)); diag(S) <- r + c - 2 * diag(x)
  S <- S[-k, -k, drop = FALSE]
  s <- tryCatch(drop(t(d) %*% solve(S) %*% d), error = function(e) NA)
  c(chi_sq = s, df = k - 1, p = pchisq(s, k - 1, lower.tail = FALSE))
}
# Stuart (1955): unaided distance vision, right eye by left eye: 11.96 on 3 df
vision <- matrix(c(1520, 234, 117, 36, 266, 1512, 362, 82, 124, 432, 1772, 179, 66, 78, 205, 492), 4)
print(stuart_maxwell(vision), digits = 17)
# Uebersax's example (DescTools' help page): 13.76 on 2 df
print(stuart_maxwell(matrix(c(20, 3, 0, 10, 30, 5, 5, 15, 40), nrow = 3)), digits = 17)

pre <- read.csv("data/example/pre_items.csv"); post <- read.csv("data/example/post_items.csv")
m <- merge(pre, post, by = "id", suffixes = c(".pre", ".post"))
reversed <- c("q3", "q8", "q12", "q15", "q19")
for (q in c("q1", "q3", "q7", "q12")) {
  a <- m[[paste0(q, ".pre")]]; b <- m[[paste0(q, ".post")]]
  if (q %in% reversed) { a <- 6 - a; b <- 6 - b }
  ok <- !is.na(a) & !is.na(b); a <- a[ok]; b <- b[ok]
  d <- b - a
  tab <- table(factor(a, levels = 1:5), factor(b, levels = 1:5))
  sign_p <- binom.test(sum(d > 0), sum(d != 0))$p.value
  w <- wilcoxsign_test(b ~ a, distribution = exact(), zero.method = "Wilcoxon")
  cat(q, "n =", length(d), "pre:", table(factor(a, levels = 1:5)), "post:", table(factor(b, levels = 1:5)), "\n")
  print(c(sign = sign_p, wilcoxon = pvalue(w), stuart_maxwell(unclass(tab))), digits = 17)
}
# A category chosen only by people who kept it: the Moore-Penrose inverse over the rank of V
# (MASS::ginv) gives the test of the other categories (src/stats/marginal.rs).
suppressPackageStartupMessages(library(MASS))
stuart_maxwell_ginv <- function(x) {
  r <- rowSums(x); c <- colSums(x); d <- r - c
  V <- -(x + t(x)); diag(V) <- r + c - 2 * diag(x)
  ev <- eigen(V, symmetric = TRUE)$values
  rank <- sum(ev > sqrt(.Machine$double.eps) * max(abs(ev)))
  s <- drop(t(d) %*% ginv(V) %*% d)
  c(chi_sq = s, df = rank, p = pchisq(s, rank, lower.tail = FALSE))
}
kept <- matrix(c(2, 0, 0, 1, 3, 1, 0, 0, 0, 0, 2, 0, 1, 2, 0, 3), 4)
print(stuart_maxwell_ginv(kept), digits = 17)
print(stuart_maxwell_ginv(vision), digits = 17)
for (q in c("q7")) {
  a <- m[[paste0(q, ".pre")]]; b <- m[[paste0(q, ".post")]]
  ok <- !is.na(a) & !is.na(b)
  tab <- unclass(table(factor(a[ok], levels = 1:5), factor(b[ok], levels = 1:5)))
  cat(q, "with the generalized inverse:\n")
  print(stuart_maxwell_ginv(tab), digits = 17)
}
