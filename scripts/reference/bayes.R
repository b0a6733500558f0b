# Reference values of the JZS Bayes factor (issue 16), computed with R.
#
#   Rscript scripts/reference/bayes.R
#
# R 4.2.2, BayesFactor 0.9.12-4.4. The values are pasted into src/stats/bayes.rs.
suppressPackageStartupMessages(library(BayesFactor))
d <- c(3, 1, 4, -1, 5, 2, 6, 0, 2, 3, 1)
for (r in c(sqrt(2)/2, 1, 0.5)) {
  print(c(r, exp(ttestBF(d, rscale = r)@bayesFactor$bf)), digits = 17)
}
print(exp(ttestBF(d, rscale = sqrt(2)/2, nullInterval = c(0, Inf))@bayesFactor$bf), digits = 17)
x <- c(5, 7, 3, 8, 6, 9, 4); y <- c(2, 3, 1, 4, 2, 5, 3, 1)
print(exp(ttestBF(x, y, rscale = sqrt(2)/2)@bayesFactor$bf), digits = 17)
# the other side of a one-sided prior, a very large t, a t near 0
print(exp(ttestBF(-d, rscale = sqrt(2)/2, nullInterval = c(0, Inf))@bayesFactor$bf), digits = 17)
d3 <- c(10.1, 10.3, 9.8, 10.0, 10.2, 9.9)
print(exp(ttestBF(d3, rscale = sqrt(2)/2)@bayesFactor$bf), digits = 17)
d4 <- c(0.5, -0.3, 0.2, 0.1, -0.4, 0.6, 0.0, -0.2, 0.3, 0.1)
print(exp(ttestBF(d4, rscale = sqrt(2)/2)@bayesFactor$bf), digits = 17)
print(exp(ttestBF(d4, rscale = sqrt(2)/2, nullInterval = c(-Inf, 0))@bayesFactor$bf), digits = 17)
