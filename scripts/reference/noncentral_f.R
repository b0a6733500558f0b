# Reference values of R's noncentral F CDF and of the noncentrality interval of an F.
# R 4.2.2 (effectsize 0.8.3 for the comparison at the end).
# Writes tests/data/noncentral_f/{r_pf.in, r_interval.in} (Rust array literals) and prints them.
# Run: Rscript scripts/reference/noncentral_f.R
lit <- function(v) {
  s <- formatC(v, digits = 17, format = "e")
  s
}
out_dir <- "tests/data/noncentral_f"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

# pf(q, df1, df2, ncp): R's pnbeta (AS 226 + AS R84), absolute error bound 1e-9, where it
# converges (lambda up to about 1e6; beyond it warns "full precision may not have been achieved")
pf_cases <- rbind(
  c(2.0, 3, 20, 1.0), c(0.5, 2, 27, 0.3), c(4.0, 2, 27, 8.0), c(4.0, 2, 27, 25.0),
  c(1.2, 5, 66, 2.0), c(3.4, 5, 66, 40.0), c(50, 3, 20, 100), c(0.2, 3, 20, 100),
  c(100, 3, 20, 5), c(0.05, 1, 10, 0.5), c(1e-4, 4, 100, 3), c(1e5, 4, 100, 3),
  c(2.5, 1, 1, 1.5), c(1.1, 0.5, 3.7, 2.2), c(30, 4, 2795, 100), c(1, 4, 2795, 1e-8),
  c(336, 10, 1e6, 3300), c(1.01, 50, 1e6, 60), c(700, 2, 60, 1500), c(3500, 2, 60, 7000),
  c(1000, 3, 1000, 3000), c(12000, 2, 5000, 24000), c(5e4, 3, 1e4, 1.5e5),
  c(1e5, 2, 1e5, 2e5), c(2.2e5, 2, 1e5, 4.5e5), c(9, 7, 12, 30), c(0.9, 7, 12, 30))
rows <- character(0)
for (i in seq_len(nrow(pf_cases))) {
  a <- pf_cases[i, ]
  lo <- pf(a[1], a[2], a[3], ncp = a[4])
  up <- pf(a[1], a[2], a[3], ncp = a[4], lower.tail = FALSE)
  rows <- c(rows, sprintf("    (%s, %s, %s, %s, %s, %s),", lit(a[1]), lit(a[2]), lit(a[3]),
                          lit(a[4]), lit(lo), lit(up)))
}
txt <- c("// made by scripts/reference/noncentral_f.R (R 4.2.2 pf)", "[", rows, "]")
writeLines(txt, file.path(out_dir, "r_pf.in"))
writeLines(txt)

# The 95% interval of lambda: pf(f, df1, df2, lambda) = 0.975 (lower end) and 0.025 (upper end)
# by uniroot with a tight tolerance on R's pf; 0 where pf(f, df1, df2) is already at or below
# the target (effectsize:::.get_ncp_F's rule).
ncp_end <- function(f, df1, df2, target) {
  if (pf(f, df1, df2) <= target) return(0)
  hi <- max(2 * f * df1, 10)
  while (pf(f, df1, df2, ncp = hi) > target) hi <- hi * 2
  uniroot(function(l) pf(f, df1, df2, ncp = l) - target, c(0, hi), tol = 1e-13 * hi)$root
}
int_cases <- rbind(c(4.846087862380137, 2, 27), c(0.5, 2, 27), c(2.0, 2, 27), c(3.4, 3, 20),
                   c(34.70228, 5, 66), c(15.4, 5, 66), c(1.05, 4, 2795), c(8.5, 4, 2795),
                   c(250, 2, 57), c(3.2, 1, 10), c(0.01, 3, 40), c(60, 10, 500),
                   c(2000, 3, 300))
rows <- character(0)
for (i in seq_len(nrow(int_cases))) {
  a <- int_cases[i, ]
  lo <- ncp_end(a[1], a[2], a[3], 0.975)
  hi <- ncp_end(a[1], a[2], a[3], 0.025)
  rows <- c(rows, sprintf("    (%s, %s, %s, %s, %s),", lit(a[1]), lit(a[2]), lit(a[3]),
                          lit(lo), lit(hi)))
}
txt <- c("// made by scripts/reference/noncentral_f.R (R 4.2.2: uniroot on pf, tol 1e-13)", "[",
         rows, "]")
writeLines(txt, file.path(out_dir, "r_interval.in"))
writeLines(txt)

# effectsize's own root search (Nelder-Mead, abstol 1e-9) on the same F statistics, for the
# comparison in the report
for (i in seq_len(nrow(int_cases))) {
  a <- int_cases[i, ]
  e <- effectsize:::.get_ncp_F(a[1], a[2], a[3], 0.95)
  cat(sprintf("effectsize .get_ncp_F(%g, %g, %g): %.17g %.17g   uniroot: %.17g %.17g\n", a[1], a[2], a[3],
              e[1], e[2], ncp_end(a[1], a[2], a[3], 0.975), ncp_end(a[1], a[2], a[3], 0.025)))
}

# The central F with both degrees of freedom large (R's pbeta, TOMS 708), for the prefactor of
# the incomplete beta function (distributions::ln_beta_front)
for (a in list(c(1.002, 1e6, 1e6), c(0.998, 2e5, 8e5), c(1.01, 50, 1e6), c(1.3, 30, 40),
               c(1.0005, 3e6, 3e6)))
  print(c(a, pf(a[1], a[2], a[3]), pf(a[1], a[2], a[3], lower.tail = FALSE)), digits = 17)

# Where R's pnbeta gives up (itrmax = 10000 terms from 7 SDs below the mode): warnings
# "full precision may not have been achieved in 'pnbeta'" and "convergence failed"; the exact
# values (scripts/reference/noncentral_f.py) are 0.457929088921… and 0.457929589361…
print(pf(2e6 / 3, 3, 20, ncp = 2e6), digits = 17)
print(pf(1e7 / 3, 3, 20, ncp = 1e7), digits = 17)
