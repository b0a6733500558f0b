# Tiny JSON writer with 17 significant digits (sourced by the reference scripts).
j_num <- function(x) {
  if (length(x) == 1 && is.na(x)) return("null")
  if (is.logical(x)) return(if (x) "true" else "false")
  if (is.character(x)) return(paste0('"', x, '"'))
  if (is.infinite(x)) return(if (x > 0) '"Inf"' else '"-Inf"')
  sprintf("%.17g", x)
}
j_vec <- function(x) paste0("[", paste(vapply(as.list(x), j_num, ""), collapse = ","), "]")
j_mat <- function(m) { m <- as.matrix(m); paste0("[", paste(apply(m, 1, j_vec), collapse = ","), "]") }
j_obj <- function(lst) {
  parts <- mapply(function(k, v) paste0('"', k, '":', v), names(lst), lst)
  paste0("{", paste(parts, collapse = ",\n"), "}")
}
# psych's convention after extraction/rotation: columns ordered by diag(Phi L'L) (or colSums(L^2)),
# each column's sign so that its sum is positive
psych_order <- function(L, Phi = NULL) {
  L <- unclass(as.matrix(L))
  s <- sign(colSums(L)); s[s == 0] <- 1
  L <- L %*% diag(s, ncol(L))
  if (!is.null(Phi)) Phi <- diag(s, ncol(L)) %*% Phi %*% diag(s, ncol(L))
  ev <- if (is.null(Phi)) colSums(L^2) else diag(Phi %*% t(L) %*% L)
  o <- order(ev, decreasing = TRUE)
  list(L = L[, o, drop = FALSE], Phi = if (is.null(Phi)) NULL else Phi[o, o, drop = FALSE])
}
