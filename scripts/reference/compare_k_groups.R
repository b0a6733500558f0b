# References for `prepost compare --group` with three groups (and the groups at the pre-test
# with two): tests/cli/groups.rs reads tests/data/compare_k_groups/reference.json.
# Data: MASS::anorexia (CBT, Cont, FT; Prewt, Postwt: 72 girls) and carData::OBrienKaiser
# (control, A, B; each wave the mean of its five hours), written to tests/data/compare_k_groups/
# as prepost reads them (anorexia2.csv: CBT and Cont alone).
# Run from the crate's directory: Rscript scripts/reference/compare_k_groups.R
# (jsonlite writes 15 significant digits: enough for the tests' 1e-10.)
# R 4.2.2, MASS 7.3-58.2, car 3.1-1, emmeans 1.8.4-1, rstatix 0.7.2.
suppressMessages({ library(car); library(emmeans); library(rstatix) })
dir <- "tests/data/compare_k_groups"
a <- MASS::anorexia
write.csv(data.frame(id = seq_len(nrow(a)), group = a$Treat, pre = a$Prewt, post = a$Postwt),
          file.path(dir, "anorexia.csv"), row.names = FALSE, quote = FALSE)
a2 <- droplevels(a[a$Treat != "FT", ])
write.csv(data.frame(id = seq_len(nrow(a2)), group = a2$Treat, pre = a2$Prewt, post = a2$Postwt),
          file.path(dir, "anorexia2.csv"), row.names = FALSE, quote = FALSE)
o <- carData::OBrienKaiser
ok <- data.frame(id = seq_len(nrow(o)), treatment = o$treatment, gender = o$gender,
                 pre = rowMeans(o[, 3:7]), post = rowMeans(o[, 8:12]), fup = rowMeans(o[, 13:17]))
write.csv(ok, file.path(dir, "obrien_kaiser.csv"), row.names = FALSE, quote = FALSE)
# as read back from the file (and as prepost orders labels): A, B, control
ok$treatment <- factor(as.character(ok$treatment))

# the groups compared on x (a score) as compare reports them
levels_of <- function(x, g) lapply(levels(g), function(l) {
  v <- x[g == l]; list(level = l, n = length(v), mean = mean(v), sd = sd(v))
})
k_groups <- function(x, g) {
  d <- data.frame(x = x, g = g)
  f <- oneway.test(x ~ g, d, var.equal = TRUE); w <- oneway.test(x ~ g, d)
  av <- summary(aov(x ~ g, d))[[1]]; eta <- av$`Sum Sq`[1] / sum(av$`Sum Sq`)
  k <- kruskal.test(x ~ g, d)
  lv <- leveneTest(x ~ g, d, center = mean)
  tk <- TukeyHSD(aov(x ~ g, d))$g
  gh <- games_howell_test(d, x ~ g)
  dn <- dunn_test(d, x ~ g, p.adjust.method = "holm")
  list(levels = levels_of(x, g),
       anova = list(f = unname(f$statistic), df1 = unname(f$parameter[1]),
                    df2 = unname(f$parameter[2]), p = f$p.value, eta_sq = eta),
       welch_anova = list(f = unname(w$statistic), df1 = unname(w$parameter[1]),
                          df2 = unname(w$parameter[2]), p = w$p.value),
       kruskal = list(h = unname(k$statistic), df = unname(k$parameter), p = k$p.value),
       levene = list(f = lv$`F value`[1], p = lv$`Pr(>F)`[1]),
       tukey = list(pair = rownames(tk), diff = unname(tk[, "diff"]), lwr = unname(tk[, "lwr"]),
                    upr = unname(tk[, "upr"]), p = unname(tk[, "p adj"])),
       games_howell = list(a = gh$group1, b = gh$group2, diff = gh$estimate,
                           lwr = gh$conf.low, upr = gh$conf.high),
       dunn = list(a = dn$group1, b = dn$group2, z = dn$statistic, p = dn$p, p_adj = dn$p.adj))
}
ancova_k <- function(pre, post, g) {
  m <- lm(post ~ pre + g)
  a2 <- Anova(m, type = 2)
  ss <- a2$`Sum Sq`
  emm <- emmeans(m, ~ g); s <- summary(emm)
  pw <- pairs(emm, adjust = "tukey"); sp <- summary(pw); ci <- confint(pw)
  list(f = a2$`F value`[2], df1 = a2$Df[2], df2 = a2$Df[3], p_group = a2$`Pr(>F)`[2],
       partial_eta_sq = ss[2] / (ss[2] + ss[3]), slope = unname(coef(m)["pre"]),
       emmean = s$emmean, emmean_se = s$SE, emmean_low = s$lower.CL, emmean_high = s$upper.CL,
       contrast = as.character(sp$contrast), estimate = sp$estimate, se = sp$SE, t = sp$t.ratio,
       pair_p = sp$p.value, low = ci$lower.CL, high = ci$upper.CL)
}
two_groups <- function(x, g) {
  # treatment (the first level) minus comparison
  l <- levels(g); x1 <- x[g == l[1]]; x2 <- x[g == l[2]]
  s <- t.test(x1, x2, var.equal = TRUE); w <- t.test(x1, x2)
  mw <- wilcox.test(x1, x2, exact = FALSE)
  lv <- leveneTest(x ~ g, data.frame(x = x, g = g), center = mean)
  list(levels = levels_of(x, g),
       student = list(t = unname(s$statistic), df = unname(s$parameter), p = s$p.value),
       welch = list(t = unname(w$statistic), df = unname(w$parameter), p = w$p.value),
       mann_whitney = list(w = unname(mw$statistic), p = mw$p.value),
       levene = list(f = lv$`F value`[1], p = lv$`Pr(>F)`[1]))
}

ref <- list(
  anorexia = list(baseline = k_groups(a$Prewt, a$Treat),
                  change = k_groups(a$Postwt - a$Prewt, a$Treat),
                  ancova = ancova_k(a$Prewt, a$Postwt, a$Treat)),
  anorexia2 = list(baseline = two_groups(a2$Prewt, a2$Treat)),
  obrien_kaiser = list(baseline = k_groups(ok$pre, ok$treatment),
                       change = k_groups(ok$post - ok$pre, ok$treatment),
                       ancova = ancova_k(ok$pre, ok$post, ok$treatment))
)
jsonlite::write_json(ref, file.path(dir, "reference.json"), digits = NA, auto_unbox = TRUE,
                     pretty = TRUE)
