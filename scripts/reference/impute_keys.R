# References for issue 24 item 5: item-mean imputation and per-score keys, = psych.
# R 4.2.2, psych 2.2.9, psychTools 2.3.x (Debian packages).
# Writes tests/data/psych/{bfi,sai}.csv (the data) and {bfi,sai}_psych.csv (psych's scores).
# Run from the repository's root: Rscript scripts/reference/impute_keys.R
suppressMessages({library(psych); library(psychTools)})
out <- "tests/data/psych"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
wr <- function(x, f) write.csv(x, file.path(out, f), row.names = FALSE, na = "")
# psych gives a respondent with no answer to a score's items the mean of the item means;
# prepost gives no score (its missing-item rule needs at least one answer): NA there.
none_answered <- function(items, keys) sapply(keys, function(k) {
  cols <- sub("^-", "", k)
  rowSums(!is.na(items[, cols, drop = FALSE])) == 0
})
digits17 <- function(x) { x[] <- lapply(x, function(v) sprintf("%.17g", v)); x[x == "NA"] <- ""; x }

# psych::bfi, the first 600 respondents, 25 items on 1..6, bfi.keys (reversed items "-A1")
b <- bfi[1:600, 1:25]
b <- cbind(id = seq_len(nrow(b)), b)
wr(b, "bfi.csv")
keys <- list(agree = c("-A1", "A2", "A3", "A4", "A5"),
             conscientious = c("C1", "C2", "C3", "-C4", "-C5"),
             extraversion = c("-E1", "-E2", "E3", "E4", "E5"),
             neuroticism = c("N1", "N2", "N3", "N4", "N5"),
             openness = c("O1", "-O2", "O3", "O4", "-O5"))
items <- b[, -1]
mean_scores <- scoreItems(keys, items, impute = "mean", min = 1, max = 6, totals = FALSE)$scores
sum_scores <- scoreItems(keys, items, impute = "mean", min = 1, max = 6, totals = TRUE)$scores
none <- none_answered(items, keys)
mean_scores[none] <- NA; sum_scores[none] <- NA
colnames(sum_scores) <- paste0(colnames(sum_scores), "_sum")
r <- cbind(id = b$id, as.data.frame(mean_scores), as.data.frame(sum_scores))
cat("bfi: respondents with imputed answers:", sum(rowSums(is.na(items)) > 0), "\n")
wr(digits17(r), "bfi_psych.csv")

# psychTools::sai, the AGES, CITY and FLAT studies (time 1), 20 items on 1..4; the keys of
# ?sai: "calm" is reversed in the sai total and forward in sai.p (an item keyed both ways)
s <- sai[sai$study %in% c("AGES", "CITY", "FLAT") & sai$time == 1, ]
s <- s[, c("id", names(sai)[4:23])]
s$id <- seq_len(nrow(s))
wr(s, "sai.csv")
sai.keys <- list(sai = c("tense", "regretful", "upset", "worrying", "anxious", "nervous",
  "jittery", "high.strung", "worried", "rattled", "-calm", "-secure", "-at.ease", "-rested",
  "-comfortable", "-confident", "-relaxed", "-content", "-joyful", "-pleasant"),
  sai.p = c("calm", "at.ease", "rested", "comfortable", "confident", "secure", "relaxed",
    "content", "joyful", "pleasant"),
  sai.n = c("tense", "anxious", "nervous", "jittery", "rattled", "high.strung", "upset",
    "worrying", "worried", "regretful"))
items <- s[, -1]
imp <- scoreItems(sai.keys, items, impute = "mean", min = 1, max = 4, totals = FALSE)$scores
non <- scoreItems(sai.keys, items, impute = "none", min = 1, max = 4, totals = FALSE)$scores
none <- none_answered(items, sai.keys)
imp[none] <- NA; non[none] <- NA
colnames(non) <- paste0(colnames(non), "_none")
cat("sai: respondents:", nrow(s), "with imputed answers:", sum(rowSums(is.na(items)) > 0), "\n")
wr(digits17(cbind(id = s$id, as.data.frame(imp), as.data.frame(non))), "sai_psych.csv")
