# References for src/stats/regression.rs (R 4.2.2, car 3.1-1, carData 3.0-5).
# Run from the crate's directory: Rscript scripts/reference/regression.R
# Prints each value with 17 significant digits as Rust array literals.
suppressMessages(library(car))
d <- "tests/data/regress"
f17 <- function(x) paste(ifelse(is.na(x), "NAN", sprintf("%.17g", x)), collapse = ", ")
show <- function(label, x) cat(label, " = [", f17(x), "]\n", sep = "")
model_ref <- function(tag, m) {
  s <- suppressWarnings(summary(m))
  cf <- coef(s); b <- coef(m)
  cat("--", tag, "--\n")
  cat("names: ", paste(names(b), collapse = ", "), "\n")
  show("b", b)
  # summary.lm drops aliased rows; put NA back in their place
  full <- function(col) { v <- rep(NA_real_, length(b)); names(v) <- names(b); v[rownames(cf)] <- cf[, col]; v }
  show("se", full(2)); show("t", full(3)); show("p", full(4))
  ci <- suppressWarnings(confint(m)); show("lo", ci[, 1]); show("hi", ci[, 2])
  X <- model.matrix(m); y <- model.response(model.frame(m))
  show("beta", b[-1] * apply(X[, -1, drop = FALSE], 2, sd) / sd(y))
  show("r2_adj_sigma", c(s$r.squared, s$adj.r.squared, s$sigma))
  if (!is.null(s$fstatistic)) {
    fs <- s$fstatistic
    show("f_df1_df2_p", c(fs, pf(fs[1], fs[2], fs[3], lower.tail = FALSE)))
  }
  v <- tryCatch(vif(m), error = function(e) conditionMessage(e))
  if (is.character(v)) cat("vif: ", v, "\n") else if (is.matrix(v)) {
    show("gvif", v[, 1]); show("gvif_adj", v[, 3])
  } else show("vif", v)
}
change_ref <- function(m1, m2) {
  a <- anova(m1, m2)
  show("change_f_df1_df2_p", c(a$F[2], a$Df[2], a$Res.Df[2], a$`Pr(>F)`[2]))
  show("delta_r2", summary(m2)$r.squared - summary(m1)$r.squared)
}

cat("==== Prestige: prestige ~ education + log2(income) | type\n")
P <- read.csv(file.path(d, "prestige.csv"), stringsAsFactors = TRUE, na.strings = "")
P <- P[complete.cases(P), ]  # listwise over all blocks
m1 <- lm(prestige ~ education + log2(income), data = P)
m2 <- lm(prestige ~ education + log2(income) + type, data = P)
model_ref("prestige block 1", m1); model_ref("prestige block 2", m2); change_ref(m1, m2)
# the same model on carData::Prestige itself (lm drops the 4 rows without type)
stopifnot(all.equal(coef(m2), coef(lm(prestige ~ education + log2(income) + type, data = carData::Prestige)), tolerance = 0))

cat("==== mtcars: mpg ~ wt + hp | qsec + factor(cyl) | am\n")
M <- read.csv(file.path(d, "mtcars.csv"))
m1 <- lm(mpg ~ wt + hp, M); m2 <- lm(mpg ~ wt + hp + qsec + factor(cyl), M)
m3 <- lm(mpg ~ wt + hp + qsec + factor(cyl) + am, M)
model_ref("mtcars block 1", m1); model_ref("mtcars block 2", m2); change_ref(m1, m2)
model_ref("mtcars block 3", m3); change_ref(m2, m3)
show("block1_change", {a <- anova(lm(mpg ~ 1, M), m1); c(a$F[2], a$`Pr(>F)`[2])})

cat("==== swiss: Fertility ~ Agriculture + Examination | Education + Catholic + Infant.Mortality\n")
S <- read.csv(file.path(d, "swiss.csv"))
m1 <- lm(Fertility ~ Agriculture + Examination, S); m2 <- lm(Fertility ~ ., S[, -1])
model_ref("swiss block 1", m1); model_ref("swiss block 2", m2); change_ref(m1, m2)

cat("==== edge: a constant predictor, a copied predictor (aliased, NA)\n")
S$const <- 5; S$copy <- S$Education
m <- lm(Fertility ~ Agriculture + const + Education + copy + Catholic, S)
model_ref("swiss aliased", m)
# constant to rounding (0.1 + 0.2 vs 0.3): NA too
S$nearly <- ifelse(seq_len(47) %% 2 == 1, 0.1 + 0.2, 0.3)
print(coef(lm(Fertility ~ Agriculture + nearly, S)))

cat("==== edge: n <= p (6 rows, 6 predictors)\n")
S6 <- S[1:6, ]
m <- lm(Fertility ~ Agriculture + Examination + Education + Catholic + Infant.Mortality, S6)
model_ref("n equals p", m)
m <- lm(Fertility ~ Agriculture + Examination + Education + Catholic, S6)
model_ref("one residual df", m)

cat("==== edge: a level with no observations after deletion (type wc only in dropped rows)\n")
P2 <- read.csv(file.path(d, "prestige.csv"), stringsAsFactors = TRUE, na.strings = "")
P2$education[P2$type %in% "bc"] <- NA   # every bc row is deleted: bc unused, prof the reference
m <- lm(prestige ~ education + type, P2)
model_ref("prestige no bc", m)
print(levels(droplevels(model.frame(m)$type)))

cat("==== edge: huge values (swiss scaled by 1e150 and 1e-150) and 1e9 + x\n")
S$FertBig <- S$Fertility * 1e150; S$AgriTiny <- S$Agriculture * 1e-150
m <- lm(FertBig ~ AgriTiny + Education, S)
model_ref("huge", m)
S$Agri9 <- 1e9 + S$Agriculture / 1000
print(coef(lm(Fertility ~ Agri9 + Education, S)), digits = 17)   # R: Agri9 is NA (aliased)
model_ref("shifted (centered by hand)", lm(Fertility ~ I(Agriculture / 1000) + Education, S))

cat("==== edge: perfect fit\n")
S$exact <- 3 + 2 * S$Agriculture - 0.5 * S$Education
m <- lm(exact ~ Agriculture + Education + Catholic, S)
model_ref("perfect", m)

cat("==== n = p: the VIF from the predictors' correlation matrix (car gives NaN: vcov is NaN)\n")
show("vif_n_eq_p", diag(solve(cor(S6[, c("Agriculture", "Examination", "Education", "Catholic", "Infant.Mortality")]))))

cat("==== psych::bfi: A2 ~ A1 + C1 | factor(gender) + factor(education), listwise over both blocks\n")
B <- read.csv(file.path(d, "bfi.csv"))
B <- B[complete.cases(B[, c("A2", "A1", "C1", "gender", "education")]), ]
cat("n =", nrow(B), "\n")
m1 <- lm(A2 ~ A1 + C1, B); m2 <- lm(A2 ~ A1 + C1 + factor(gender) + factor(education), B)
model_ref("bfi block 1", m1); model_ref("bfi block 2", m2); change_ref(m1, m2)
