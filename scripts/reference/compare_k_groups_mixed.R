# The mixed ANOVA (treatment x time) of carData::OBrienKaiser's three groups over three waves
# (each wave the mean of its five hours, as tests/data/compare_k_groups/obrien_kaiser.csv holds
# them), for `prepost compare --series ... --group treatment` (tests/cli/k_groups.rs).
# afex::aov_ez, type 3, sums-to-zero contrasts; the Greenhouse-Geisser epsilon and corrected p
# of the within-subjects terms; generalized and partial eta squared.
# Run from the crate's directory: Rscript scripts/reference/compare_k_groups_mixed.R
# (R 4.2.2, afex from Debian's r-cran-afex; jsonlite writes 15 significant digits.)
suppressMessages(library(afex))
dir <- "tests/data/compare_k_groups"
ok <- read.csv(file.path(dir, "obrien_kaiser.csv"))
long <- data.frame(id = factor(rep(ok$id, 3)), treatment = factor(rep(ok$treatment, 3)),
                   time = factor(rep(c("pre", "post", "fup"), each = nrow(ok)),
                                 levels = c("pre", "post", "fup")),
                   score = c(ok$pre, ok$post, ok$fup))
fit <- aov_ez("id", "score", long, between = "treatment", within = "time", type = 3)
s <- summary(fit)
uni <- s$univariate.tests
gg <- s$pval.adjustments
ges <- anova(fit, es = "ges", correction = "none")
pes <- anova(fit, es = "pes", correction = "none")
term <- function(name, within) {
  r <- uni[name, ]
  list(f = r[["F value"]], df1 = r[["num Df"]], df2 = r[["den Df"]], p = r[["Pr(>F)"]],
       gg_epsilon = if (within) gg[name, "GG eps"] else NULL,
       p_gg = if (within) gg[name, "Pr(>F[GG])"] else NULL,
       eta_sq_g = ges[name, "ges"], eta_sq_p = pes[name, "pes"])
}
ref <- list(group = term("treatment", FALSE), time = term("time", TRUE),
            interaction = term("treatment:time", TRUE))
jsonlite::write_json(ref, file.path(dir, "mixed.json"), digits = NA, auto_unbox = TRUE,
                     pretty = TRUE)
print(ref)
