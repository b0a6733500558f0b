"""Writes formulas.xlsx and formulas_empty_value.xlsx for tests/cli/bad_input.rs (run once; the
output is committed):

    python3 make_formulas.py      # the standard library only

A workbook whose sheet "pre" has scores computed by formulas that were never calculated (as
openpyxl and other generators save them: a formula without a cached value). Cell C3 holds
=B3*2 with no value; the other cells are plain numbers. In formulas_empty_value.xlsx the
formula's cached value is there but empty (<v></v>), as openpyxl writes it.
"""
import zipfile

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="pre" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""


def cell(ref, value, cached=""):
    if isinstance(value, str) and value.startswith("="):
        return f'<c r="{ref}"><f>{value[1:]}</f>{cached}</c>'
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


ROWS = [["id", "a", "total"], ["P01", 3, 6], ["P02", 4, "=B3*2"], ["P03", 2, 4]]


def workbook(path, cached):
    rows = "".join(
        f'<row r="{i + 1}">'
        + "".join(cell(f"{'ABC'[j]}{i + 1}", v, cached) for j, v in enumerate(r))
        + "</row>"
        for i, r in enumerate(ROWS)
    )
    sheet = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)


workbook("formulas.xlsx", "")
workbook("formulas_empty_value.xlsx", "<v></v>")
