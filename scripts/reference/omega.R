# McDonald's omega of bfi scales (listwise), as jamovi (psych::omega(x, 1, flip = FALSE)) and
# JASP (one-factor lavaan CFA, ML) compute it. Run from the crate's root.
# R 4.2.2, psych 2.2.9, psychTools 2.2.9, lavaan 0.6.14. Writes tests/data/factor/omega.json.
suppressMessages({library(psych); library(lavaan)})
source("scripts/reference/json.R")
data(bfi, package = "psychTools")

# omega_t from the converged one-factor fit (principal axis to 1e-14 = the minres fixed point)
omega_conv <- function(R) {
  f <- fa(R, 1, fm = "pa", min.err = 1e-14, max.iter = 1e5, rotate = "none")
  l <- unclass(f$loadings)[, 1]
  Vt <- sum(R)
  (Vt - sum(1 - l^2)) / Vt
}
omega_psych <- function(x) suppressMessages(suppressWarnings(
  omega(x, 1, flip = FALSE, plot = FALSE)$omega.tot))
omega_lavaan <- function(x) {
  names(x) <- paste0("i", seq_len(ncol(x)))
  model <- paste("f =~", paste(names(x), collapse = " + "))
  fit <- cfa(model, data = x, std.lv = TRUE)
  pe <- parameterEstimates(fit); ss <- standardizedSolution(fit)
  lam <- pe$est[pe$op == "=~"]; th <- pe$est[pe$op == "~~" & pe$lhs == pe$rhs & pe$lhs != "f"]
  ls <- ss$est.std[ss$op == "=~"]; ts <- ss$est.std[ss$op == "~~" & ss$lhs == ss$rhs & ss$lhs != "f"]
  c(sum(lam)^2 / (sum(lam)^2 + sum(th)), sum(ls)^2 / (sum(ls)^2 + sum(ts)))
}
# the same one-factor ML model by factanal with a tight L-BFGS-B: omega raw and standardized
omega_factanal <- function(x) {
  S <- cov(x); R <- cov2cor(S); sd <- sqrt(diag(S))
  f <- factanal(covmat = R, factors = 1, n.obs = nrow(x),
                control = list(nstart = 1, lower = 0.005, opt = list(factr = 1, pgtol = 0, maxit = 1e5)))
  l <- f$loadings[, 1]; u <- f$uniquenesses
  c(sum(l * sd)^2 / (sum(l * sd)^2 + sum(u * sd^2)), sum(l)^2 / (sum(l)^2 + sum(u)))
}
scale_ref <- function(items, reverse = character()) {
  x <- bfi[, items]
  for (r in reverse) x[[r]] <- 7 - x[[r]]
  x <- na.omit(x)
  R <- cor(x)
  k <- length(items)
  lav <- omega_lavaan(x)
  fac <- omega_factanal(x)
  j_obj(list(
    n = j_num(nrow(x)),
    psych = j_num(omega_psych(x)),
    converged = j_num(omega_conv(R)),
    if_deleted = j_vec(sapply(1:k, function(i) omega_conv(R[-i, -i]))),
    if_deleted_psych = j_vec(sapply(1:k, function(i) omega_psych(x[, -i]))),
    lavaan = j_num(lav[1]), lavaan_std = j_num(lav[2]),
    ml_tight = j_num(fac[1]), ml_tight_std = j_num(fac[2])))
}
out <- list(
  conscientiousness = scale_ref(paste0("C", 1:5), c("C4", "C5")),
  conscientiousness_raw = scale_ref(paste0("C", 1:5)),
  agreeableness = scale_ref(paste0("A", 1:5), "A1"),
  neuroticism = scale_ref(paste0("N", 1:5)))
writeLines(j_obj(out), "tests/data/factor/omega.json")
