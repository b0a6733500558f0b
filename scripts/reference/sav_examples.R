# The bundled example study (data/example) as SPSS files, written by haven::write_sav, and the
# same data as CSV: tests/cli/sav.rs checks that prepost gives the same scores and statistics
# from both. Run from the repository root:
#   Rscript scripts/reference/sav_examples.R
# Writes tests/data/sav/examples/:
#   groups_pre_items.sav   id (label "编号"), group (1 = program, 2 = comparison), q1..q20 with
#                          Chinese variable labels, value labels 1..5 and the user-missing code
#                          9 ("未作答"), set in three cells; bytecode-compressed
#   groups_pre_items.csv   the same data as CSV, the three cells empty (what user-missing means)
#   groups_post_items.zsav the post-test, ZLIB-compressed, group labelled as above
#   survey.sav             data/example/survey.csv with gender as 1 = 男, 2 = 女 (boy, girl),
#                          left_behind as a labelled string, grade 9 = user-missing (one cell)
#   case_sessions.sav      data/example/case_sessions.csv as it is (strings and numbers)
#   anorexia.sav           tests/data/compare_k_groups/anorexia.csv (MASS::anorexia) with the
#                          group as 1 = Cont, 2 = CBT, 3 = FT (code order is not text order)
#   survey.csv             the same data as CSV: gender as 男/女, left_behind as 留守/非留守,
#                          the grade 9 cell empty
# R 4.2.2, haven 2.5.1.
suppressPackageStartupMessages(library(haven))

out <- file.path("tests", "data", "sav", "examples")
dir.create(out, showWarnings = FALSE, recursive = TRUE)
ex <- file.path("data", "example")

answers <- c("完全不符合" = 1, "比较不符合" = 2, "不确定" = 3, "比较符合" = 4, "完全符合" = 5,
             "未作答" = 9)
groups <- c(program = 1, comparison = 2)

as_spss <- function(d, missing_cells = list()) {
  for (cell in missing_cells) d[cell$row, cell$col] <- 9
  for (k in 1:20) {
    q <- paste0("q", k)
    d[[q]] <- labelled_spss(as.numeric(d[[q]]), labels = answers, na_values = 9,
                            label = paste0("题", k))
  }
  d$id <- labelled(d$id, label = "编号")
  d$group <- labelled(as.numeric(groups[d$group]), labels = groups, label = "组别")
  d
}

pre <- read.csv(file.path(ex, "groups_pre_items.csv"), stringsAsFactors = FALSE)
post <- read.csv(file.path(ex, "groups_post_items.csv"), stringsAsFactors = FALSE)
cells <- list(list(row = 2, col = "q3"), list(row = 5, col = "q7"), list(row = 20, col = "q20"))
write_sav(as_spss(pre, cells), file.path(out, "groups_pre_items.sav"), compress = "byte")
csv <- pre
for (cell in cells) csv[cell$row, cell$col] <- NA
write.csv(csv, file.path(out, "groups_pre_items.csv"), row.names = FALSE, na = "", quote = FALSE)
write_sav(as_spss(post), file.path(out, "groups_post_items.zsav"), compress = "zsav")

survey <- read.csv(file.path(ex, "survey.csv"), stringsAsFactors = FALSE)
gender <- c("男" = 1, "女" = 2)
sav <- survey
sav$gender <- labelled(as.numeric(ifelse(survey$gender == "boy", 1, 2)), labels = gender,
                       label = "性别")
sav$left_behind <- labelled(survey$left_behind, labels = c("留守" = "yes", "非留守" = "no"),
                            label = "是否留守")
sav$grade[3] <- 9
sav$grade <- labelled_spss(as.numeric(sav$grade), labels = c("未填" = 9), na_values = 9,
                           label = "年级")
write_sav(sav, file.path(out, "survey.sav"), compress = "byte")
csv <- survey
csv$gender <- ifelse(survey$gender == "boy", "男", "女")
csv$grade[3] <- NA
csv$left_behind <- ifelse(survey$left_behind == "yes", "留守", "非留守")
write.csv(csv, file.path(out, "survey.csv"), row.names = FALSE, na = "", quote = FALSE)

write_sav(read.csv(file.path(ex, "case_sessions.csv"), stringsAsFactors = FALSE),
          file.path(out, "case_sessions.sav"))

anorexia <- read.csv(file.path("tests", "data", "compare_k_groups", "anorexia.csv"),
                     stringsAsFactors = FALSE)
treatments <- c(Cont = 1, CBT = 2, FT = 3)
anorexia$group <- labelled(as.numeric(treatments[anorexia$group]), labels = treatments,
                           label = "治疗")
write_sav(anorexia, file.path(out, "anorexia.sav"))

# what haven reads back, as a check of the files written
back <- read_sav(file.path(out, "groups_pre_items.sav"))
stopifnot(sum(is.na(back$q3)) == 1, identical(as.character(as_factor(back$group))[1], "program"))
back <- read_sav(file.path(out, "survey.sav"))
stopifnot(is.na(back$grade[3]), identical(as.character(as_factor(back$gender))[1:2],
                                          ifelse(survey$gender[1:2] == "boy", "男", "女")))
