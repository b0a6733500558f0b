# Reference values for the reliable change methods (--rci-method, issue 15), computed with R.
#
#   Rscript scripts/reference/rci_methods.R      (from the repository's top directory)
#
# Writes tests/data/rci/reference.json: for the bundled example's total (data/example/pre.csv
# and post.csv, complete pairs) with r_xx = .85, each participant's RCI and class by every
# method of clinicalsignificance::cs_distribution (R 4.2.2, clinicalsignificance 2.1.0.9000
# installed from github.com/pedscience/clinicalsignificance): JT, GLN, HLL, EN, HA; and
# fisher.test of the reliably improved in the two groups of groups_pre.csv/groups_post.csv with
# each group's own JT RCI. The tests never need R.

suppressPackageStartupMessages({
  library(clinicalsignificance)
  library(jsonlite)
})

rci_by_method <- function(both) {
  long <- rbind(data.frame(id = both$id, time = "pre", total = both$pre),
                data.frame(id = both$id, time = "post", total = both$post))
  methods <- list()
  for (m in c("JT", "GLN", "HLL", "EN", "HA")) {
    datasets <- cs$.prep_data(data = long, id = id, time = time, outcome = total, group = NULL,
                              pre = "pre", post = "post", method = m)
    class(datasets) <- c(paste0("cs_", tolower(m)), class(datasets))
    x <- datasets[["data"]]
    critical <- if (m != "HA") qnorm(1 - 0.05 / 2) else qnorm(1 - 0.05)
    rci <- suppressWarnings(cs$calc_rci(data = datasets, m_pre = mean(x$pre), sd_pre = sd(x$pre),
                                        m_post = mean(x$post), sd_post = sd(x$post),
                                        reliability = 0.85, direction = 1,
                                        critical_value = critical))
    d <- rci$data
    class <- ifelse(d$improved, "reliably_improved",
                    ifelse(d$deteriorated, "reliably_deteriorated", "no_reliable_change"))
    methods[[tolower(m)]] <- list(
      critical_value = critical,
      participants = lapply(seq_len(nrow(d)), function(i)
        list(id = d$id[i], rci = d$rci[i], class = class[i])))
  }
  methods
}

# cs_distribution() itself needs dplyr >= 1.1 (join_by) for its summary table, which Debian's
# R does not have; the RCI is computed before that, by the package's own .prep_data() and
# calc_rci() methods, called here as cs_distribution() calls them.
cs <- asNamespace("clinicalsignificance")

# 1. the bundled example's total: r_dd of Hageman-Arrindell is not above 0 (R: NaN)
pre <- read.csv("data/example/pre.csv")
post <- read.csv("data/example/post.csv")
example <- merge(pre[, c("id", "total")], post[, c("id", "total")], by = "id",
                 suffixes = c("_pre", "_post"))
names(example) <- c("id", "pre", "post")
# 2. tests/data/waves/children3, confidence at pre and post (r_dd above 0)
w <- read.csv("tests/data/waves/children3/long.csv")
children <- merge(w[w$time == "pre", c("id", "confidence")],
                  w[w$time == "post", c("id", "confidence")], by = "id",
                  suffixes = c("_pre", "_post"))
names(children) <- c("id", "pre", "post")
data_sets <- list(example_total = rci_by_method(example),
                  children3_confidence = rci_by_method(children))

# each group's own Jacobson-Truax RCI (its pre-test SD), and the reliably improved compared
gpre <- read.csv("data/example/groups_pre.csv")
gpost <- read.csv("data/example/groups_post.csv")
g <- merge(gpre[, c("id", "group", "total")], gpost[, c("id", "total")], by = "id",
           suffixes = c("_pre", "_post"))
improved <- sapply(c("program", "comparison"), function(label) {
  x <- g[g$group == label, ]
  s_diff <- sqrt(2) * sd(x$total_pre) * sqrt(1 - 0.85)
  c(improved = sum((x$total_post - x$total_pre) / s_diff > qnorm(0.975)), n = nrow(x))
})
tab <- matrix(c(improved["improved", ], improved["n", ] - improved["improved", ]), nrow = 2,
              byrow = TRUE)
groups <- list(
  program = list(improved = improved["improved", "program"], n = improved["n", "program"]),
  comparison = list(improved = improved["improved", "comparison"],
                    n = improved["n", "comparison"]),
  fisher_p = fisher.test(tab)$p.value)

exact <- function(x) {
  if (is.list(x)) return(lapply(x, exact))
  if (is.numeric(x) && length(x) == 1 && is.finite(x)) {
    return(structure(sprintf("%.17g", x), class = "json"))
  }
  x
}
writeLines(toJSON(exact(list(reliability = 0.85, data_sets = data_sets, groups = groups)),
                  auto_unbox = TRUE, json_verbatim = TRUE, pretty = TRUE),
           "tests/data/rci/reference.json")
