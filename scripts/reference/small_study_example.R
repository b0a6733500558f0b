# Reference values of the small-study statistics on the bundled example (issue 16), for the
# integration tests in tests/cli/small_study.rs.
#
#   Rscript scripts/reference/small_study_example.R
#
# R 4.2.2, BayesFactor 0.9.12-4.4, pwr 1.3-0.
suppressPackageStartupMessages({library(BayesFactor); library(pwr)})
pre <- read.csv("data/example/pre.csv"); post <- read.csv("data/example/post.csv")
m <- merge(pre, post, by = "id", suffixes = c(".pre", ".post"))
d <- m$total.post - m$total.pre
bf <- function(...) exp(ttestBF(...)@bayesFactor$bf[1])
print(c(bf10 = bf(d), wide = bf(d, rscale = 1), greater = bf(d, nullInterval = c(0, Inf))), digits = 15)
print(c(min_d_z = uniroot(function(x) pwr.t.test(n = length(d), d = x, type = "paired")$power - 0.8,
                          c(1e-6, 10), tol = 1e-14)$root), digits = 15)
tost <- function(d, low, high, alpha = 0.05) {
  pl <- t.test(d, mu = low, alternative = "greater")$p.value
  pu <- t.test(d, mu = high, alternative = "less")$p.value
  c(p = max(pl, pu), p_lower = pl, p_upper = pu, t.test(d, conf.level = 1 - 2 * alpha)$conf.int)
}
print(tost(d, -2, 2), digits = 15)
# bounds around the observed change: equivalent at alpha = .05
print(tost(d, 5, 18), digits = 15)
# the comparison-group example: the difference in change
g <- read.csv("data/example/groups_pre.csv"); h <- read.csv("data/example/groups_post.csv")
mg <- merge(g, h, by = "id", suffixes = c(".pre", ".post"))
dg <- mg$total.post - mg$total.pre
tr <- mg$group.pre == "program"
print(c(between_bf10 = bf(dg[tr], dg[!tr])), digits = 15)
print(c(min_d = uniroot(function(x) pwr.t2n.test(n1 = sum(tr), n2 = sum(!tr), d = x)$power - 0.8,
                        c(1e-6, 10), tol = 1e-14)$root), digits = 15)
# the ANCOVA's sensitivity: the pooled within-group pre-post r and the design factor's root
r <- cor(resid(lm(mg$total.pre ~ tr)), resid(lm(mg$total.post ~ tr)))
f <- function(d) { df <- 11 + 10 - 3; ncp <- d * sqrt(11 * 10 / 21 / (1 - r^2)); q <- qt(.975, df)
  1 - pt(q, df, ncp) + pt(-q, df, ncp) - 0.8 }
print(c(r_within = r, min_d_ancova = uniroot(f, c(0.01, 5), tol = 1e-14)$root), digits = 17)
