# The bundled example (data/example/groups_pre_items.csv, keyed by data/scales/
# children_self_confidence.toml: q3, q8, q12, q15, q19 reversed as 6 - x) against psych and
# GPArotation, for the CLI tests of `prepost factor` and `prepost reliability`.
# Run from the repository root. R 4.2.2, psych 2.2.9, GPArotation 2022.10.2, car 3.1-1.
# Writes tests/data/factor/example.json.
suppressMessages({library(psych); library(GPArotation); library(car)})
source("scripts/reference/json.R")
d <- read.csv("data/example/groups_pre_items.csv")
items <- paste0("q", 1:20)
x <- d[, items]
for (r in c("q3", "q8", "q12", "q15", "q19")) x[[r]] <- 6 - x[[r]]
x <- na.omit(x); n <- nrow(x)
R <- cor(x)
k <- KMO(R); b <- cortest.bartlett(R, n = n)
e <- eigen(R)$values
# 4 principal components (eigenvalues above 1), varimax with Kaiser normalization, converged
p4 <- principal(R, 4, rotate = "none")
L0 <- psych_order(unclass(p4$loadings))$L
V <- stats::varimax(L0, normalize = TRUE, eps = 1e-15)
Lv <- psych_order(unclass(V$loadings))$L
pv <- principal(R, 4, rotate = "varimax")  # psych's printed (stops early)
# minres with 4 factors, oblimin without Kaiser normalization (as psych::fa), converged
m4 <- fa(R, 4, fm = "minres", rotate = "none", n.obs = n)
harman <- principal(R, 1, rotate = "none")$Vaccounted["Proportion Var", 1]
# omega of each subscale: converged one-factor fit
omega_conv <- function(R) {
  f <- fa(R, 1, fm = "pa", min.err = 1e-14, max.iter = 1e4, rotate = "none")
  l <- unclass(f$loadings)[, 1]
  (sum(R) - sum(1 - l^2)) / sum(R)
}
sub <- function(v) {
  xs <- x[, v]; Rs <- cor(xs)
  tot <- rowSums(xs); m <- ceiling(0.27 * n - 1e-9); s <- sort(tot)
  lo <- tot <= s[m]; hi <- tot >= s[n - m + 1]
  cr <- sapply(v, function(it) { w <- t.test(xs[hi, it], xs[lo, it]); c(w$statistic, w$parameter, w$p.value) })
  # SPSS split model, odd-even
  odd <- seq(1, length(v), 2); even <- seq(2, length(v), 2)
  s1 <- rowSums(xs[, odd, drop = FALSE]); s2 <- rowSums(xs[, even, drop = FALSE])
  r <- cor(s1, s2); V <- var(s1 + s2)
  j_obj(list(omega = j_num(omega_conv(Rs)),
             omega_if_deleted = j_vec(sapply(seq_along(v), function(i) omega_conv(Rs[-i, -i]))),
             alpha = j_num(psych::alpha(xs, check.keys = FALSE, warnings = FALSE)$total$raw_alpha),
             cr_t = j_vec(cr[1, ]), cr_df = j_vec(cr[2, ]), cr_p = j_vec(cr[3, ]),
             split_r = j_num(r), split_sb = j_num(2 * r / (1 + r)),
             split_guttman = j_num(2 * (1 - (var(s1) + var(s2)) / V))))
}
out <- list(
  n = j_num(n), kmo = j_num(k$MSA), kmo_items = j_vec(k$MSAi),
  bartlett = j_vec(c(b$chisq, b$df, b$p.value)), eigen = j_vec(e),
  pc_varimax = j_mat(Lv), pc_varimax_psych = j_mat(psych_order(unclass(pv$loadings))$L),
  pc_communality = j_vec(rowSums(L0^2)), harman = j_num(harman),
  self_perception = sub(paste0("q", 1:5)), future = sub(paste0("q", 16:20)))
writeLines(j_obj(out), "tests/data/factor/example.json")
