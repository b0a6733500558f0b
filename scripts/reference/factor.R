# Reference values of KMO, Bartlett, eigenvalues, extraction and rotation.
# Run from the crate's root: Rscript scripts/reference/factor.R
# R 4.2.2, psych 2.2.9, GPArotation 2022.10.2, psychTools 2.2.9, lavaan 0.6.14.
# Writes tests/data/factor/{bfi,hs,harman74}.json (17 significant digits).
suppressMessages({library(psych); library(GPArotation)})
source("scripts/reference/json.R")
source("scripts/reference/tight.R")

# stats::promax(x, m) with a converged varimax and psych::Promax's factor correlations
promax_tight <- function(x, m = 4) {
  xx <- varimax_fixed(x)
  x <- unclass(xx$loadings)
  Q <- x * abs(x)^(m - 1)
  U <- lm.fit(x, Q)$coefficients
  d <- diag(solve(t(U) %*% U))
  U <- U %*% diag(sqrt(d))
  z <- x %*% U
  U <- xx$rotmat %*% U
  ui <- solve(U)
  list(loadings = z, Phi = ui %*% t(ui))
}
# psych::kaiser(x, "Promax") with promax_tight
kaiser_promax_tight <- function(f, m = 4) {
  h2 <- rowSums(f^2)
  r <- promax_tight(f / sqrt(h2), m)
  list(loadings = r$loadings * sqrt(h2), Phi = r$Phi)
}
oriented <- function(L, Phi = NULL) psych_order(L, Phi)

analyse <- function(R, n, m) {
  out <- list()
  out$kmo <- j_num(KMO(R)$MSA)
  out$kmo_items <- j_vec(KMO(R)$MSAi)
  b <- cortest.bartlett(R, n = n)
  out$bartlett <- j_vec(c(b$chisq, b$p.value, b$df))
  out$eigen <- j_vec(eigen(R)$values)
  out$harman <- j_num(principal(R, 1)$Vaccounted[2, 1])

  # principal components
  pc <- principal(R, m, rotate = "none")
  out$pc_loadings <- j_mat(unclass(pc$loadings))
  out$pc_communality <- j_vec(pc$communality)
  out$pc_ss <- j_vec(pc$Vaccounted[1, ])
  unrot <- oriented(pc$loadings)$L
  pv <- principal(R, m, rotate = "varimax")
  gv <- suppressWarnings(GPArotation::Varimax(unrot, normalize = TRUE, eps = 1e-14, maxit = 2000))
  sv <- stats::varimax(unrot, eps = 1e-15)
  conv <- oriented(varimax_fixed(unrot)$loadings)$L
  out$pc_varimax <- j_obj(list(
    unrotated = j_mat(unrot),
    psych = j_mat(unclass(pv$loadings)),
    converged = j_mat(conv),
    gpa_tight_minus_converged = j_num(max(abs(oriented(gv$loadings)$L - conv))),
    stats_tight_minus_converged = j_num(max(abs(oriented(sv$loadings)$L - conv))),
    psych_minus_converged = j_num(max(abs(unclass(pv$loadings) - conv)))))

  # minres: psych's, and the converged one (principal axis iterated to 1e-14, the same fixed point)
  mr <- fa(R, m, n.obs = n, fm = "minres", rotate = "none")
  pat <- fa(R, m, n.obs = n, fm = "pa", rotate = "none", min.err = 1e-14, max.iter = 1e5)
  mr_conv <- oriented(pat$loadings)$L
  out$minres <- j_obj(list(
    psych = j_mat(unclass(mr$loadings)),
    converged = j_mat(mr_conv),
    communality = j_vec(rowSums(mr_conv^2)),
    pa_iterations = j_num(length(pat$communality.iterations)),
    min_uniqueness = j_num(min(1 - rowSums(mr_conv^2))),
    psych_minus_converged = j_num(max(abs(unclass(mr$loadings) - mr_conv)))))
  pa <- fa(R, m, n.obs = n, fm = "pa", rotate = "none")
  out$pa_psych <- j_obj(list(loadings = j_mat(unclass(pa$loadings)),
                             communality = j_vec(pa$communality)))

  # ML: psych's; factanal with a tight L-BFGS-B (its gradient stays near 1e-7), polished by
  # Newton's method (ml_newton, tight.R) to a gradient below 1e-13
  ml <- fa(R, m, n.obs = n, fm = "ml", rotate = "none")
  fat <- factanal(covmat = R, factors = m, n.obs = n, rotation = "none",
                  control = list(nstart = 1, lower = 0.005,
                                 opt = list(factr = 1, pgtol = 0, maxit = 1e5)))
  nt <- ml_newton(R, m, fat$uniquenesses)
  ml_conv <- oriented(nt$loadings)$L
  out$ml <- j_obj(list(
    psych = j_mat(unclass(ml$loadings)),
    converged = j_mat(ml_conv),
    gradient = j_num(nt$gradient),
    factanal_gradient = j_num(max(abs(ml_gr(fat$uniquenesses, R, m)))),
    factanal_minus_converged = j_num(max(abs(oriented(fat$loadings)$L - ml_conv))),
    objective = j_num(nt$objective),
    uniquenesses = j_vec(nt$psi),
    psych_minus_converged = j_num(max(abs(unclass(ml$loadings) - ml_conv)))))

  # oblimin of the converged minres loadings
  for (k in c(FALSE, TRUE)) {
    g <- oblimin_tight(mr_conv, normalize = k)
    gs <- suppressWarnings(GPArotation::oblimin(mr_conv, normalize = k, eps = 1e-10, maxit = 2000))
    o <- oriented(g$loadings, g$Phi)
    ps <- fa(R, m, n.obs = n, fm = "minres", rotate = "oblimin")
    item <- list(unrotated = j_mat(mr_conv), converged = j_mat(o$L), converged_phi = j_mat(o$Phi),
                 gradient = j_num(g$s),
                 gpa_stalled_minus_converged = j_num(max(abs(oriented(gs$loadings, gs$Phi)$L - o$L))))
    if (!k) {
      item$psych <- j_mat(unclass(ps$loadings))
      item$psych_phi <- j_mat(ps$Phi)
      item$psych_minus_converged <- j_num(max(abs(unclass(ps$loadings) - o$L)))
    }
    out[[if (k) "mr_oblimin_kaiser" else "mr_oblimin"]] <- j_obj(item)
  }
  # promax of the converged ML loadings
  pt <- promax_tight(ml_conv); o <- oriented(pt$loadings, pt$Phi)
  pp <- psych::Promax(ml_conv); op <- oriented(pp$loadings, pp$Phi)
  out$ml_promax <- j_obj(list(unrotated = j_mat(ml_conv), converged = j_mat(o$L),
                              converged_phi = j_mat(o$Phi),
                              psych_minus_converged = j_num(max(abs(op$L - o$L)))))
  kt <- kaiser_promax_tight(ml_conv); o <- oriented(kt$loadings, kt$Phi)
  out$ml_promax_kaiser <- j_obj(list(unrotated = j_mat(ml_conv), converged = j_mat(o$L),
                                     converged_phi = j_mat(o$Phi)))
  out
}

# psych::bfi, listwise and pairwise
data(bfi, package = "psychTools")
b <- bfi[, 1:25]
bl <- na.omit(b)
Rl <- cor(bl)
Rp <- cor(b, use = "pairwise")
np <- crossprod(!is.na(as.matrix(b)))
lw <- analyse(Rl, nrow(bl), 5); lw$r <- j_mat(Rl); lw$n <- j_num(nrow(bl))
pw <- analyse(Rp, nrow(b), 5); pw$r <- j_mat(Rp); pw$n <- j_num(nrow(b))
pw$n_min <- j_num(min(np[upper.tri(np)]))
writeLines(j_obj(list(listwise = j_obj(lw), pairwise = j_obj(pw))), "tests/data/factor/bfi.json")

# Holzinger & Swineford (1939), x1..x9
hs <- lavaan::HolzingerSwineford1939[, paste0("x", 1:9)]
h <- analyse(cor(hs), nrow(hs), 3)
writeLines(j_obj(list(listwise = j_obj(h))), "tests/data/factor/hs.json")

# Harman74.cor (24 tests, n = 145): a correlation matrix as input
H <- datasets::Harman74.cor$cov
hh <- analyse(H, 145, 4)
writeLines(j_obj(list(listwise = j_obj(hh))), "tests/data/factor/harman74.json")
