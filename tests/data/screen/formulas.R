# Makes formulas.xlsx and formulas.sav: the same five questionnaires (spec.toml's items) with
# text that a spreadsheet would run as a formula (=, +, -, @), for the tests of --keep on a
# converted input (tests/cli/screen.rs): the CSV prepost writes from them guards such cells
# with a leading '. Row 3 (r02) is straight-lined. Run from this folder: Rscript formulas.R
# (needs haven and openxlsx).
library(haven)
library(openxlsx)
d <- data.frame(
  id = c("r01", "r02", "-r03", "r04", "r05"),
  q1 = c(1, 3, 2, 4, 5), q2 = c(2, 3, 3, 4, 1), q3 = c(3, 3, 4, 2, 2),
  q4 = c(4, 3, 5, 1, 3), q5 = c(5, 3, 1, 2, 4), q6 = c(4, 3, 2, 3, 5),
  note = c("=1+2", "=cmd|' /C calc'!A0", "@SUM(A1)", "-1", "+ok then"),
  stringsAsFactors = FALSE
)
write.xlsx(d, "formulas.xlsx", sheetName = "data")
write_sav(d, "formulas.sav")
