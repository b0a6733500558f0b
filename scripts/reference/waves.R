# Reference values for studies of three or more waves (issue 14), computed with R.
#
#   Rscript scripts/reference/waves.R      (from the repository's top directory)
#
# Writes tests/data/waves/<case>/long.csv (the data, in the long layout) and
# tests/data/waves/<case>/reference.json (R's values). Made with R 4.2.2, afex 1.2-1, car 3.1-1,
# effectsize 0.8.3, coin 1.4-2 (Debian bookworm packages). The tests read the JSON; they never
# need R.
#
# Per scale: descriptives per wave (complete cases across the waves); friedman.test with
# Kendall's W = chi2 / (n (k - 1)) and the Iman-Davenport F; afex::aov_ez(within = "time")
# (its anova table: F, df, p, ges, pes) and summary() of it (car's summary.Anova.mlm: Mauchly,
# GG and HF epsilons and corrected p); the pairwise comparisons of the waves (t.test paired,
# wilcox.test and coin's exact signed-rank test, effectsize's d_z, Holm across the comparisons
# of a scale); with a group: afex::aov_ez(between = "group", within = "time", type 3), and the
# ANCOVA of each later wave on the first, lm(wave ~ first + treatment).

suppressPackageStartupMessages({
  library(afex)
  library(jsonlite)
  library(coin)
  library(effectsize)
})
options(warn = 1)

out_dir <- "tests/data/waves"

num <- function(x) if (length(x) == 0 || is.na(x)) NULL else unname(x)

reference <- function(long, scales, waves, group = NULL, treatment = NULL) {
  result <- list()
  for (scale in scales) {
    d <- long[!is.na(long[[scale]]), c("id", "time", scale, if (!is.null(group)) group)]
    d$time <- factor(d$time, levels = waves)
    wide <- reshape(d[, c("id", "time", scale)], idvar = "id", timevar = "time",
                    direction = "wide")
    names(wide) <- sub(paste0("^", scale, "\\."), "", names(wide))
    wide <- wide[complete.cases(wide[, waves]), ]
    ids <- wide$id
    d <- d[d$id %in% ids, ]
    y <- as.matrix(wide[, waves])
    n <- nrow(y)
    k <- length(waves)
    r <- list(n = n)
    r$waves <- lapply(waves, function(w) list(label = w, n = n, mean = mean(y[, w]),
                                              sd = sd(y[, w]), median = median(y[, w])))
    ft <- friedman.test(y)
    chi <- unname(ft$statistic)
    id_f <- (n - 1) * chi / (n * (k - 1) - chi)
    # (W = 1: the F is infinite; pf() says p = 0, which prepost does not report)
    id_p <- if (is.finite(id_f)) pf(id_f, k - 1, (k - 1) * (n - 1), lower.tail = FALSE) else NA
    r$friedman <- list(chi_sq = num(chi), df = num(ft$parameter), p_value = num(ft$p.value),
                       kendall_w = num(chi / (n * (k - 1))), iman_davenport_f = num(id_f),
                       iman_davenport_p = num(id_p))
    r$friedman["iman_davenport_f"] <- list(num(if (is.finite(id_f)) id_f))
    r$friedman["iman_davenport_p"] <- list(num(id_p))
    a <- suppressMessages(aov_ez("id", scale, d, within = "time",
                                 anova_table = list(correction = "none", es = c("ges", "pes"))))
    tab <- a$anova_table
    s <- summary(a)
    sph <- s$sphericity.tests
    adj <- s$pval.adjustments
    r$rm_anova <- list(f = tab["time", "F"], df1 = tab["time", "num Df"],
                       df2 = tab["time", "den Df"], p_value = tab["time", "Pr(>F)"],
                       eta_sq_g = tab["time", "ges"], eta_sq_p = tab["time", "pes"],
                       mauchly_w = num(if (nrow(sph)) sph["time", "Test statistic"]),
                       mauchly_p = num(if (nrow(sph)) sph["time", "p-value"]),
                       gg_epsilon = num(if (nrow(adj)) adj["time", "GG eps"]),
                       hf_epsilon = num(if (nrow(adj)) adj["time", "HF eps"]))
    # (without the epsilons, afex's table of corrected p-values holds zeros, not NA)
    sphericity <- nrow(adj) > 0 && !is.na(adj["time", "GG eps"])
    r$rm_anova["p_gg"] <- list(num(if (sphericity) adj["time", "Pr(>F[GG])"]))
    r$rm_anova["p_hf"] <- list(num(if (sphericity) adj["time", "Pr(>F[HF])"]))
    pairs <- list()
    for (i in 1:(k - 1)) for (j in (i + 1):k) {
      from <- y[, i]; to <- y[, j]
      tt <- t.test(to, from, paired = TRUE)
      wt <- suppressWarnings(wilcox.test(to, from, paired = TRUE))
      diffs <- to - from
      nz <- diffs[diffs != 0]
      exact_p <- if (length(nz) > 0) {
        pvalue(wilcoxsign_test(to ~ from, distribution = "exact", zero.method = "Wilcoxon"))
      } else NA
      dz <- cohens_d(to, from, paired = TRUE)
      pairs[[length(pairs) + 1]] <- list(
        from = waves[i], to = waves[j], n = n,
        t_test = list(t = num(tt$statistic), df = num(tt$parameter), p_value = num(tt$p.value),
                      mean_diff = num(tt$estimate), ci_low = num(tt$conf.int[1]),
                      ci_high = num(tt$conf.int[2])),
        wilcoxon = list(v = num(wt$statistic), p_value_exact = num(exact_p),
                        p_value_r = num(wt$p.value)),
        d_z = list(value = dz$Cohens_d, ci_low = dz$CI_low, ci_high = dz$CI_high))
    }
    # Holm across the comparisons of the scale, each family on its own
    p_t <- p.adjust(sapply(pairs, function(p) p$t_test$p_value), "holm")
    p_w <- p.adjust(sapply(pairs, function(p) p$wilcoxon$p_value_exact), "holm")
    for (i in seq_along(pairs)) {
      pairs[[i]]$t_test$p_holm <- p_t[i]
      pairs[[i]]$wilcoxon$p_holm <- num(p_w[i])
    }
    r$pairwise <- pairs
    if (!is.null(group)) {
      m <- suppressMessages(aov_ez("id", scale, d, between = group, within = "time", type = 3,
                                   anova_table = list(correction = "none",
                                                      es = c("ges", "pes"))))
      tab <- m$anova_table
      adj <- summary(m)$pval.adjustments
      term <- function(name, within) {
        list(f = tab[name, "F"], df1 = tab[name, "num Df"], df2 = tab[name, "den Df"],
             p_value = tab[name, "Pr(>F)"],
             gg_epsilon = num(if (within) adj[name, "GG eps"]),
             p_gg = num(if (within) adj[name, "Pr(>F[GG])"]),
             eta_sq_g = tab[name, "ges"], eta_sq_p = tab[name, "pes"])
      }
      r$mixed <- list(group = term(group, FALSE), time = term("time", TRUE),
                      interaction = term(paste0(group, ":time"), TRUE))
      g <- sapply(ids, function(i) d[d$id == i, group][1])
      treat <- as.numeric(g == treatment)
      r$ancova <- lapply(waves[-1], function(w) {
        fit <- lm(y[, w] ~ y[, waves[1]] + treat)
        co <- summary(fit)$coefficients
        ci <- confint(fit)["treat", ]
        list(wave = w, diff = co["treat", 1], se = co["treat", 2], t = co["treat", 3],
             p_value = co["treat", 4], ci_low = ci[[1]], ci_high = ci[[2]],
             slope = co[2, 1])
      })
      r$n_by_group <- as.list(table(g))
      # the analyses across the waves within each group
      r$groups <- list()
      for (label in sort(unique(g))) {
        r$groups[[label]] <- reference(long[long[[group]] == label, ], scale, waves)[[scale]]
      }
    }
    result[[scale]] <- r
  }
  result
}

# Every number with 17 significant digits (jsonlite keeps 15 at most).
exact <- function(x) {
  if (is.list(x)) return(lapply(x, exact))
  if (is.numeric(x) && length(x) == 1 && is.finite(x)) {
    return(structure(sprintf("%.17g", x), class = "json"))
  }
  x
}

write_case <- function(name, long, scales, waves, group = NULL, treatment = NULL, about) {
  dir <- file.path(out_dir, name)
  dir.create(dir, recursive = TRUE, showWarnings = FALSE)
  write.csv(long, file.path(dir, "long.csv"), row.names = FALSE, quote = FALSE, na = "")
  ref <- list(about = about, waves = waves, group = group, treatment = treatment,
              scales = reference(long, scales, waves, group, treatment))
  writeLines(toJSON(exact(ref), auto_unbox = TRUE, json_verbatim = TRUE, null = "null",
                    pretty = TRUE),
             file.path(dir, "reference.json"))
}

# 1. Twelve children, two groups (7 and 5), pre, post and a follow-up; integer sums with ties.
ids <- sprintf("C%02d", 1:12)
grp <- rep(c("program", "comparison"), c(7, 5))
conf <- list(pre = c(52, 48, 55, 60, 45, 50, 58, 54, 49, 57, 51, 53),
             post = c(61, 55, 60, 66, 52, 58, 63, 55, 50, 56, 53, 54),
             follow = c(59, 56, 62, 64, 50, 57, 61, 53, 51, 57, 52, 55))
anx <- list(pre = c(30, 28, 35, 25, 32, 29, 31, 27, 33, 30, 26, 29),
            post = c(25, 24, 30, 22, 27, 25, 26, 27, 32, 29, 27, 28),
            follow = c(26, 24, 31, 23, 26, 27, 27, 26, 31, 30, 26, 29))
long <- do.call(rbind, lapply(c("pre", "post", "follow"), function(w)
  data.frame(id = ids, group = grp, time = w, confidence = conf[[w]], anxiety = anx[[w]])))
write_case("children3", long, c("confidence", "anxiety"), c("pre", "post", "follow"),
           group = "group", treatment = "program",
           about = "12 children (program 7, comparison 5) at pre, post and follow-up")

# 2. Four waves, ten participants with decimal scores; participant P07 misses wave T3, so nine
#    complete cases (the sphericity p has the second-order term, k >= 4).
set.seed(20261130)
n <- 10
base <- rnorm(n, 3, 0.6)
sc <- sapply(c(0, 0.4, 0.5, 0.3), function(shift) round(base + shift + rnorm(n, 0, 0.35), 2))
colnames(sc) <- c("T1", "T2", "T3", "T4")
long4 <- do.call(rbind, lapply(colnames(sc), function(w)
  data.frame(id = sprintf("P%02d", 1:n), time = w, wellbeing = sc[, w])))
long4 <- long4[!(long4$id == "P07" & long4$time == "T3"), ]
write_case("four_waves", long4, "wellbeing", c("T1", "T2", "T3", "T4"),
           about = "10 participants, 4 waves, one wave missing for P07 (9 complete)")

# 3. Fewer participants than waves: two children, three waves (no sphericity test).
long2 <- data.frame(id = rep(c("A", "B"), 3), time = rep(c("pre", "post", "follow"), each = 2),
                    score = c(10, 12, 14, 13, 15, 18))
write_case("two_children", long2, "score", c("pre", "post", "follow"),
           about = "n = 2 < k = 3: F is defined, sphericity is not")
