# References for the single-case log response ratio (every scale), the log odds ratio, the SMD
# with the pooled SD and the averages over cases, from SingleCaseES 0.7.4 (installed from
# jepusto/SingleCaseES at 8de5a3aa, DESCRIPTION Version 0.7.4) and metafor 3.8-1, R 4.2.2.
#
#   Rscript scripts/reference/sced.R            (run from the crate's directory)
#
# SingleCaseES from its source: R CMD INSTALL <checkout of jepusto/SingleCaseES> (needs the
# Debian packages r-cran-dplyr, -tidyr, -purrr, -tidyselect, -rlang); metafor: r-cran-metafor.
#
# Writes tests/data/sced/series.csv (the sessions used: data set, series, phase A/B, score,
# in session order), tests/data/sced/case.csv (one row per series x measure x options) and
# tests/data/sced/average.csv (averages over the series), every number with 17 significant
# digits, and prints them.
suppressPackageStartupMessages({
  library(SingleCaseES)
  library(metafor)
})
stopifnot(as.character(packageVersion("SingleCaseES")) == "0.7.4")
options(warn = -1)
out <- "tests/data/sced"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
f17 <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

# ---- the series ---------------------------------------------------------------------------
# Each series: data set, id, A and B (the pooled sessions of the baseline and the treatment
# phase in session order, as calc_ES(condition, outcome) splits them), its natural scale,
# intervals, observation length and direction of improvement.
series <- list()
add <- function(data, id, A, B, scale, intervals, obs_len, direction) {
  series[[length(series) + 1]] <<- list(data = data, id = id, A = A, B = B, scale = scale,
    intervals = intervals, obs_len = obs_len, direction = direction)
}

# Shogren et al. (2004), as SingleCaseES's tests/testthat/test-Pustejovsky-2015.R prepares it:
# event counting is a count, the rest a proportion with Session_length*60/interval_length
# intervals (NA for continuous duration recording)
data(Shogren)
Shogren$key <- paste(Shogren$Study, Shogren$Case, Shogren$Measure, sep = "/")
for (k in unique(Shogren$key)) {
  d <- Shogren[Shogren$key == k, ]
  add("Shogren", k, d$outcome[d$Phase == "No Choice"], d$outcome[d$Phase == "Choice"],
      ifelse(d$Recording_procedure[1] == "EC", "count", "proportion"),
      d$Session_length[1] * 60 / d$interval_length[1], d$Session_length[1], d$direction[1])
}
# Schmidt (2007): counts and percentages (MTS, 20 intervals), each AB pair a series
data(Schmidt2007)
Schmidt2007$key <- paste(Schmidt2007$Behavior_type, Schmidt2007$Case_pseudonym,
                         Schmidt2007$Phase_num, sep = "/")
for (k in unique(Schmidt2007$key)) {
  d <- Schmidt2007[Schmidt2007$key == k, ]
  d <- d[order(d$Session_number), ]
  add("Schmidt2007", k, d$Outcome[d$Condition == "A"], d$Outcome[d$Condition == "B"],
      d$Metric[1], d$n_Intervals[1], d$Session_length[1], d$direction[1])
}
# McKissick (2010): counts in 20-minute sessions
data(McKissick)
for (k in unique(McKissick$Case_pseudonym)) {
  d <- McKissick[McKissick$Case_pseudonym == k, ]
  d <- d[order(d$Session_number), ]
  add("McKissick", k, d$Outcome[d$Condition == "A"], d$Outcome[d$Condition == "B"],
      "count", NA, d$Session_length[1], "decrease")
}
# small cases at the edges: zeros (the vignette's), a proportion at 0 and 1, one session in B
add("edge", "zeros", c(0, 0, 0, 0), c(28, 25, 24, 27, 30, 30, 29), "count", NA, 30, "decrease")
add("edge", "pct_zero", c(0, 0, 0), c(30, 25, 25, 25, 35, 30, 25), "percentage", 20, NA, "increase")
add("edge", "pct_full", c(100, 100, 95), c(0, 5, 0, 0), "percentage", 40, NA, "decrease")
add("edge", "prop_bounds", c(0, 0, 0), c(1, 1, 1, 1), "proportion", 10, NA, "increase")
add("edge", "pkg_example", c(20, 20, 26, 25, 22, 23), c(28, 25, 24, 27, 30, 30, 29), "percentage", 20, 10, "increase")
add("edge", "one_b", c(3, 5, 4, 6), c(9), "count", NA, 10, "increase")
add("edge", "two_a", c(3, 5), c(9, 8, 10), "count", NA, 10, "increase")

s_rows <- do.call(rbind, lapply(series, function(s) data.frame(
  data = s$data, series = s$id,
  phase = c(rep("A", length(s$A)), rep("B", length(s$B))),
  score = f17(c(s$A, s$B)), scale = s$scale, intervals = f17(s$intervals),
  observation_length = f17(s$obs_len), direction = s$direction)))
write.csv(s_rows, file.path(out, "series.csv"), row.names = FALSE, quote = TRUE)

# ---- each series, each measure and option ----------------------------------------------------
rows <- list()
keep <- function(s, es, improvement, scale, intervals, obs_len, d_const, bias, std_dev, conf, r) {
  for (i in seq_len(nrow(r))) {
    rows[[length(rows) + 1]] <<- data.frame(
      data = s$data, series = s$id, es = r$ES[i], improvement = improvement, scale = scale,
      intervals = f17(intervals), observation_length = f17(obs_len), d_const = f17(d_const),
      bias_correct = bias, std_dev = std_dev, confidence = f17(conf),
      est = f17(r$Est[i]), se = f17(r$SE[i]),
      ci_lower = f17(r$CI_lower[i]), ci_upper = f17(r$CI_upper[i]))
  }
}
nul <- function(x) if (is.na(x)) NULL else x
for (s in series) {
  values <- c(s$A, s$B)
  scales <- c("count", "rate", "other")
  if (all(values <= 1)) scales <- c(scales, "proportion")
  if (all(values <= 100)) scales <- c(scales, "percentage")
  for (scl in scales) for (es in c("LRRi", "LRRd")) for (improvement in c("increase", "decrease"))
    for (bias in c(TRUE, FALSE)) {
      conf <- if (bias) 0.95 else 0.9
      ints <- if (scl %in% c("proportion", "percentage")) c(s$intervals, NA) else NA
      obs <- if (scl == "rate") c(s$obs_len, NA) else NA
      for (iv in unique(ints)) for (ob in unique(obs)) {
        f <- get(es)
        r <- f(A_data = s$A, B_data = s$B, improvement = improvement, scale = scl,
               intervals = nul(iv), observation_length = nul(ob), bias_correct = bias,
               pct_change = bias, confidence = conf)
        keep(s, es, improvement, scl, iv, ob, NA, bias, "", conf, r)
      }
    }
  # explicit truncation constants (D = 0 turns truncation off in SingleCaseES)
  for (D in c(0, 0.5, 3)) for (es in c("LRRi", "LRRd")) {
    sc <- if (s$scale %in% c("proportion", "percentage")) s$scale else "count"
    r <- get(es)(A_data = s$A, B_data = s$B, improvement = s$direction, scale = sc,
                 D_const = D, confidence = 0.95)
    keep(s, es, s$direction, sc, NA, NA, D, TRUE, "", 0.95, r)
  }
  for (scl in intersect(scales, c("proportion", "percentage")))
    for (improvement in c("increase", "decrease")) for (bias in c(TRUE, FALSE)) {
      conf <- if (bias) 0.95 else 0.8
      for (iv in unique(c(s$intervals, NA))) {
        r <- LOR(A_data = s$A, B_data = s$B, improvement = improvement, scale = scl,
                 intervals = nul(iv), bias_correct = bias, confidence = conf)
        keep(s, "LOR", improvement, scl, iv, NA, NA, bias, "", conf, r)
      }
      if (bias) for (D in c(0, 0.5)) {
        r <- LOR(A_data = s$A, B_data = s$B, improvement = improvement, scale = scl,
                 D_const = D, confidence = conf)
        keep(s, "LOR", improvement, scl, NA, NA, D, TRUE, "", conf, r)
      }
    }
  for (std_dev in c("baseline", "pool")) for (improvement in c("increase", "decrease"))
    for (bias in c(TRUE, FALSE)) {
      conf <- if (bias) 0.95 else 0.99
      r <- SMD(A_data = s$A, B_data = s$B, improvement = improvement, std_dev = std_dev,
               bias_correct = bias, confidence = conf)
      keep(s, "SMD", improvement, "", NA, NA, NA, bias, std_dev, conf, r)
    }
}
case <- do.call(rbind, rows)
write.csv(case, file.path(out, "case.csv"), row.names = FALSE, quote = 1:5)

# ---- averages over the series ---------------------------------------------------------------
# batch_calc_ES(aggregate = <the series>, weighting = ...) with one constant grouping: the
# weighted mean sum(w Est)/sum(w), SE sqrt(sum(w^2 SE^2))/sum(w). For "1/V" also metafor's
# fixed-effect model (rma(yi, sei, method = "FE")): its estimate and SE, Q, its p and I^2.
avg_rows <- list()
per_series <- function(dat, es, kind, group_all, weighting = "equal", confidence = NULL) {
  # the column names are written out: batch_calc_ES selects them by tidy evaluation
  if (group_all) {
    switch(kind,
      scaled = batch_calc_ES(dat, grouping = all, aggregate = key, condition = Phase,
        outcome = outcome, session_number = session, baseline_phase = "A",
        intervention_phase = "B", ES = es, weighting = weighting, improvement = direction,
        scale = ser_scale, intervals = ser_intervals, observation_length = ser_obs,
        confidence = confidence, warn = FALSE),
      smd = batch_calc_ES(dat, grouping = all, aggregate = key, condition = Phase,
        outcome = outcome, session_number = session, baseline_phase = "A",
        intervention_phase = "B", ES = es, weighting = weighting, improvement = direction,
        confidence = confidence, warn = FALSE),
      smd_pool = batch_calc_ES(dat, grouping = all, aggregate = key, condition = Phase,
        outcome = outcome, session_number = session, baseline_phase = "A",
        intervention_phase = "B", ES = es, weighting = weighting, improvement = direction,
        std_dev = "pool", confidence = confidence, warn = FALSE))
  } else {
    switch(kind,
      scaled = batch_calc_ES(dat, grouping = key, condition = Phase,
        outcome = outcome, session_number = session, baseline_phase = "A",
        intervention_phase = "B", ES = es, improvement = direction,
        scale = ser_scale, intervals = ser_intervals, observation_length = ser_obs,
        confidence = confidence, warn = FALSE),
      smd = batch_calc_ES(dat, grouping = key, condition = Phase,
        outcome = outcome, session_number = session, baseline_phase = "A",
        intervention_phase = "B", ES = es, improvement = direction,
        confidence = confidence, warn = FALSE),
      smd_pool = batch_calc_ES(dat, grouping = key, condition = Phase,
        outcome = outcome, session_number = session, baseline_phase = "A",
        intervention_phase = "B", ES = es, improvement = direction,
        std_dev = "pool", confidence = confidence, warn = FALSE))
  }
}
average <- function(label, dat, es, weighting, kind) {
  r <- per_series(dat, es, kind, TRUE, weighting, 0.95)
  for (i in seq_len(nrow(r))) {
    q <- q_p <- i2 <- NA
    if (weighting == "1/V") {
      per <- per_series(dat, r$ES[i], kind, FALSE)
      if (all(is.finite(per$Est)) && all(is.finite(per$SE))) {
        fe <- rma(yi = per$Est, sei = per$SE, method = "FE")
        stopifnot(abs(fe$b[1] - r$Est[i]) < 1e-12 * max(1, abs(r$Est[i])),
                  abs(fe$se - r$SE[i]) < 1e-12 * r$SE[i])
        q <- fe$QE; q_p <- fe$QEp; i2 <- fe$I2
      } else cat("not every series has an estimate and SE:", label, r$ES[i], "\n")
    }
    avg_rows[[length(avg_rows) + 1]] <<- data.frame(
      label = label, es = r$ES[i], weighting = weighting, k = length(unique(dat$key)),
      est = f17(r$Est[i]), se = f17(r$SE[i]), ci_lower = f17(r$CI_lower[i]),
      ci_upper = f17(r$CI_upper[i]), q = f17(q), q_p = f17(q_p), i2 = f17(i2))
  }
}
long <- function(ss) do.call(rbind, lapply(ss, function(s) data.frame(
  all = 1, key = s$id, Phase = c(rep("A", length(s$A)), rep("B", length(s$B))),
  session = seq_len(length(s$A) + length(s$B)), outcome = c(s$A, s$B),
  direction = s$direction, ser_scale = s$scale, ser_intervals = s$intervals,
  ser_obs = s$obs_len)))
sho <- Filter(function(s) s$data == "Shogren", series)
sho_dat <- long(sho)
sho_prop <- long(Filter(function(s) s$scale == "proportion", sho))
sch <- long(Filter(function(s) s$data == "Schmidt2007", series))
for (w in c("1/V", "equal", "nA", "nB", "nA*nB", "1/nA+1/nB")) {
  average("Shogren", sho_dat, c("LRRi", "LRRd", "NAP", "Tau"), w, "scaled")
  average("Shogren/SMD", sho_dat, "SMD", w, "smd")
  average("Shogren/SMD-pool", sho_dat, "SMD", w, "smd_pool")
  average("Shogren/proportion", sho_prop, c("LOR", "LRRd"), w, "scaled")
  average("Schmidt2007", sch, c("LRRi", "LRRd"), w, "scaled")
}
avg <- do.call(rbind, avg_rows)
write.csv(avg, file.path(out, "average.csv"), row.names = FALSE, quote = TRUE)

# the examples pasted into single_case.rs's unit tests (the package's help pages and vignette)
A <- c(20, 20, 26, 25, 22, 23); B <- c(28, 25, 24, 27, 30, 30, 29)
print(LRRi(A_data = A, B_data = B)[, 2:3], digits = 17)
print(LRRi(A_data = A, B_data = B, scale = "percentage")[, 2:3], digits = 17)
print(LRRi(A_data = A, B_data = B, improvement = "decrease", scale = "percentage")[, 2:3], digits = 17)
print(LRRd(A_data = c(0, 0, 0, 0), B_data = B, scale = "rate", observation_length = 30)[, 2:3], digits = 17)
print(LOR(A_data = c(20, 20, 25, 25, 20, 25), B_data = c(30, 25, 25, 25, 35, 30, 25),
          scale = "percentage", intervals = 20, bias_correct = FALSE)[, 2:3], digits = 17)
print(SMD(A_data = A, B_data = B, std_dev = "pool")[, 2:3], digits = 17)

print(case, right = FALSE)
print(avg, right = FALSE)
cat(nrow(s_rows), "sessions,", length(series), "series,", nrow(case), "case references,",
    nrow(avg), "averages\n")
