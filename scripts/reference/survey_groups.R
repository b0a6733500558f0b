# Reference values for the statistics of `prepost survey` (issue 25, items 1-3): SPSS
# descriptives, one-sample tests, two independent groups, k groups (ANOVA, Welch, Levene,
# eta/omega squared, Kruskal-Wallis, Dunn).
#
# R 4.2.2, psych 2.2.9, car 3.1-1, effectsize 0.8.3, rstatix 0.7.2, datawizard 0.6.5.
# Writes the data sets used to tests/data/survey/*.csv and every value to
# tests/data/survey/reference.json (numbers with 17 significant digits), and prints them.
# Run from the crate's directory: Rscript scripts/reference/survey_groups.R
suppressMessages({
  library(psych); library(car); library(effectsize); library(rstatix)
})
options(digits = 17, warn = 1)
out <- "tests/data/survey"
dir.create(out, showWarnings = FALSE, recursive = TRUE)

# --- a JSON writer with 17 significant digits (jsonlite stops at 15) ------------------------
num <- function(v) {
  if (length(v) == 0 || is.na(v)) return("null")
  if (is.infinite(v)) return(if (v > 0) "\"Inf\"" else "\"-Inf\"")
  sprintf("%.17g", v)
}
to_json <- function(x, indent = "") {
  inner <- paste0(indent, "  ")
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (is.null(names(x))) {
      items <- vapply(x, to_json, "", indent = inner)
      return(paste0("[\n", inner, paste(items, collapse = paste0(",\n", inner)), "\n", indent, "]"))
    }
    items <- vapply(names(x), function(n) paste0("\"", n, "\": ", to_json(x[[n]], inner)), "")
    return(paste0("{\n", inner, paste(items, collapse = paste0(",\n", inner)), "\n", indent, "}"))
  }
  if (is.character(x)) {
    if (length(x) == 1) return(paste0("\"", x, "\""))
    return(paste0("[", paste0("\"", x, "\"", collapse = ", "), "]"))
  }
  if (is.logical(x) && length(x) == 1) return(if (is.na(x)) "null" else tolower(as.character(x)))
  if (length(x) == 1) return(num(x))
  paste0("[", paste(vapply(x, num, ""), collapse = ", "), "]")
}

# --- data -----------------------------------------------------------------------------------
write.csv(PlantGrowth, file.path(out, "plant_growth.csv"), row.names = FALSE)
write.csv(InsectSprays, file.path(out, "insect_sprays.csv"), row.names = FALSE)
write.csv(chickwts, file.path(out, "chickwts.csv"), row.names = FALSE)
write.csv(ToothGrowth[, c("len", "supp")], file.path(out, "tooth_growth.csv"), row.names = FALSE)
write.csv(sleep[, c("extra", "group")], file.path(out, "sleep.csv"), row.names = FALSE)
bfi_small <- bfi[, c("age", "gender", "education", "A2")]
write.csv(bfi_small, file.path(out, "bfi.csv"), row.names = FALSE, na = "")

ref <- list()

# --- 1. descriptives as SPSS ------------------------------------------------------------------
ses <- function(n) sqrt(6 * n * (n - 1) / ((n - 2) * (n + 1) * (n + 3)))
sek <- function(n) 2 * ses(n) * sqrt((n^2 - 1) / ((n - 3) * (n + 5)))
shape <- function(x) {
  x <- x[!is.na(x)]
  d <- psych::describe(x, type = 2)
  n <- length(x)
  e1 <- e1071::skewness(x, type = 2); e2 <- e1071::kurtosis(x, type = 2)
  stopifnot(abs(e1 - d$skew) < 1e-12 * abs(e1), abs(e2 - d$kurtosis) < 1e-12 * abs(e2))
  list(n = n, mean = mean(x), sd = sd(x), min = min(x), max = max(x),
       skewness = d$skew, se_skewness = ses(n), kurtosis = d$kurtosis, se_kurtosis = sek(n),
       # datawizard 0.6.5 computes the type-2 SEs but returns the type-1 ones:
       datawizard_se_skewness = datawizard::skewness(x, type = "2")$SE,
       datawizard_se_kurtosis = datawizard::kurtosis(x, type = "2")$SE)
}
ref$shape <- list(plant = shape(PlantGrowth$weight), insect = shape(InsectSprays$count),
                  chick = shape(chickwts$weight), bfi_age = shape(bfi$age),
                  bfi_a2 = shape(bfi$A2))

# --- noncentral intervals solved tightly (uniroot on R's pt / pf) -----------------------------
ncp_t <- function(t, df, level = 0.95) {
  a <- (1 - level) / 2
  f <- function(target) {
    lo <- t - 10 - abs(t); hi <- t + 10 + abs(t)
    uniroot(function(d) pt(t, df, d) - target, c(lo, hi), tol = 1e-14)$root
  }
  c(f(1 - a), f(a))
}
ncp_f <- function(f, df1, df2, level = 0.95) {
  end <- function(target) {
    if (pf(f, df1, df2) <= target) return(0)
    hi <- max(2 * f * df1, 10)
    while (pf(f, df1, df2, ncp = hi) > target) hi <- hi * 2
    uniroot(function(l) pf(f, df1, df2, ncp = l) - target, c(0, hi), tol = 1e-13 * hi)$root
  }
  a <- (1 - level) / 2
  c(end(1 - a), end(a))
}

# --- 2. one sample against a test value -------------------------------------------------------
one_sample <- function(x, mu) {
  x <- x[!is.na(x)]
  n <- length(x)
  tt <- t.test(x, mu = mu)
  d <- effectsize::cohens_d(x, mu = mu, ci = 0.95)
  g <- effectsize::hedges_g(x, mu = mu, ci = 0.95)
  tstat <- unname(tt$statistic)
  nc <- ncp_t(tstat, n - 1) / sqrt(n)
  J <- exp(lgamma((n - 1) / 2) - log(sqrt((n - 1) / 2)) - lgamma((n - 2) / 2))
  w <- suppressWarnings(wilcox.test(x, mu = mu))
  wl <- suppressWarnings(wilcox.test(x, mu = mu, alternative = "less"))
  dd <- x - mu
  ranked <- dd[dd != 0]
  rb <- effectsize::rank_biserial(x, mu = mu, ci = 0.95)
  list(n = n, mu = mu, mean = mean(x), t = tstat, df = unname(tt$parameter), p = tt$p.value,
       diff_ci = unname(tt$conf.int) - mu,
       d = d$Cohens_d, d_ci_effectsize = c(d$CI_low, d$CI_high), d_ci = nc,
       g = g$Hedges_g, g_ci_effectsize = c(g$CI_low, g$CI_high), g_ci = nc * J,
       wilcoxon_v = unname(w$statistic), wilcoxon_p = w$p.value, wilcoxon_method = w$method,
       wilcoxon_exact = (length(ranked) < 50 && !any(ranked == 0) &&
                           !any(duplicated(abs(ranked))) && !any(dd == 0)),
       wilcoxon_p_less = wl$p.value,
       rank_biserial = rb$r_rank_biserial, rank_biserial_ci = c(rb$CI_low, rb$CI_high))
}
ref$one_sample <- list(
  bfi_a2 = one_sample(bfi$A2, 3.5),
  sleep1 = one_sample(sleep$extra[sleep$group == 1], 0),
  women = one_sample(women$height, 65),
  precip = one_sample(precip, 35),
  exact = one_sample(c(3.2, 4.1, 2.7, 5.5, 3.95, 4.4, 2.15, 6.3, 3.05, 4.75, 5.1, 1.85), 3),
  large_t = one_sample(c(10.1, 10.3, 10.2, 10.4, 10.25, 10.15, 10.35, 10.05), 3))
# (large_t: d = 38, so the upper end of the d interval lies beyond |ncp| = 37.62, where R's pt
#  switches to its normal approximation: its values are printed, the test uses pnt's)

# --- 3. two independent groups -----------------------------------------------------------------
two_groups <- function(x, y) {
  x <- x[!is.na(x)]; y <- y[!is.na(y)]
  nx <- length(x); ny <- length(y)
  s <- t.test(x, y, var.equal = TRUE); w <- t.test(x, y)
  yy <- c(x, y); gg <- factor(rep(c("x", "y"), c(nx, ny)))
  lm_ <- car::leveneTest(yy ~ gg, center = mean); lmed <- car::leveneTest(yy ~ gg)
  d <- effectsize::cohens_d(x, y, ci = 0.95); g <- effectsize::hedges_g(x, y, ci = 0.95)
  df <- nx + ny - 2
  hn <- sqrt(1 / nx + 1 / ny)
  nc <- ncp_t(unname(s$statistic), df) * hn
  J <- exp(lgamma(df / 2) - log(sqrt(df / 2)) - lgamma((df - 1) / 2))
  mw <- suppressWarnings(wilcox.test(x, y))
  rb <- effectsize::rank_biserial(x, y, ci = 0.95)
  rbg <- effectsize::rank_biserial(x, y, ci = 0.95, alternative = "greater")
  list(nx = nx, ny = ny,
       student = list(t = unname(s$statistic), df = unname(s$parameter), p = s$p.value,
                      diff = mean(x) - mean(y), ci = unname(s$conf.int)),
       welch = list(t = unname(w$statistic), df = unname(w$parameter), p = w$p.value,
                    ci = unname(w$conf.int)),
       levene_mean = list(f = lm_$`F value`[1], df1 = lm_$Df[1], df2 = lm_$Df[2], p = lm_$`Pr(>F)`[1]),
       levene_median = list(f = lmed$`F value`[1], df1 = lmed$Df[1], df2 = lmed$Df[2],
                            p = lmed$`Pr(>F)`[1]),
       d = d$Cohens_d, d_ci_effectsize = c(d$CI_low, d$CI_high), d_ci = nc,
       g = g$Hedges_g, g_ci_effectsize = c(g$CI_low, g$CI_high), g_ci = nc * J,
       mw_w = unname(mw$statistic), mw_p = mw$p.value, mw_method = mw$method,
       rank_biserial = rb$r_rank_biserial, rank_biserial_ci = c(rb$CI_low, rb$CI_high),
       rank_biserial_ci_greater = c(rbg$CI_low, rbg$CI_high))
}
ref$two_groups <- list(
  bfi_gender = two_groups(bfi$age[bfi$gender == 1], bfi$age[bfi$gender == 2]),
  tooth = two_groups(ToothGrowth$len[ToothGrowth$supp == "OJ"], ToothGrowth$len[ToothGrowth$supp == "VC"]),
  sleep = two_groups(sleep$extra[sleep$group == 1], sleep$extra[sleep$group == 2]),
  plant = two_groups(PlantGrowth$weight[PlantGrowth$group == "ctrl"],
                     PlantGrowth$weight[PlantGrowth$group == "trt1"]),
  exact = two_groups(c(1.1, 2.3, 0.4, 5.6, 3.2, 4.8, 2.9), c(0.2, 1.5, -0.7, 2.2, 0.9)))

# --- 4./5. k groups ----------------------------------------------------------------------------
k_groups <- function(y, g) {
  ok <- !is.na(y) & !is.na(g)
  y <- y[ok]; g <- factor(g[ok])
  fit <- aov(y ~ g)
  tab <- summary(fit)[[1]]
  Fv <- tab$`F value`[1]; df1 <- tab$Df[1]; df2 <- tab$Df[2]
  ow <- oneway.test(y ~ g)
  owf <- oneway.test(y ~ g, var.equal = TRUE)
  stopifnot(abs(owf$statistic - Fv) < 1e-9 * Fv)
  lm_ <- car::leveneTest(y ~ g, center = mean); lmed <- car::leveneTest(y ~ g)
  e2 <- effectsize::eta_squared(fit, partial = FALSE, ci = 0.95, alternative = "two.sided", verbose = FALSE)
  e2g <- effectsize::eta_squared(fit, partial = FALSE, ci = 0.95, verbose = FALSE)
  o2 <- effectsize::omega_squared(fit, partial = FALSE, ci = 0.95, alternative = "two.sided", verbose = FALSE)
  # the same intervals with the noncentrality solved tightly, transformed as effectsize does
  lam <- ncp_f(Fv, df1, df2)
  eta_ci <- lam / (lam + df2)
  om <- o2$Omega2
  fo <- (om / df1) / ((1 - om) / df2)
  lamo <- ncp_f(fo, df1, df2)
  kw <- kruskal.test(y, g)
  eps <- effectsize::rank_epsilon_squared(y, g, ci = NULL)
  dn <- as.data.frame(rstatix::dunn_test(data.frame(y = y, g = g), y ~ g, p.adjust.method = "holm",
                                         detailed = TRUE))
  list(k = nlevels(g), n = length(y), ss_between = tab$`Sum Sq`[1], ss_within = tab$`Sum Sq`[2],
       f = Fv, df1 = df1, df2 = df2, p = tab$`Pr(>F)`[1],
       welch = list(f = unname(ow$statistic), df1 = unname(ow$parameter[1]),
                    df2 = unname(ow$parameter[2]), p = ow$p.value),
       levene_mean = list(f = lm_$`F value`[1], df1 = lm_$Df[1], df2 = lm_$Df[2], p = lm_$`Pr(>F)`[1]),
       levene_median = list(f = lmed$`F value`[1], df1 = lmed$Df[1], df2 = lmed$Df[2],
                            p = lmed$`Pr(>F)`[1]),
       eta_sq = e2$Eta2, eta_sq_ci_effectsize = c(e2$CI_low, e2$CI_high),
       eta_sq_ci_effectsize_greater = c(e2g$CI_low, e2g$CI_high),
       eta_sq_ci = eta_ci, ncp_ci = lam,
       omega_sq = om, omega_sq_ci_effectsize = c(o2$CI_low, o2$CI_high),
       omega_sq_ci = lamo / (lamo + df2),
       kruskal = list(h = unname(kw$statistic), df = unname(kw$parameter), p = kw$p.value,
                      epsilon_sq = eps$rank_epsilon_squared),
       dunn = lapply(seq_len(nrow(dn)), function(i)
         list(group1 = as.character(dn$group1[i]), group2 = as.character(dn$group2[i]),
              mean_rank1 = dn$estimate1[i], mean_rank2 = dn$estimate2[i],
              z = dn$statistic[i], p = dn$p[i], p_adj = dn$p.adj[i])))
}
ref$k_groups <- list(
  plant = k_groups(PlantGrowth$weight, PlantGrowth$group),
  insect = k_groups(InsectSprays$count, InsectSprays$spray),
  chick = k_groups(chickwts$weight, chickwts$feed),
  bfi_edu = k_groups(bfi$age, bfi$education))

# a group of one and a constant group (Welch's ANOVA is not defined: R stops)
edge_y <- c(3, 5, 5, 5, 1, 2, 4, 7)
edge_g <- factor(c("a", "b", "b", "b", "c", "c", "c", "c"))
e <- tryCatch(k_groups(edge_y, edge_g), error = function(e) NULL)
fit <- aov(edge_y ~ edge_g); tab <- summary(fit)[[1]]
lm_ <- car::leveneTest(edge_y ~ edge_g, center = mean); lmed <- car::leveneTest(edge_y ~ edge_g)
kw <- kruskal.test(edge_y, edge_g)
dn <- as.data.frame(rstatix::dunn_test(data.frame(y = edge_y, g = edge_g), y ~ g, detailed = TRUE))
ref$edge <- list(
  f = tab$`F value`[1], df1 = tab$Df[1], df2 = tab$Df[2], p = tab$`Pr(>F)`[1],
  welch_error = tryCatch({oneway.test(edge_y ~ edge_g); "none"}, error = function(e) conditionMessage(e)),
  levene_mean = list(f = lm_$`F value`[1], p = lm_$`Pr(>F)`[1]),
  levene_median = list(f = lmed$`F value`[1], p = lmed$`Pr(>F)`[1]),
  kruskal = list(h = unname(kw$statistic), p = kw$p.value),
  dunn_z = dn$statistic, dunn_p = dn$p, dunn_p_adj = dn$p.adj)

json <- to_json(ref)
writeLines(json, file.path(out, "reference.json"))
cat(json, "\n")
