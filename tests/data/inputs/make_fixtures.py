"""Writes the spreadsheet fixtures of tests/cli/inputs.rs (run once; the outputs are committed).

    python3 make_fixtures.py      # needs openpyxl and odfpy (pip install openpyxl odfpy)

study.xlsx: sheets "说明" (a note, first, so the default sheet is the wrong one), "pre" (with an
empty row 4 that must not shift the row numbers below it), "post", and "bad" (an answer of 7 in
sheet row 5, id P04, item q3). study.ods: the "pre" and "post" sheets.
"""
import openpyxl
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableRow, TableCell
from odf.text import P

HEADER = ["id", "q1", "q2", "q3", "q4"]
PRE = [["P01", 2, 3, 2, 4], ["P02", 3, 3, 4, 2], None, ["P03", 1, 2, 2, 1], ["P04", 4, 4, 5, 3]]
POST = [["P01", 3, 4, 3, 4], ["P02", 4, 4, 4, 3], ["P03", 3, 3, 2, 2], ["P04", 5, 4, 5, 4]]
BAD = [["P01", 2, 3, 2, 4], ["P02", 3, 3, 4, 2], ["P03", 1, 2, 2, 1], ["P04", 4, 4, 7, 3]]


def fill(ws, rows):
    ws.append(HEADER)
    for r in rows:
        ws.append(r if r is not None else [])


wb = openpyxl.Workbook()
ws = wb.active
ws.title = "说明"
ws.append(["Synthetic fixture for prepost's tests; the data are in the sheets pre and post."])
for name, rows in [("pre", PRE), ("post", POST), ("bad", BAD)]:
    fill(wb.create_sheet(name), rows)
wb.save("study.xlsx")

doc = OpenDocumentSpreadsheet()
for name, rows in [("pre", [r for r in PRE if r is not None]), ("post", POST)]:
    table = Table(name=name)
    for r in [HEADER] + rows:
        tr = TableRow()
        for v in r:
            if isinstance(v, str):
                cell = TableCell(valuetype="string")
            else:
                cell = TableCell(valuetype="float", value=v)
            cell.addElement(P(text=str(v)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
doc.save("study.ods")
