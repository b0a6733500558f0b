# Rotations run past the point where GPArotation and stats stop (sourced by the reference
# scripts). R 4.2.2, GPArotation 2022.10.2.

# stats::varimax's iteration (Kaiser normalization) for a fixed number of steps, no stopping rule
varimax_fixed <- function(x, iters = 2000, normalize = TRUE) {
  x <- unclass(as.matrix(x))
  sc <- if (normalize) sqrt(rowSums(x^2)) else rep(1, nrow(x))
  x <- x / sc
  p <- nrow(x); TT <- diag(ncol(x))
  for (i in 1:iters) {
    z <- x %*% TT
    B <- t(x) %*% (z^3 - z %*% diag(drop(rep(1, p) %*% z^2)) / p)
    sB <- La.svd(B)
    TT <- sB$u %*% sB$vt
  }
  list(loadings = (x %*% TT) * sc, rotmat = TT)
}

# GPArotation::GPFoblq with the oblimin criterion, with one change: once the decrease the Armijo
# test asks for (s^2 al / 2) is below f's rounding (64 eps |f|), where rounding noise could pass
# it, a trial step must instead lower the projected gradient's norm without raising f beyond its
# rounding. Runs until that norm is below `eps`.
oblimin_tight <- function(A, gam = 0, normalize = FALSE, eps = 1e-13, maxit = 1e5) {
  A <- unclass(as.matrix(A))
  if (normalize) { W <- sqrt(rowSums(A^2)); A <- A / W }
  Tmat <- diag(ncol(A)); al <- 1
  crit <- function(L) GPArotation:::vgQ.oblimin(L, gam = gam)
  grad <- function(L, Gq, Tm) -t(t(L) %*% Gq %*% solve(Tm))
  pgrad <- function(G, Tm) G - Tm %*% diag(c(rep(1, nrow(G)) %*% (Tm * G)))
  L <- A %*% t(solve(Tmat)); V <- crit(L); G <- grad(L, V$Gq, Tmat); f <- V$f
  for (iter in 0:maxit) {
    Gp <- pgrad(G, Tmat); s <- sqrt(sum(Gp^2))
    if (s < eps) break
    al <- 2 * al
    for (i in 0:10) {
      X <- Tmat - al * Gp
      v <- 1 / sqrt(c(rep(1, nrow(X)) %*% X^2))
      Tt <- X %*% diag(v)
      Lt <- A %*% t(solve(Tt)); Vt <- crit(Lt)
      Gt <- grad(Lt, Vt$Gq, Tt)
      improvement <- f - Vt$f
      noise <- 64 * .Machine$double.eps * abs(f)
      if (0.5 * s^2 * al > noise) {
        if (improvement > 0.5 * s^2 * al) break
      } else if (improvement >= -noise && sqrt(sum(pgrad(Gt, Tt)^2)) < s) break
      al <- al / 2
    }
    Tmat <- Tt; f <- Vt$f; G <- Gt; L <- Lt
  }
  if (normalize) L <- L * W
  list(loadings = L, Phi = t(Tmat) %*% Tmat, s = s, iterations = iter)
}

# factanal's ML criterion and gradient (stats:::factanal.fit.mle)
ml_fn <- function(Psi, S, q) {
  sc <- diag(1 / sqrt(Psi)); E <- eigen(sc %*% S %*% sc, symmetric = TRUE, only.values = TRUE)
  e <- E$values[-(1L:q)]; -(sum(log(e) - e) - q + nrow(S))
}
ml_gr <- function(Psi, S, q) {
  sc <- diag(1 / sqrt(Psi)); E <- eigen(sc %*% S %*% sc, symmetric = TRUE)
  L <- E$vectors[, 1L:q, drop = FALSE]
  load <- diag(sqrt(Psi)) %*% L %*% diag(sqrt(pmax(E$values[1L:q] - 1, 0)), q)
  g <- load %*% t(load) + diag(Psi) - S
  diag(g) / Psi^2
}
ml_loadings <- function(Psi, S, q) {
  sc <- diag(1 / sqrt(Psi)); E <- eigen(sc %*% S %*% sc, symmetric = TRUE)
  diag(sqrt(Psi)) %*% E$vectors[, 1L:q, drop = FALSE] %*% diag(sqrt(pmax(E$values[1L:q] - 1, 0)), q)
}
# Newton's method on factanal's criterion, the Hessian by central differences of its analytic
# gradient, from `start` (an interior solution, e.g. factanal's): the converged ML uniquenesses
ml_newton <- function(S, q, start, iters = 100) {
  psi <- start
  for (i in 1:iters) {
    g <- ml_gr(psi, S, q)
    if (max(abs(g)) < 1e-13) break
    H <- sapply(seq_along(psi), function(j) {
      h <- 1e-6 * psi[j]; e <- replace(numeric(length(psi)), j, h)
      (ml_gr(psi + e, S, q) - ml_gr(psi - e, S, q)) / (2 * h)
    })
    psi <- psi - solve((H + t(H)) / 2, g)
  }
  list(psi = psi, gradient = max(abs(ml_gr(psi, S, q))), iterations = i,
       loadings = ml_loadings(psi, S, q), objective = ml_fn(psi, S, q))
}
