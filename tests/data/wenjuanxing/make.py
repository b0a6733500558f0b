"""Makes the Wenjuanxing (问卷星) test downloads of one small study: the number download
(按选项序号) and the text download (按选项文本), as .xlsx and .csv, and the same answers as a
plain numeric CSV. Run from this folder: python3 make.py (needs openpyxl).

The headers follow the real downloads: six metadata columns (序号, 提交答卷时间, 所用时间,
来源, 来源详情, 来自IP), then the questions, numbered: "1、您的性别" for a question of one
column; "3、(…)" for a row of the matrix question 3 (today's downloads) or "第3题(…)" (older
downloads, used by number.xlsx). Skipped questions are -2 (skipped by jump logic) and -3 (not
shown) in the number download, "(跳过)" and empty in the text download."""

import csv
import os
import random
import subprocess

random.seed(24)
META = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]
PEERS = ["我能与同学友好相处", "我经常感到孤独", "遇到困难时我会向别人求助",
         "我喜欢参加集体活动", "我觉得别人不理解我"]
STUDY = ["我会提前安排学习时间", "我会按时完成作业", "我会复习当天所学"]
AGREE = ["完全不符合", "比较不符合", "不确定", "比较符合", "完全符合"]
OFTEN = ["从不", "很少", "有时", "经常", "总是"]
SEX = ["男", "女"]
GRADE = ["七年级", "八年级", "九年级"]

N = 12
rows = []
for r in range(N):
    answers = [random.randint(1, 5) for _ in range(8)]
    rows.append({"sex": random.randint(1, 2), "grade": random.randint(1, 3), "items": answers,
                 "seconds": random.randint(40, 600)})
# respondent 5 skipped question 4 by jump logic (-2); respondent 7 was not shown one row (-3)
SKIP2 = {(4, 5), (4, 6), (4, 7)}
SKIP3 = {(6, 1)}


def headers(form):
    if form == "old":
        q3 = [f"第3题({t})" for t in PEERS]
        q4 = [f"第4题({t})" for t in STUDY]
    else:
        q3 = [f"3、({t})" for t in PEERS]
        q4 = [f"4、({t})" for t in STUDY]
    return META + ["1、您的性别", "2、您的年级"] + q3 + q4


def meta(r):
    return [r + 1, f"2024/3/{5 + r % 3} 10:{10 + r}:33", f"{rows[r]['seconds']}秒", "微信",
            "N/A", f"117.136.{r}.{20 + r}(广东-深圳)"]


def number_row(r):
    x = rows[r]
    cells = []
    for k, v in enumerate(x["items"]):
        cells.append(-2 if (r, k) in SKIP2 else -3 if (r, k) in SKIP3 else v)
    return meta(r) + [x["sex"], x["grade"]] + cells


def text_row(r):
    x = rows[r]
    cells = []
    for k, v in enumerate(x["items"]):
        words = AGREE if k < 5 else OFTEN
        cells.append("(跳过)" if (r, k) in SKIP2 else "" if (r, k) in SKIP3 else words[v - 1])
    return meta(r) + [SEX[x["sex"] - 1], GRADE[x["grade"] - 1]] + cells


def xlsx(path, head, body):
    """Writes the rows as CSV, then R's openxlsx the sheet (numbers as numbers, empty as
    empty cells)."""
    tmp = path + ".tmp.csv"
    write_csv(tmp, head, body)
    subprocess.run(["Rscript", "-e", f"""
        d <- read.csv("{tmp}", check.names = FALSE, fileEncoding = "UTF-8-BOM",
                      na.strings = "", stringsAsFactors = FALSE)
        openxlsx::write.xlsx(d, "{path}", sheetName = "Sheet1")"""], check=True)
    os.remove(tmp)


def write_csv(path, head, body):
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(head)
        w.writerows(body)


xlsx("number.xlsx", headers("old"), [number_row(r) for r in range(N)])
write_csv("number.csv", headers("new"), [number_row(r) for r in range(N)])
xlsx("text.xlsx", headers("new"), [text_row(r) for r in range(N)])
write_csv("text.csv", headers("new"), [text_row(r) for r in range(N)])
# the same answers as a plain numeric file: skipped and not shown are empty
plain = []
for r in range(N):
    cells = ["" if (r, k) in SKIP2 | SKIP3 else v for k, v in enumerate(rows[r]["items"])]
    plain.append([r + 1] + cells)
write_csv("plain.csv", ["id"] + [f"q{k}" for k in range(1, 9)], plain)
