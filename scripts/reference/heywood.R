# A Heywood case: three items whose one-factor loading of item 1 exceeds 1.
# Run: Rscript scripts/reference/heywood.R   (R 4.2.2, psych 2.2.9)
suppressMessages(library(psych))
r <- matrix(c(1, .8, .75, .8, 1, .5, .75, .5, 1), 3)
st <- 1 - smc(r)
# the off-diagonal (minres) criterion and the ULS criterion (diagonal included), Psi >= 0.005
offd <- function(Psi) { S <- r; diag(S) <- 1 - Psi; e <- eigen(S)
  L <- e$vectors[, 1] * sqrt(e$values[1]); sum(((S - L %o% L)[lower.tri(S)])^2) }
uls <- function(Psi) { e <- eigen(r - diag(Psi))$values; 0.5 * sum(e[-1]^2) }
uls_gr <- function(Psi) { e <- eigen(r - diag(Psi)); v <- e$vectors[, -1]
  -colSums(t(v^2) * e$values[-1]) }
ld <- function(Psi) { S <- r; diag(S) <- 1 - Psi; e <- eigen(S); abs(e$vectors[, 1] * sqrt(e$values[1])) }
a <- optim(st, offd, method = "L-BFGS-B", lower = .005, upper = 1, control = list(factr = 1, pgtol = 0))
b <- optim(st, uls, uls_gr, method = "L-BFGS-B", lower = .005, upper = 1, control = list(factr = 1, pgtol = 0))
cat("off-diagonal criterion:\n"); print(ld(a$par), digits = 17)
cat("ULS criterion:\n"); print(ld(b$par), digits = 17)
cat("psych::fa(r, 1, fm = 'minres'):\n"); print(unclass(fa(r, 1, fm = "minres", warnings = FALSE)$loadings)[, 1], digits = 17)
cat("factanal (ML):\n")
print(unclass(factanal(covmat = r, factors = 1, n.obs = 100, control = list(nstart = 1, lower = 0.005,
  opt = list(factr = 1, pgtol = 0)))$loadings)[, 1], digits = 17)
