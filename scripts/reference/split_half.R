# Split-half coefficients as SPSS RELIABILITY /MODEL = SPLIT defines them, evaluated in R on the
# part scores of the complete cases; psych::splitHalf's first split for an even k.
# Run from the crate's root. R 4.2.2, psych 2.2.9, psychTools 2.2.9, lavaan 0.6.14.
# Writes tests/data/factor/split_half.json.
suppressMessages(library(psych))
source("scripts/reference/json.R")
spss_split <- function(x, part1) {
  k <- ncol(x); part2 <- setdiff(seq_len(k), part1)
  s1 <- rowSums(x[, part1, drop = FALSE]); s2 <- rowSums(x[, part2, drop = FALSE])
  r <- cor(s1, s2)
  k1 <- length(part1); k2 <- length(part2)
  a <- (1 - r^2) * k1 * k2 / k^2
  alpha1 <- if (k1 > 1) psych::alpha(x[, part1], check.keys = FALSE, warnings = FALSE)$total$raw_alpha else NA
  alpha2 <- if (k2 > 1) psych::alpha(x[, part2], check.keys = FALSE, warnings = FALSE)$total$raw_alpha else NA
  out <- list(r = j_num(r), sb_equal = j_num(2 * r / (1 + r)),
              sb_unequal = j_num((sqrt(r^4 + 4 * r^2 * a) - r^2) / (2 * a)),
              guttman = j_num(2 * (1 - (var(s1) + var(s2)) / var(s1 + s2))),
              alpha1 = j_num(alpha1), alpha2 = j_num(alpha2))
  out
}
case <- function(file_data, file, items, reverse = character()) {
  x <- file_data[, items]
  for (r in reverse) x[[r]] <- 7 - x[[r]]
  x <- na.omit(x); k <- ncol(x)
  fl <- spss_split(x, seq_len(ceiling(k / 2)))
  oe <- spss_split(x, seq(1, k, by = 2))
  if (k %% 2 == 0) {
    fl$psych_guttman_cov <- j_num(splitHalf(x, raw = TRUE, covar = TRUE, check.keys = FALSE)$raw[1])
    fl$psych_guttman_cor <- j_num(splitHalf(x, raw = TRUE, covar = FALSE, check.keys = FALSE)$raw[1])
  }
  j_obj(list(file = j_num(file), items = j_vec(items), reverse = j_vec(reverse), n = j_num(nrow(x)),
             first_last = j_obj(fl), odd_even = j_obj(oe)))
}
data(bfi, package = "psychTools")
hs <- lavaan::HolzingerSwineford1939
out <- list(
  bfi_ac = case(bfi, "bfi.csv", c(paste0("A", 1:5), paste0("C", 1:5)), c("A1", "C4", "C5")),
  bfi_c = case(bfi, "bfi.csv", paste0("C", 1:5), c("C4", "C5")),
  hs = case(hs, "hs.csv", paste0("x", 1:9)))
writeLines(j_obj(out), "tests/data/factor/split_half.json")
