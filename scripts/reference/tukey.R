# Reference values of the studentized range distribution from R (stats::ptukey, qtukey).
# Run: Rscript scripts/reference/tukey.R   (R 4.2.2)
cases <- rbind(
  c(3.5, 3, 10, 1), c(1, 3, 10, 1), c(7, 4, 20, 1), c(2.5, 5, 30, 1), c(5, 10, 5, 1),
  c(12, 3, 2, 1), c(4.5, 2, Inf, 1), c(6, 20, Inf, 1), c(5.5, 100, 60, 1),
  c(3.2, 4, 1000, 1), c(0.3, 3, 10, 1), c(9, 6, 12, 3))
cat("ptukey: q nmeans df nranges lower upper\n")
for (i in seq_len(nrow(cases))) {
  x <- cases[i, ]
  cat(sprintf("%s %s %s %s %.17g %.17g\n", x[1], x[2], x[3], x[4],
              ptukey(x[1], x[2], x[3], x[4]), ptukey(x[1], x[2], x[3], x[4], lower.tail = FALSE)))
}
cat("qtukey: p nmeans df nranges q\n")
qcases <- rbind(c(0.95, 3, 10, 1), c(0.95, 4, 36, 1), c(0.99, 5, 20, 1), c(0.9, 2, 5, 1),
                c(0.95, 10, 100, 1), c(0.95, 6, 20, 1), c(0.5, 3, 10, 1), c(0.05, 4, 12, 1),
                c(0.95, 3, Inf, 1), c(0.95, 100, 60, 1), c(0.95, 3, 2, 1), c(0.95, 3, 12, 2))
for (i in seq_len(nrow(qcases))) {
  x <- qcases[i, ]
  cat(sprintf("%s %s %s %s %.17g\n", x[1], x[2], x[3], x[4], qtukey(x[1], x[2], x[3], x[4])))
}
