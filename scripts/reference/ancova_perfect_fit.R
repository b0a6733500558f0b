# ANCOVA at a perfect fit (issue 27): post is an exact linear function of pre and the group.
# lm gives the adjusted difference; its SE, t and p are rounding ("essentially perfect fit").
#   Rscript scripts/reference/ancova_perfect_fit.R
pre <- c(1, 2, 3, 4, 2, 3, 5, 6)
group <- c(0, 0, 0, 0, 1, 1, 1, 1)
post <- 3 + 0.5 * pre + 2 * group
fit <- lm(post ~ pre + group)
print(coef(fit), digits = 17)
print(suppressWarnings(summary(fit))$coefficients, digits = 17)
# a second case with a negative difference and a steeper slope
post2 <- -1 + 2.5 * pre - 3.25 * group
print(coef(lm(post2 ~ pre + group)), digits = 17)
# the case of src/stats/ancova.rs's test
pre <- c(10, 12, 9, 14, 11, 13, 8, 12); g <- c(1, 1, 1, 1, 0, 0, 0, 0)
post <- 2 + 0.5 * pre + 3 * g
print(coef(lm(post ~ pre + g)), digits = 17)
