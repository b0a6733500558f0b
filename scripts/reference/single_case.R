# Reference values for single-case designs (prepost case, issue 15), computed with R.
#
#   Rscript scripts/reference/single_case.R      (from the repository's top directory)
#
# Writes tests/data/single_case/sessions.csv (the data: case, session, phase, two scores) and
# tests/data/single_case/reference.json (the values). Made with R 4.2.2 and SingleCaseES 0.7.4
# (installed from its source, github.com/jepusto/SingleCaseES), every measure with its default
# options: NAP, Tau, Tau_BC, Tau_U, PND, PEM, PAND, IRD, SMD, and LRRi (resilience, improvement
# "increase") or LRRd (worry, improvement "decrease").
#
# SingleCaseES finds the ends of the NAP interval with uniroot's default tolerance (about 1e-4);
# `nap_ci_exact` solves the same equation to 1e-15, the values prepost is tested against. The
# tests never need R.

suppressPackageStartupMessages({
  library(SingleCaseES)
  library(jsonlite)
})
options(warn = 1)

out_dir <- "tests/data/single_case"
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

# Each case: phases in session order (label, resilience scores, worry scores).
cases <- list(
  # SingleCaseES's own example (A and B of ?NAP), with a worry score that falls
  C1 = list(list("A", c(20, 20, 26, 25, 22, 23), c(8, 9, 9, 10, 8, 9)),
            list("B", c(28, 25, 24, 27, 30, 30, 29), c(6, 5, 7, 5, 4, 5, 6))),
  # A-B-A-B (withdrawal)
  C2 = list(list("A", c(3, 4, 3, 5), c(9, 8, 9, 9)),
            list("B", c(6, 7, 7, 8, 6), c(6, 6, 5, 5, 6)),
            list("A", c(4, 5, 4, 4), c(8, 8, 7, 8)),
            list("B", c(7, 8, 9, 8, 9), c(5, 4, 4, 5, 3))),
  # multiple baseline across three children: baselines of 3, 5 and 7 sessions; K3's rises
  K1 = list(list("A", c(2, 3, 2), c(7, 8, 7)),
            list("B", c(5, 6, 6, 7, 7, 8, 7), c(5, 5, 4, 4, 3, 4, 3))),
  K2 = list(list("A", c(4, 3, 4, 5, 4), c(6, 6, 7, 6, 6)),
            list("B", c(6, 7, 6, 8, 7), c(4, 5, 4, 3, 4))),
  K3 = list(list("A", c(1, 2, 2, 3, 3, 4, 4), c(9, 9, 8, 8, 8, 7, 7)),
            list("B", c(6, 6, 7), c(5, 4, 4)))
)

nap_exact <- function(A, B, improvement, confidence = .95) {
  if (improvement == "decrease") { A <- -A; B <- -B }
  m <- length(A); n <- length(B)
  Q <- matrix(sapply(B, function(j) (j > A) + 0.5 * (j == A)), nrow = m, ncol = n)
  NAP <- mean(Q)
  h <- (m + n) / 2 - 1
  z <- qnorm(1 - (1 - confidence) / 2)
  f <- function(x) m * n * (NAP - x)^2 * (2 - x) * (1 + x) -
    z^2 * x * (1 - x) * (2 + h + (1 + 2 * h) * x * (1 - x))
  # At NAP = 1 (0) the equation also has the root x = 1 (0), which SingleCaseES's uniroot
  # returns (an interval [1, 1]); the interval's end is the root of f(x)/(1 - x) (f(x)/x).
  g1 <- function(x) m * n * (1 - x) * (2 - x) * (1 + x) -
    z^2 * x * (2 + h + (1 + 2 * h) * x * (1 - x))
  g0 <- function(x) m * n * x * (2 - x) * (1 + x) -
    z^2 * (1 - x) * (2 + h + (1 + 2 * h) * x * (1 - x))
  c(if (NAP >= 1) uniroot(g1, c(0, 1), tol = 1e-15)$root
    else if (NAP > 0) uniroot(f, c(0, NAP), tol = 1e-15)$root else 0,
    if (NAP <= 0) uniroot(g0, c(0, 1), tol = 1e-15)$root
    else if (NAP < 1) uniroot(f, c(NAP, 1), tol = 1e-15)$root else 1)
}

# Tau-BC's interval with the NAP interval solved exactly: the baseline trend as
# calc_Tau_BC(report_correction = TRUE) gives it, removed from both phases.
tau_bc_exact <- function(A, B, improvement) {
  if (length(A) < 2) return(NULL)
  fit <- SingleCaseES:::calc_Tau_BC(A, B, improvement = improvement, warn = FALSE,
                                    report_correction = TRUE)
  m <- length(A); n <- length(B)
  A2 <- A - fit$intercept - fit$slope * (1:m)
  B2 <- B - fit$intercept - fit$slope * ((m + 1):(m + n))
  2 * nap_exact(A2, B2, improvement) - 1
}

num <- function(x) if (length(x) == 0 || is.na(x) || !is.finite(x)) NULL else unname(x)
measure <- function(r) {
  list(value = num(r$Est), se = num(r$SE), ci_low = num(r$CI_lower), ci_high = num(r$CI_upper))
}

measures <- function(A, B, improvement) {
  lrr <- if (improvement == "increase") SingleCaseES:::calc_LRRi(A, B, improvement = "increase", warn = FALSE)
         else SingleCaseES:::calc_LRRd(A, B, improvement = "decrease", warn = FALSE)
  list(
    nap = measure(SingleCaseES:::calc_NAP(A, B, improvement = improvement)),
    nap_ci_exact = nap_exact(A, B, improvement),
    tau = measure(SingleCaseES:::calc_Tau(A, B, improvement = improvement)),
    tau_bc = measure(SingleCaseES:::calc_Tau_BC(A, B, improvement = improvement, warn = FALSE)),
    tau_bc_ci_exact = tau_bc_exact(A, B, improvement),
    tau_u = measure(SingleCaseES:::calc_Tau_U(A, B, improvement = improvement)),
    pnd = measure(SingleCaseES:::calc_PND(A, B, improvement = improvement)),
    pem = measure(SingleCaseES:::calc_PEM(A, B, improvement = improvement)),
    pand = measure(SingleCaseES:::calc_PAND(A, B, improvement = improvement)),
    ird = measure(SingleCaseES:::calc_IRD(A, B, improvement = improvement)),
    smd = measure(suppressWarnings(SingleCaseES:::calc_SMD(A, B, improvement = improvement, warn = FALSE))),
    lrr = measure(lrr)
  )
}

rows <- list()
ref <- list()
for (id in names(cases)) {
  phases <- cases[[id]]
  session <- 0
  count <- list()
  labels <- character(0)
  for (p in phases) {
    count[[p[[1]]]] <- (if (is.null(count[[p[[1]]]])) 0 else count[[p[[1]]]]) + 1
    labels <- c(labels, paste0(p[[1]], count[[p[[1]]]]))
    for (k in seq_along(p[[2]])) {
      session <- session + 1
      rows[[length(rows) + 1]] <- data.frame(case = id, session = session, phase = p[[1]],
                                             resilience = p[[2]][k], worry = p[[3]][k])
    }
  }
  contrasts <- list()
  for (score in c("resilience", "worry")) {
    improvement <- if (score == "worry") "decrease" else "increase"
    col <- if (score == "worry") 3 else 2
    for (i in seq_len(length(phases) - 1)) {
      name <- paste0(labels[i], "-", labels[i + 1])
      contrasts[[score]][[name]] <- measures(phases[[i]][[col]], phases[[i + 1]][[col]], improvement)
    }
    if (length(phases) > 2) {
      A <- unlist(lapply(phases, function(p) if (p[[1]] == "A") p[[col]]))
      B <- unlist(lapply(phases, function(p) if (p[[1]] == "B") p[[col]]))
      contrasts[[score]][["A-B"]] <- measures(A, B, improvement)
    }
  }
  ref[[id]] <- contrasts
}
long <- do.call(rbind, rows)
write.csv(long, file.path(out_dir, "sessions.csv"), row.names = FALSE, quote = FALSE)

exact <- function(x) {
  if (is.list(x)) return(lapply(x, exact))
  if (is.numeric(x) && length(x) == 1 && is.finite(x)) {
    return(structure(sprintf("%.17g", x), class = "json"))
  }
  if (is.numeric(x)) return(lapply(as.list(x), exact))
  x
}
writeLines(toJSON(exact(list(
  about = "SingleCaseES 0.7.4 with default options; contrasts of adjacent phases and, with more than two phases, all A against all B",
  cases = ref)), auto_unbox = TRUE, json_verbatim = TRUE, null = "null", pretty = TRUE),
  file.path(out_dir, "reference.json"))
