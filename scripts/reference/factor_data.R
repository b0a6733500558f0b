# Writes the data sets of the factor/reliability tests into tests/data/factor/ (run from the
# crate's root): R 4.2.2, psychTools 2.2.9, lavaan 0.6.14.
#   bfi.csv      psychTools::bfi[, 1:25] (2800 x 25, empty cell = NA)
#   hs.csv       lavaan::HolzingerSwineford1939[, paste0("x", 1:9)] (301 x 9), 17 digits
#   harman74.csv datasets::Harman74.cor$cov (24 x 24 correlation matrix, n.obs = 145)
data(bfi, package = "psychTools")
b <- psychTools::bfi[, 1:25]
write.csv(b, "tests/data/factor/bfi.csv", row.names = FALSE, na = "", quote = FALSE)
hs <- lavaan::HolzingerSwineford1939[, paste0("x", 1:9)]
hs17 <- as.data.frame(lapply(hs, function(v) sprintf("%.17g", v)))
write.csv(hs17, "tests/data/factor/hs.csv", row.names = FALSE, quote = FALSE)
h <- datasets::Harman74.cor$cov
h17 <- as.data.frame(lapply(as.data.frame(h), function(v) sprintf("%.17g", v)))
write.csv(h17, "tests/data/factor/harman74.csv", row.names = FALSE, quote = FALSE)
