# References for src/stats/ancova_groups.rs (R 4.2.2, MASS 7.3-58.2, car 3.1-1, emmeans 1.8.4-1).
# Run from the crate's directory: Rscript scripts/reference/ancova_groups.R
suppressMessages({library(car); library(emmeans)})
d <- "tests/data/regress"
f17 <- function(x) paste(ifelse(is.na(x), "NAN", sprintf("%.17g", x)), collapse = ", ")
show <- function(label, x) cat(label, " = [", f17(x), "]\n", sep = "")
ancova_ref <- function(tag, m, data) {
  cat("--", tag, "--\n")
  a2 <- Anova(m, type = 2); a3 <- Anova(m, type = 3)
  show("type2 SS (pre, group, resid)", a2$`Sum Sq`); show("type2 df", a2$Df)
  show("type2 F", a2$`F value`[1:2]); show("type2 p", a2$`Pr(>F)`[1:2])
  show("type3 F (pre, group)", a3$`F value`[2:3]); show("type3 p", a3$`Pr(>F)`[2:3])
  ss <- a2$`Sum Sq`; show("partial eta sq (pre, group)", ss[1:2] / (ss[1:2] + ss[3]))
  show("slope, se", coef(summary(m))[2, 1:2])
  emm <- emmeans(m, ~ grp)
  s <- summary(emm); show("emmean", s$emmean); show("emmean SE", s$SE); show("emmean lo", s$lower.CL); show("emmean hi", s$upper.CL)
  show("covariate mean", mean(model.frame(m)$pre))
  for (adj in c("tukey", "holm", "bonferroni", "none")) {
    pw <- pairs(emm, adjust = adj); sp <- summary(pw); ci <- confint(pw)
    cat("contrasts:", paste(sp$contrast, collapse = ", "), "\n")
    show(paste(adj, "estimate"), sp$estimate); show(paste(adj, "SE"), sp$SE); show(paste(adj, "t"), sp$t.ratio)
    show(paste(adj, "p"), sp$p.value); show(paste(adj, "lo"), ci$lower.CL); show(paste(adj, "hi"), ci$upper.CL)
  }
  mi <- update(m, . ~ . + pre:grp)
  a <- anova(m, mi); show("slopes F df1 df2 p", c(a$F[2], a$Df[2], a$Res.Df[2], a$`Pr(>F)`[2]))
}

cat("==== MASS::anorexia: Postwt ~ Prewt + Treat (CBT, Cont, FT)\n")
A <- read.csv(file.path(d, "anorexia.csv"), stringsAsFactors = TRUE)
A <- data.frame(pre = A$Prewt, post = A$Postwt, grp = A$Treat)
ancova_ref("anorexia", lm(post ~ pre + grp, A), A)

cat("==== mtcars: mpg ~ hp + factor(gear) (gear 3, 4, 5)\n")
M <- read.csv(file.path(d, "mtcars.csv"))
ancova_ref("mtcars gear", lm(post ~ pre + grp, data.frame(pre = M$hp, post = M$mpg, grp = factor(M$gear))), NULL)

cat("==== two groups: equals ancova.rs (treatment 1 vs 0)\n")
pre <- c(10,12,9,14,11,13,8,12,10,15,11,9); post <- c(14,15,13,18,13,17,9,12,11,15,12,9.5)
g <- factor(c(rep("treat", 6), rep("comp", 6)), levels = c("comp", "treat"))
ancova_ref("two groups", lm(post ~ pre + grp, data.frame(pre, post, grp = g)), NULL)
