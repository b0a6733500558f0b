SET LOCALE='GBK'.
DATA LIST LIST /id (F3.0) gender (F1.0) city (A8) q1 (F2.0) when (DATE11).
BEGIN DATA
1 1 北京 5 01-MAR-2024
2 2 上海 4 29-FEB-2000
3 9 广州 -2 15-OCT-1582
4 1 深圳 3 31-DEC-2099
5 2 未知 -3 01-JAN-1970
END DATA.
VARIABLE LABELS gender '性别' city '城市' q1 '我对工作感到满意' when '日期'.
VALUE LABELS gender 1 '男' 2 '女' 9 '未答' /city '北京' '首都' /q1 1 '完全不符合' 5 '完全符合' -2 '跳过'.
MISSING VALUES gender (9) q1 (-2, -3) city ('未知').
FILE LABEL 中文文件标签.
DOCUMENT 由 PSPP 以 GBK 编码写成.
SAVE OUTFILE='tests/data/sav/pspp/gbk-uncompressed.sav' /UNCOMPRESSED.
SAVE OUTFILE='tests/data/sav/pspp/gbk-bytecode.sav' /COMPRESSED.
SAVE OUTFILE='tests/data/sav/pspp/gbk.zsav' /ZCOMPRESSED.
