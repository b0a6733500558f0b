#!/bin/sh
# Chinese system files in the GBK code page, as SPSS before version 16 (and SPSS in "locale
# mode" on Chinese Windows) writes them: written by GNU PSPP 1.6.2 (Debian package pspp) from
# scripts/reference/gbk.sps, uncompressed, bytecode and ZLIB; then copies without the character
# encoding record (7.20), so that only the code page of record 7.3 (936) says the encoding, as
# in files of SPSS 15 and earlier.
#   sh scripts/reference/sav-gbk.sh     (from the repository root; then run sav.R)
set -e
mkdir -p tests/data/sav/pspp
pspp scripts/reference/gbk.sps > /dev/null
python3 - <<'PY'
import struct
for name in ["gbk-uncompressed", "gbk-bytecode"]:
    b = open(f"tests/data/sav/pspp/{name}.sav", "rb").read()
    at = b.find(struct.pack("<iii", 7, 20, 1))
    assert at > 0, name
    n = struct.unpack("<i", b[at + 12:at + 16])[0]
    out = b[:at] + b[at + 16 + n:]
    open(f"tests/data/sav/pspp/{name}-codepage-only.sav", "wb").write(out)
PY
