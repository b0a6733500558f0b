# Reference values of the equivalence test (TOST, Lakens 2017) and the ANCOVA design factor's
# power (issue 16), computed with R's t.test and pt.
#
#   Rscript scripts/reference/equivalence.R
#
# R 4.2.2. TOST: p_lower = t.test(d, mu = low, alternative = "greater")$p.value, p_upper =
# t.test(d, mu = high, alternative = "less")$p.value, the CI t.test(d, conf.level = 1 - 2 alpha).
# The values are pasted into src/stats/equivalence.rs and src/stats/power.rs.
tost <- function(d, low, high, alpha = 0.05) {
  pl <- t.test(d, mu = low, alternative = "greater")$p.value
  pu <- t.test(d, mu = high, alternative = "less")$p.value
  ci <- t.test(d, conf.level = 1 - 2 * alpha)$conf.int
  print(c(pl, pu, max(pl, pu), ci), digits = 17)
}
d2 <- c(0.5, -0.3, 0.2, 0.1, -0.4, 0.6, 0.0, -0.2, 0.3, 0.1)
tost(d2, -0.5, 0.5)
tost(d2, -0.5, 0.5, alpha = 0.025)
d <- c(3, 1, 4, -1, 5, 2, 6, 0, 2, 3, 1)
tost(d, 0.2, 1.0)                  # bounds that do not contain 0
tost(d2, -0.5 * sd(d2), 0.5 * sd(d2))  # --equivalence-dz 0.5
tost(c(1, 3), -1, 5)               # n = 2
# ANCOVA by the design factor 1 - r^2 (Borm et al. 2007): t with df n1 + n2 - 3
ancova_power <- function(d, n1, n2, r, alpha = 0.05) {
  df <- n1 + n2 - 3; ncp <- d * sqrt(n1 * n2 / (n1 + n2) / (1 - r^2)); q <- qt(1 - alpha / 2, df)
  1 - pt(q, df, ncp) + pt(-q, df, ncp)
}
print(ancova_power(0.8, 11, 10, 0.7), digits = 17)
print(uniroot(function(d) ancova_power(d, 11, 10, 0.7) - 0.8, c(1e-6, 10), tol = 1e-14)$root, digits = 17)
# the noncentral t density
print(c(dt(1.5, 10, 2), dt(0, 5, 1), dt(-2, 3, 0.5), dt(4, 20, 3.5)), digits = 17)
# the pooled within-group pre-post correlation (the partial correlation given group), on the
# data of src/stats/ancova.rs's tests
pre <- c(10,12,9,14,11,13,8,12,10,15,11,9); post <- c(14,15,13,18,13,17,9,12,11,15,12,9.5)
group <- c(rep(1, 6), rep(0, 6))
print(cor(resid(lm(pre ~ group)), resid(lm(post ~ group))), digits = 17)
# Student's two-sample t of the change scores (for the Bayes factor of a comparison group)
print(t.test(post[group == 1] - pre[group == 1], post[group == 0] - pre[group == 0], var.equal = TRUE)$statistic, digits = 17)
