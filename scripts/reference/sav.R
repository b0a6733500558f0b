# What R's haven::read_sav reads from SPSS system files: the reference the Rust reader
# (src/io/sav/) is tested against.
#
#   Rscript scripts/reference/sav.R            # (re)write tests/data/sav/written/*.sav, then dump
#                                              # every .sav/.zsav under tests/data
#   Rscript scripts/reference/sav.R FILE...    # dump the given files only
#
# For each FILE it writes FILE.json (next to it) holding what haven reads:
#   - n_cases, file_label (attr "label" of the data frame), notes (documents);
#   - per variable: name, label, format (attr "format.spss"), type (double/character),
#     class, value labels (attr "labels": values and names), user-missing spec (attrs
#     "na_values", "na_range" of read_sav(user_na = TRUE));
#   - values read with user_na = TRUE (user-missing codes kept) and with user_na = FALSE
#     (user-missing codes become NA), numbers as text with 17 significant digits
#     (sprintf("%.17g")), NA as null; a Date / POSIXct column also as ISO text
#     (format(x) / format(x, "%Y-%m-%d %H:%M:%OS6", tz = "UTC")), an hms column as seconds.
# R 4.2.2, haven 2.5.1, jsonlite 1.8.4 (Debian bookworm packages).

suppressPackageStartupMessages({
  library(haven)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
here <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
  normalizePath(file.path(dirname(f), "..", ".."))
})
data_dir <- file.path(here, "tests", "data", "sav")

num <- function(x) ifelse(is.na(x), NA_character_, sprintf("%.17g", unclass(x)))

values_of <- function(x) {
  if (is.character(x)) return(as.character(unclass(x)))
  num(as.numeric(unclass(x)))
}

iso_of <- function(x) {
  if (inherits(x, "Date")) {
    return(ifelse(is.na(x), NA_character_, format(x)))
  }
  if (inherits(x, "POSIXct")) {
    return(ifelse(is.na(x), NA_character_, format(x, "%Y-%m-%d %H:%M:%OS6", tz = "UTC")))
  }
  NULL
}

# haven 2.5.1 refuses a file in the GBK code page ("File has an unsupported character set"):
# such files (named gbk*) are read with encoding = "GBK", and the refusal is recorded.
dump_file <- function(path) {
  encoding <- NULL
  default_error <- NULL
  if (startsWith(basename(path), "gbk")) {
    default_error <- tryCatch({ read_sav(path); NULL }, error = function(e) sub(path, basename(path), conditionMessage(e), fixed = TRUE))
    encoding <- "GBK"
  }
  with_na <- read_sav(path, user_na = TRUE, encoding = encoding)
  plain <- read_sav(path, user_na = FALSE, encoding = encoding)
  vars <- lapply(seq_along(with_na), function(i) {
    x <- with_na[[i]]
    y <- plain[[i]]
    labels <- attr(x, "labels", exact = TRUE)
    v <- list(
      name = names(with_na)[i],
      label = attr(x, "label", exact = TRUE),
      format = attr(x, "format.spss", exact = TRUE),
      type = typeof(unclass(x)),
      class = class(x),
      values = values_of(x),
      values_na = values_of(y)
    )
    if (!is.null(labels)) {
      v$labels <- list(values = values_of(unname(labels)), names = names(labels))
    }
    nv <- attr(x, "na_values", exact = TRUE)
    if (!is.null(nv)) v$na_values <- values_of(nv)
    nr <- attr(x, "na_range", exact = TRUE)
    if (!is.null(nr)) v$na_range <- values_of(nr)
    iso <- iso_of(x)
    if (!is.null(iso)) v$iso <- iso
    v
  })
  out <- list(
    file = basename(path),
    reader = sprintf("%s, haven %s", R.version.string, packageVersion("haven")),
    encoding_given = encoding,
    default_error = default_error,
    n_cases = nrow(with_na),
    file_label = attr(with_na, "label", exact = TRUE),
    notes = attr(with_na, "notes", exact = TRUE),
    variables = vars
  )
  writeLines(toJSON(out, auto_unbox = TRUE, null = "null", na = "null", pretty = TRUE,
                    digits = NA),
             paste0(path, ".json"), useBytes = TRUE)
  cat(sprintf("%-40s %3d variables %5d cases\n", basename(path), ncol(with_na), nrow(with_na)))
}

# Files written by haven::write_sav: value labels, user-missing values and ranges (labelled_spss),
# Chinese variable names, labels and text (UTF-8), dates, a string of 300 characters; one file
# per compression (none, bytecode, zlib).
write_examples <- function() {
  dir <- file.path(data_dir, "written")
  dir.create(dir, showWarnings = FALSE, recursive = TRUE)
  long <- paste(rep("长字符串", 100), collapse = "")  # 400 characters, 1200 bytes in UTF-8
  df <- data.frame(id = 1:8)
  df$gender <- labelled_spss(c(1, 2, 1, 2, 9, NA, 1, 2),
                             labels = c("男" = 1, "女" = 2, "未答" = 9),
                             na_values = 9, label = "性别")
  df$q1 <- labelled_spss(c(5, 4, -2, 3, 1, 2, -3, 5),
                         labels = c("完全不符合" = 1, "完全符合" = 5, "跳过" = -2, "未显示" = -3),
                         na_values = c(-2, -3), label = "我对工作感到满意")
  df$score <- labelled_spss(c(12.25, 99, 101.5, 0.1, NA, 1e-20, -7.75, 98),
                            na_range = c(98, Inf), label = "总分 (98 及以上为缺失)")
  df$both <- labelled_spss(c(1, -1, 0, -5, 3, 2, -9, 7),
                           na_range = c(-Inf, -5), label = "range LO THRU -5")
  df$`满意度` <- c(3.5, 2, 4.25, NA, 5, 1, 2.5, 3)
  attr(df$`满意度`, "label") <- "满意度（均分）"
  df$city <- labelled_spss(c("北京", "上海", "广州", "深圳", "NA", "", "北京", "成都"),
                           labels = c("首都" = "北京"), na_values = "NA", label = "城市")
  df$comment <- c(long, "短", "", "Ünïcödé ✓", paste0(long, "end"), "x", "  leading", "末")
  df$when <- as.Date(c("2024-03-01", "1582-10-14", "2000-02-29", NA, "1970-01-01",
                       "2099-12-31", "1900-01-01", "2024-12-31"))
  df$stamp <- as.POSIXct(c("2024-03-01 08:30:15", "1999-12-31 23:59:59", NA,
                           "2000-01-01 00:00:00", "1970-01-01 00:00:01", "2024-06-30 12:00:00",
                           "1950-05-05 05:05:05", "2038-01-19 03:14:08"), tz = "UTC")
  for (compress in c("none", "byte", "zsav")) {
    ext <- if (compress == "zsav") "zsav" else "sav"
    write_sav(df, file.path(dir, sprintf("haven-%s.%s", compress, ext)), compress = compress)
  }
}

if (length(args) > 0) {
  for (f in args) dump_file(f)
} else {
  write_examples()
  files <- list.files(data_dir, pattern = "\\.z?sav$", recursive = TRUE, full.names = TRUE)
  for (f in files) {
    tryCatch(dump_file(f), error = function(e) {
      cat(sprintf("%-40s haven cannot read it: %s\n", basename(f), conditionMessage(e)))
      writeLines(toJSON(list(file = basename(f),
                             reader = sprintf("%s, haven %s", R.version.string,
                                              packageVersion("haven")),
                             error = conditionMessage(e)), auto_unbox = TRUE, pretty = TRUE),
                 paste0(f, ".json"), useBytes = TRUE)
    })
  }
}
