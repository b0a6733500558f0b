# Reference values for src/stats/post_hoc.rs (R 4.2.2, rstatix 0.7.2, emmeans, multcompView 0.1-8).
# Run: Rscript scripts/reference/post_hoc.R
suppressPackageStartupMessages({library(rstatix); library(emmeans); library(multcompView)})
emm_options(msg.interaction = FALSE)
sets <- list(
  PlantGrowth = data.frame(y = PlantGrowth$weight, g = PlantGrowth$group),
  InsectSprays = data.frame(y = InsectSprays$count, g = InsectSprays$spray),
  warpbreaks = data.frame(y = warpbreaks$breaks, g = warpbreaks$tension),
  chickwts = data.frame(y = chickwts$weight, g = chickwts$feed),
  # eight groups whose means rise in steps of 0.6 with the same spread: overlapping letters
  staircase = data.frame(y = rep(0:7, each = 5) * 0.6 + rep(c(-0.8, -0.3, 0, 0.35, 0.75), 8),
                         g = factor(rep(LETTERS[1:8], each = 5))))
f17 <- function(x) sprintf("%.17g", x)
for (nm in names(sets)) {
  d <- sets[[nm]]
  lv <- levels(d$g); k <- length(lv)
  cat("== ", nm, "\n", sep = "")
  for (l in lv) cat("data", l, d$y[d$g == l], "\n")
  fit <- aov(y ~ g, data = d)
  tk <- TukeyHSD(fit, conf.level = 0.95)$g
  # pairs in R's order (j < i): row "lv[i]-lv[j]"
  for (r in seq_len(nrow(tk))) {
    p <- strsplit(rownames(tk)[r], "-")[[1]]
    cat("tukey", match(p[2], lv) - 1, match(p[1], lv) - 1, f17(tk[r, ]), "\n")
  }
  gh <- games_howell_test(d, y ~ g, detailed = TRUE)
  for (r in seq_len(nrow(gh))) {
    a <- match(gh$group1[r], lv) - 1; b <- match(gh$group2[r], lv) - 1
    p <- ptukey(sqrt(2) * gh$statistic[r], k, gh$df[r], lower.tail = FALSE)
    cat("gh", a, b, f17(c(gh$estimate[r], gh$conf.low[r], gh$conf.high[r], p, gh$df[r], gh$se[r])), "\n")
  }
  for (adj in c("none", "bonferroni")) {
    pt <- pairwise.t.test(d$y, d$g, pool.sd = TRUE, p.adjust.method = adj)$p.value
    em <- confint(pairs(emmeans(fit, ~ g), adjust = adj, reverse = TRUE))
    pv <- summary(pairs(emmeans(fit, ~ g), adjust = adj, reverse = TRUE))$p.value
    for (j in 1:(k - 1)) for (i in (j + 1):k) {
      row <- which(em$contrast == paste(lv[i], "-", lv[j]))
      cat(if (adj == "none") "lsd" else "bonf", j - 1, i - 1,
          f17(c(em$estimate[row], em$lower.CL[row], em$upper.CL[row], pt[lv[i], lv[j]], pv[row])), "\n")
    }
  }
  # compact letters from Tukey's p (symmetric matrix, groups in level order)
  pm <- matrix(1, k, k, dimnames = list(lv, lv))
  for (r in seq_len(nrow(tk))) {
    p <- strsplit(rownames(tk)[r], "-")[[1]]
    pm[p[1], p[2]] <- pm[p[2], p[1]] <- tk[r, "p adj"]
  }
  cat("letters", multcompLetters(pm)$Letters, "\n")
}
