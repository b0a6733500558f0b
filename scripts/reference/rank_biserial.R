# The matched-pairs rank-biserial correlation at r = +-1 (issue 27): effectsize's Fisher-z
# interval is the point [1, 1]; prepost gives the other end of the score interval of
# (1 + r)/2 with effective size 1/SE^2 (SE the Fisher-z SE of effectsize):
#   end = (1 - z^2 SE^2)/(1 + z^2 SE^2).
#   Rscript scripts/reference/rank_biserial.R
suppressMessages(library(effectsize))
cat("effectsize", as.character(packageVersion("effectsize")), "\n")
d <- sleep$extra[11:20] - sleep$extra[1:10]
rb <- rank_biserial(sleep$extra[11:20], sleep$extra[1:10], paired = TRUE)
print(rb)
se <- function(n) sqrt((2 * n^3 + 3 * n^2 + n) / 6) / (n * (n + 1) / 2)
end <- function(n, level) { q <- (qnorm(1 - (1 - level) / 2) * se(n))^2; (1 - q) / (1 + q) }
n <- sum(d != 0)  # 9 ranked differences (one is 0)
cat("sleep, 95%: lower end\n"); print(end(n, 0.95), digits = 17)
cat("sleep, one-sided 90% (level 2*0.9 - 1 = 0.8):\n"); print(end(n, 0.8), digits = 17)
cat("n = 2, 95%:\n"); print(end(2, 0.95), digits = 17)
cat("n = 50, 99%:\n"); print(end(50, 0.99), digits = 17)
# all negative: r = -1, effectsize
x <- c(5, 7, 9, 6, 8); y <- c(3, 4, 5, 5, 2)
print(rank_biserial(y, x, paired = TRUE))
cat("n = 5, 95%: upper end of r = -1\n"); print(-end(5, 0.95), digits = 17)
cat("95% ends for n = 2..15 ranked differences (the reference cases with r = 1):\n")
print(sapply(2:15, end, level = 0.95), digits = 17)
