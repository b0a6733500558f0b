# Reference values for the end-to-end tests of `prepost survey` (tests/cli/survey.rs) on the
# bundled example survey, data/example/survey.csv, scored with
# data/scales/children_self_confidence.toml (reverse items 6 - answer, a score prorated as
# mean x items when at least 80% of its items are answered), and on R's own data sets
# (datasets::PlantGrowth, datasets::ToothGrowth, datasets::mtcars) written to
# tests/data/survey_cli/ by this script.
# Run from the repository root:
#   Rscript scripts/reference/survey_cli.R > tests/data/survey_cli/reference.txt
# R 4.2.2, car 3.1-1, effectsize 0.8.3, rstatix 0.7.2 (one "key value" line per number).
suppressMessages({ library(car); library(effectsize); library(rstatix) })
options(digits = 17)
out <- function(key, x) cat(key, format(unname(x), digits = 17), "\n")

d <- read.csv("data/example/survey.csv", stringsAsFactors = FALSE, na.strings = c("", "NA"))
rev <- c("q3", "q8", "q12", "q15", "q19")
items <- paste0("q", 1:20)
keyed <- d[items]
for (q in rev) keyed[[q]] <- 6 - keyed[[q]]
answered <- rowSums(!is.na(keyed))
d$total <- ifelse(answered >= 16, rowMeans(keyed, na.rm = TRUE) * 20, NA)
x <- d$total[!is.na(d$total)]

# descriptives as SPSS: G1, G2 and their SEs
n <- length(x); m <- mean(x); s2 <- sum((x - m)^2)
g1 <- sqrt(n * (n - 1)) / (n - 2) * (sum((x - m)^3) / n) / (s2 / n)^1.5
g2 <- ((n + 1) * ((sum((x - m)^4) / n) / (s2 / n)^2 - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
ses <- sqrt(6 * n * (n - 1) / ((n - 2) * (n + 1) * (n + 3)))
sek <- 2 * ses * sqrt((n^2 - 1) / ((n - 3) * (n + 5)))
out("desc.n", n); out("desc.mean", m); out("desc.sd", sd(x))
out("desc.skew", g1); out("desc.skew_se", ses); out("desc.kurt", g2); out("desc.kurt_se", sek)

# one-sample against the midpoint 3 x 20 = 60
tt <- t.test(x, mu = 60)
out("one.t", tt$statistic); out("one.df", tt$parameter); out("one.p", tt$p.value)
out("one.ci_low", tt$conf.int[1] - 60); out("one.ci_high", tt$conf.int[2] - 60)
cd <- effectsize::cohens_d(x, mu = 60, ci = 0.95)
out("one.d", cd$Cohens_d); out("one.d_low", cd$CI_low); out("one.d_high", cd$CI_high)
w <- suppressWarnings(wilcox.test(x, mu = 60))
out("one.v", w$statistic); out("one.v_p", w$p.value)

# by gender (boy, girl)
g <- d[!is.na(d$total), ]
boy <- g$total[g$gender == "boy"]; girl <- g$total[g$gender == "girl"]
st <- t.test(boy, girl, var.equal = TRUE); we <- t.test(boy, girl)
out("gender.student_t", st$statistic); out("gender.student_p", st$p.value)
out("gender.welch_t", we$statistic); out("gender.welch_df", we$parameter); out("gender.welch_p", we$p.value)
g$gender_f <- factor(g$gender)
lm_ <- leveneTest(total ~ gender_f, g, center = mean); lmd <- leveneTest(total ~ gender_f, g)
out("gender.levene_f", lm_$`F value`[1]); out("gender.levene_p", lm_$`Pr(>F)`[1])
out("gender.levene_median_f", lmd$`F value`[1]); out("gender.levene_median_p", lmd$`Pr(>F)`[1])
hg <- effectsize::hedges_g(boy, girl, ci = 0.95)
out("gender.g", hg$Hedges_g); out("gender.g_low", hg$CI_low); out("gender.g_high", hg$CI_high)
mw <- suppressWarnings(wilcox.test(boy, girl))
out("gender.w", mw$statistic); out("gender.w_p", mw$p.value)

# by grade (3, 4, 5, 6)
g$grade_f <- factor(g$grade)
a <- aov(total ~ grade_f, g); sa <- summary(a)[[1]]
out("grade.f", sa$`F value`[1]); out("grade.p", sa$`Pr(>F)`[1])
es <- effectsize::eta_squared(a, partial = FALSE, alternative = "two.sided", ci = 0.95)
out("grade.eta", es$Eta2); out("grade.eta_low", es$CI_low); out("grade.eta_high", es$CI_high)
os <- effectsize::omega_squared(a, partial = FALSE, alternative = "two.sided", ci = 0.95)
out("grade.omega", os$Omega2)
wa <- oneway.test(total ~ grade_f, g)
out("grade.welch_f", wa$statistic); out("grade.welch_df2", wa$parameter[2]); out("grade.welch_p", wa$p.value)
tk <- TukeyHSD(a)$grade_f
for (i in seq_len(nrow(tk))) {
  out(paste0("grade.tukey.", rownames(tk)[i], ".diff"), tk[i, "diff"])
  out(paste0("grade.tukey.", rownames(tk)[i], ".low"), tk[i, "lwr"])
  out(paste0("grade.tukey.", rownames(tk)[i], ".p"), tk[i, "p adj"])
}
# Games-Howell: rstatix::games_howell_test's interval, and its p by hand at full precision
# (rstatix rounds p.adj to 3 decimals): ptukey(|t|·√2, k, Welch's df, lower = FALSE)
gh_p <- function(y, f, a, b) {
  ya <- y[f == a]; yb <- y[f == b]; va <- var(ya) / length(ya); vb <- var(yb) / length(yb)
  t <- (mean(yb) - mean(ya)) / sqrt(va + vb)
  df <- (va + vb)^2 / (va^2 / (length(ya) - 1) + vb^2 / (length(yb) - 1))
  ptukey(abs(t) * sqrt(2), nlevels(f), df, lower.tail = FALSE)
}
gh <- games_howell_test(g, total ~ grade_f)
for (i in seq_len(nrow(gh))) {
  key <- paste0("grade.gh.", gh$group2[i], "-", gh$group1[i])
  out(paste0(key, ".low"), gh$conf.low[i])
  out(paste0(key, ".p"), gh_p(g$total, g$grade_f, gh$group1[i], gh$group2[i]))
}
lsd <- pairwise.t.test(g$total, g$grade_f, p.adjust.method = "none")$p.value
bon <- pairwise.t.test(g$total, g$grade_f, p.adjust.method = "bonferroni")$p.value
out("grade.lsd.6-3.p", lsd["6", "3"]); out("grade.bonferroni.6-3.p", bon["6", "3"])
kw <- kruskal.test(total ~ grade_f, g)
out("grade.h", kw$statistic); out("grade.h_p", kw$p.value)
out("grade.epsilon", rank_epsilon_squared(total ~ grade_f, data = g)$rank_epsilon_squared)
dn <- dunn_test(g, total ~ grade_f, p.adjust.method = "holm")
for (i in seq_len(nrow(dn))) {
  key <- paste0("grade.dunn.", dn$group1[i], "-", dn$group2[i])
  out(paste0(key, ".z"), dn$statistic[i]); out(paste0(key, ".p_adj"), dn$p.adj[i])
}

# crosstab left_behind x gender
tab <- table(d$left_behind, d$gender)
c0 <- chisq.test(tab, correct = FALSE); c1 <- chisq.test(tab, correct = TRUE)
out("ct.chi", c0$statistic); out("ct.p", c0$p.value); out("ct.yates", c1$statistic); out("ct.yates_p", c1$p.value)
out("ct.fisher_p", fisher.test(tab)$p.value)
cv <- effectsize::cramers_v(tab, alternative = "two.sided", adjust = FALSE, ci = 0.95)
out("ct.v", cv$Cramers_v)
# caregiver x gender (r x c, Fisher's exact test by the network algorithm)
tab2 <- table(d$caregiver, d$gender)
c2 <- chisq.test(tab2, correct = FALSE)
out("ct2.chi", suppressWarnings(c2$statistic)); out("ct2.p", suppressWarnings(c2$p.value))
out("ct2.fisher_p", fisher.test(tab2, workspace = 2e8)$p.value)

# correlations
for (v in c("family_warmth", "parent_contact")) {
  ct <- cor.test(d$total, d[[v]])
  out(paste0("cor.", v, ".r"), ct$estimate); out(paste0("cor.", v, ".p"), ct$p.value)
  out(paste0("cor.", v, ".low"), ct$conf.int[1])
  sp <- suppressWarnings(cor.test(d$total, d[[v]], method = "spearman"))
  out(paste0("spearman.", v, ".r"), sp$estimate); out(paste0("spearman.", v, ".p"), sp$p.value)
}

# regression in blocks: total ~ gender + left_behind | family_warmth + parent_contact
r <- d[complete.cases(d[c("total", "gender", "left_behind", "family_warmth", "parent_contact")]), ]
m1 <- lm(total ~ gender + left_behind, r)
m2 <- lm(total ~ gender + left_behind + family_warmth + parent_contact, r)
out("reg.n", nrow(r))
out("reg.r2_1", summary(m1)$r.squared); out("reg.r2_2", summary(m2)$r.squared)
out("reg.adj_2", summary(m2)$adj.r.squared)
av <- anova(m1, m2)
out("reg.f_change", av$F[2]); out("reg.p_change", av$`Pr(>F)`[2])
cf <- coef(summary(m2))
for (t in rownames(cf)) {
  out(paste0("reg.b.", t), cf[t, 1]); out(paste0("reg.se.", t), cf[t, 2]); out(paste0("reg.p.", t), cf[t, 4])
}
X <- model.matrix(m2)[, -1]
out("reg.beta.family_warmth", coef(m2)["family_warmth"] * sd(X[, "family_warmth"]) / sd(r$total))
vf <- vif(m2)
for (t in names(vf)) out(paste0("reg.vif.", t), vf[t])
out("reg.ci_low.family_warmth", confint(m2)["family_warmth", 1])

# R's data sets: PlantGrowth (weight by group: ctrl, trt1, trt2) and ToothGrowth
write.csv(PlantGrowth, "tests/data/survey_cli/plantgrowth.csv", row.names = FALSE)
pa <- aov(weight ~ group, PlantGrowth); ps <- summary(pa)[[1]]
out("plant.f", ps$`F value`[1]); out("plant.p", ps$`Pr(>F)`[1])
ptk <- TukeyHSD(pa)$group
out("plant.tukey.trt2-trt1.p", ptk["trt2-trt1", "p adj"]); out("plant.tukey.trt2-trt1.low", ptk["trt2-trt1", "lwr"])
pw <- oneway.test(weight ~ group, PlantGrowth)
out("plant.welch_f", pw$statistic); out("plant.welch_p", pw$p.value)
out("plant.gh.trt2-trt1.p", gh_p(PlantGrowth$weight, PlantGrowth$group, "trt1", "trt2"))
pk <- kruskal.test(weight ~ group, PlantGrowth)
out("plant.h", pk$statistic); out("plant.h_p", pk$p.value)
tg <- ToothGrowth; tg$id <- seq_len(nrow(tg))
write.csv(tg, "tests/data/survey_cli/toothgrowth.csv", row.names = FALSE)
tst <- t.test(len ~ supp, tg, var.equal = TRUE); twe <- t.test(len ~ supp, tg)
out("tooth.student_t", tst$statistic); out("tooth.student_p", tst$p.value)
out("tooth.welch_df", twe$parameter); out("tooth.welch_p", twe$p.value)
tmw <- suppressWarnings(wilcox.test(len ~ supp, tg))
out("tooth.w", tmw$statistic); out("tooth.w_p", tmw$p.value)
mt <- mtcars; mt$car <- rownames(mtcars)
write.csv(mt, "tests/data/survey_cli/mtcars.csv", row.names = FALSE)
mm1 <- lm(mpg ~ wt, mtcars); mm2 <- lm(mpg ~ wt + hp + factor(cyl), mtcars)
out("mt.r2_2", summary(mm2)$r.squared); out("mt.f_change", anova(mm1, mm2)$F[2])
out("mt.b.factor(cyl)8", coef(mm2)["factor(cyl)8"])
out("mt.gvif.factor(cyl)", vif(mm2)["factor(cyl)", "GVIF"])
