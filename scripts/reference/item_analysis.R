# Critical ratios of the top and bottom 27% (prepost's groups: m = ceiling(0.27 n), everyone
# tied at a cut-off included), with t.test, Levene (car) and psych's r.drop.
# Run from the crate's root. R 4.2.2, car 3.1-1, psych 2.2.9, psychTools 2.2.9, lavaan 0.6.14.
# Writes tests/data/factor/item_analysis.json.
suppressMessages({library(psych); library(car)})
source("scripts/reference/json.R")
case <- function(d, file, items, reverse = character()) {
  x <- d[, items]
  for (r in reverse) x[[r]] <- 7 - x[[r]]
  x <- na.omit(x); n <- nrow(x)
  tot <- rowSums(x)
  m <- ceiling(0.27 * n - 1e-9)
  s <- sort(tot)
  cut_low <- s[m]; cut_high <- s[n - m + 1]
  lo <- tot <= cut_low; hi <- tot >= cut_high
  res <- lapply(items, function(it) {
    h <- x[hi, it]; l <- x[lo, it]
    w <- t.test(h, l); st <- t.test(h, l, var.equal = TRUE)
    g <- factor(c(rep("h", length(h)), rep("l", length(l))))
    lv <- leveneTest(c(h, l) ~ g, center = mean)
    c(w$statistic, w$parameter, w$p.value, st$statistic, st$p.value, lv[1, "F value"], lv[1, "Pr(>F)"])
  })
  res <- do.call(rbind, res)
  rd <- psych::alpha(x, check.keys = FALSE, warnings = FALSE)$item.stats$r.drop
  j_obj(list(file = j_num(file), items = j_vec(items), reverse = j_vec(reverse), n = j_num(n),
             cut_low = j_num(cut_low), cut_high = j_num(cut_high),
             n_low = j_num(sum(lo)), n_high = j_num(sum(hi)),
             welch_t = j_vec(res[, 1]), welch_df = j_vec(res[, 2]), welch_p = j_vec(res[, 3]),
             student_t = j_vec(res[, 4]), student_p = j_vec(res[, 5]),
             levene_f = j_vec(res[, 6]), levene_p = j_vec(res[, 7]), r_drop = j_vec(rd)))
}
data(bfi, package = "psychTools")
hs <- lavaan::HolzingerSwineford1939
out <- list(
  bfi_c = case(bfi, "bfi.csv", paste0("C", 1:5), c("C4", "C5")),
  hs = case(hs, "hs.csv", paste0("x", 1:9)))
writeLines(j_obj(out), "tests/data/factor/item_analysis.json")
