//! The catalogue of bad and odd input (docs/errors.md explains each error to users).
//!
//! Every case runs the real binary in a fresh directory and checks the outcome: either a clear
//! error (exit 1 with the file, and the row and column where there are ones, and a hint) or a
//! correct answer (exit 0 and the expected output). For every case: no panic, no output file
//! left behind after an error, and the input files byte for byte as they were.

use crate::common::*;
use std::path::Path;

const PRE: &str = "id,total\n1,10\n2,12\n3,9\n4,14\n";
const POST: &str = "id,total\n1,12\n2,15\n3,9\n4,18\n";
const SPEC: &str = "name = \"Four items\"\nid = \"id\"\nmin = 1\nmax = 5\ninteger = true\n\
                    [[subscale]]\nname = \"a\"\nitems = [\"q1\", \"q2\"]\n\
                    [[subscale]]\nname = \"b\"\nitems = [\"q3\", \"q4\"]\n";
const ITEMS: &str = "id,q1,q2,q3,q4\nP1,1,2,3,4\nP2,2,2,3,3\nP3,5,4,4,5\n";

/// What a case should end in.
enum Outcome {
    /// Exit 1; stderr holds every fragment.
    Error(&'static [&'static str]),
    /// A bad option value: exit 2 (clap's `error: invalid value ...`); stderr holds every fragment.
    Usage(&'static [&'static str]),
    /// Exit 0; stdout holds every fragment (and stderr the second list).
    Answer(&'static [&'static str], &'static [&'static str]),
}
use Outcome::*;

struct Case {
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
    outcome: Outcome,
}

fn case(name: &'static str, files: &[(&'static str, &[u8])], args: &str, outcome: Outcome) -> Case {
    Case {
        name,
        files: files.iter().map(|(n, b)| (*n, b.to_vec())).collect(),
        args: args.split_whitespace().map(String::from).collect(),
        stdin: None,
        outcome,
    }
}

/// compare of `pre` against the good post-test file (score level).
fn pre_case(name: &'static str, pre: &[u8], outcome: Outcome) -> Case {
    case(
        name,
        &[("pre.csv", pre), ("post.csv", POST.as_bytes())],
        "compare --pre pre.csv --post post.csv --format csv -o out.csv",
        outcome,
    )
}

/// score of item answers `items` with the four-item spec.
fn items_case(name: &'static str, items: &[u8], extra: &str, outcome: Outcome) -> Case {
    case(
        name,
        &[("spec.toml", SPEC.as_bytes()), ("items.csv", items)],
        &format!("score --scale spec.toml items.csv -o out.csv {extra}"),
        outcome,
    )
}

/// score with `spec` as the scale spec.
fn spec_case(name: &'static str, spec: &[u8], outcome: Outcome) -> Case {
    case(
        name,
        &[("spec.toml", spec), ("items.csv", ITEMS.as_bytes())],
        "score --scale spec.toml items.csv -o out.csv",
        outcome,
    )
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut b = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        b.extend(u.to_le_bytes());
    }
    b
}

fn utf32le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE, 0, 0];
    for c in text.chars() {
        out.extend((c as u32).to_le_bytes());
    }
    out
}

fn catalogue() -> Vec<Case> {
    let big_line = {
        let mut b = Vec::with_capacity(100 * 1024 * 1024 + 16);
        b.extend_from_slice(b"id");
        while b.len() < 100 * 1024 * 1024 {
            b.extend_from_slice(b",xxxxxxxxxxxxxxx");
        }
        b.push(b'\n');
        b
    };
    vec![
        // --- the shape of the file ---
        pre_case("empty file", b"", Error(&["pre.csv: is empty"])),
        pre_case("only blank lines", b"\n \n\r\n", Error(&["pre.csv: is empty"])),
        pre_case("header only", b"id,total\n", Error(&["pre.csv: has a header row but no data rows"])),
        pre_case(
            "a row with more fields than the header",
            b"id,total\n1,10\n2,12,7\n",
            Error(&["pre.csv, row 3: has 3 fields but the header has 2", "hint:"]),
        ),
        pre_case(
            "a row with fewer fields than the header",
            b"id,total,x\n1,10,1\n2\n",
            Error(&["pre.csv, row 3: has 1 fields but the header has 3"]),
        ),
        pre_case(
            "duplicate column names",
            b"id,total,total\n1,10,11\n",
            Error(&["pre.csv, row 1: the column name \"total\" appears twice (columns 2 and 3)"]),
        ),
        pre_case(
            "an unnamed column holding values",
            b"id,,total\n1,5,10\n",
            Error(&["pre.csv, row 2: column 2 has no name in the header row but holds values"]),
        ),
        pre_case(
            "a trailing delimiter (an empty unnamed column) is fine",
            b"id,total,\n1,10,\n2,12,\n3,9,\n4,14,\n",
            Answer(&["total,4,0,11.25"], &[]),
        ),
        pre_case(
            "an unclosed quote",
            b"id,total\n1,10\n\"2,12\n3,9\n",
            Error(&["pre.csv, row 3: a quoted field is not closed before the end of the file"]),
        ),
        pre_case(
            "an unclosed quote in the header row",
            b"id,\"total\n1,10\n2,12\n3,9\n",
            Error(&["pre.csv, row 1: the header row opens a quote (\") that is not closed"]),
        ),
        pre_case(
            "a NUL byte in a quoted file names its row",
            b"id,total\n1,10\n\"2\",1\x002\n3,9\n4,14\n",
            Error(&["pre.csv, row 3: is not a text file (it holds NUL bytes)"]),
        ),
        case(
            "a quoted header over two lines is fine",
            &[
                ("pre.csv", b"id,\"to\ntal\"\n1,10\n2,12\n3,9\n4,14\n"),
                ("post.csv", b"\"id\",\"to\ntal\"\n1,12\n2,15\n3,9\n4,18\n"),
            ],
            "compare --pre pre.csv --post post.csv --format csv",
            Answer(&["\"to\ntal\",4,0,11.25"], &[]),
        ),
        pre_case(
            "a byte-order mark and CRLF line ends are fine",
            b"\xEF\xBB\xBFid,total\r\n1,10\r\n2,12\r\n3,9\r\n4,14\r\n",
            Answer(&["total,4,0,11.25"], &[]),
        ),
        pre_case(
            "blank lines between and after the rows are skipped",
            b"id,total\n\n1,10\n2,12\n   \n3,9\n4,14\n\n\n",
            Answer(&["total,4,0,11.25"], &[]),
        ),
        pre_case(
            "a semicolon-separated file read with commas",
            b"id;total\n1;10\n",
            Error(&["pre.csv, row 1: the header is one column", "--delimiter ';'"]),
        ),
        case(
            "a semicolon-separated file with --delimiter",
            &[("pre.csv", b"id;total\n1;10\n2;12\n3;9\n4;14\n"), ("post.csv", b"id;total\n1;12\n2;15\n3;9\n4;18\n")],
            "compare --pre pre.csv --post post.csv --delimiter ; --format csv -o out.csv",
            Answer(&["total,4,0,11.25"], &[]),
        ),
        // --- ids ---
        pre_case(
            "no id column",
            b"code,total\n1,10\n",
            Error(&["pre.csv, row 1: has no id column \"id\"; its columns are: code, total", "--id"]),
        ),
        pre_case(
            "an id missing in a row",
            b"id,total\n1,10\n,12\n",
            Error(&["pre.csv, row 3, column \"id\": the participant id is missing"]),
        ),
        pre_case(
            "a duplicate id",
            b"id,total\n1,10\n2,12\n1,9\n",
            Error(&["pre.csv, column \"id\": 1 id appears more than once: \"1\" (rows 2, 4)"]),
        ),
        pre_case(
            "ids with blanks around them match",
            b"id,total\n 1 ,10\n2 ,12\n 3,9\n4,14\n",
            Answer(&["total,4,0,11.25"], &[]),
        ),
        pre_case(
            "no participant in both files",
            b"id,total\n7,10\n8,12\n",
            Error(&["no participant"]),
        ),
        // --- values ---
        pre_case(
            "blanks around numbers are fine",
            b"id,total\n1, 10\n2,12 \n3,  9\n4,14\n",
            Answer(&["total,4,0,11.25"], &[]),
        ),
        pre_case(
            "a decimal comma",
            b"id,total\n1,\"10,5\"\n2,12\n",
            Error(&["pre.csv, row 2, column \"total\"", "\"10,5\"", "decimal comma"]),
        ),
        pre_case(
            "NA and empty cells are missing",
            b"id,total\n1,10\n2,NA\n3,\n4,14\n",
            Answer(&["total,2,2,"], &[]),
        ),
        pre_case(
            "N/A is not a number unless declared",
            b"id,total\n1,10\n2,N/A\n3,9\n",
            Error(&["pre.csv, row 3, column \"total\"", "\"N/A\"", "--na"]),
        ),
        case(
            "N/A declared with --na is missing",
            &[("pre.csv", b"id,total\n1,10\n2,N/A\n3,9\n4,14\n"), ("post.csv", POST.as_bytes())],
            "compare --pre pre.csv --post post.csv --na N/A --format csv -o out.csv",
            Answer(&["total,3,1,"], &[]),
        ),
        case(
            "a numeric code matches the same number written otherwise",
            &[("pre.csv", b"id,total\n1,10\n2,-99.0\n3,9\n4,-99\n"), ("post.csv", POST.as_bytes())],
            "compare --pre pre.csv --post post.csv --na -99 --format csv -o out.csv",
            Answer(&["total,2,"], &[]),
        ),
        case(
            "an id NA is an id (codes are for scores, not labels)",
            &[
                ("pre.csv", b"id,total\nNA,10\n2,12\n3,9\n"),
                ("post.csv", b"id,total\n3,11\nNA,13\n2,12\n"),
            ],
            "compare --pre pre.csv --post post.csv --na NA --format json",
            Answer(&["\"n_matched\": 3"], &[]),
        ),
        pre_case(
            "a dot for missing (SPSS) is not a number unless declared",
            b"id,total\n1,10\n2,.\n3,9\n",
            Error(&["pre.csv, row 3, column \"total\"", "\".\""]),
        ),
        pre_case(
            "text in a number column",
            b"id,total\n1,10\n2,12\xe5\x88\x86\n3,9\n",
            Error(&["pre.csv, row 3, column \"total\": expected a number, found \"12\u{5206}\""]),
        ),
        pre_case("NaN", b"id,total\n1,10\n2,NaN\n3,9\n", Error(&["row 3", "expected a finite number", "\"NaN\""])),
        pre_case("inf", b"id,total\n1,10\n2,-inf\n3,9\n", Error(&["row 3", "expected a finite number"])),
        pre_case(
            "1e308 (too large to analyse)",
            b"id,total\n1,10\n2,1e308\n3,9\n",
            Error(&["row 3", "at most 10^15", "\"1e308\""]),
        ),
        pre_case(
            "negative zero is zero",
            b"id,total\n1,-0\n2,12\n3,9\n4,14\n",
            Answer(&["total,4,0,8.75"], &[]),
        ),
        // --- item answers ---
        items_case(
            "an answer out of range",
            b"id,q1,q2,q3,q4\nP1,1,2,3,4\nP2,2,6,3,3\n",
            "",
            Error(&["items.csv, row 3, id \"P2\", column \"q2\": expected a whole number from 1 to 5, found \"6\"", "--invalid missing"]),
        ),
        items_case(
            "a half answer on a whole-number scale",
            b"id,q1,q2,q3,q4\nP1,1,2.5,3,4\n",
            "",
            Error(&["row 2, id \"P1\", column \"q2\"", "\"2.5\""]),
        ),
        items_case(
            "text in an answer",
            b"id,q1,q2,q3,q4\nP1,1,2,3,4\nP2,2,two,3,3\n",
            "",
            Error(&["row 3, id \"P2\", column \"q2\"", "\"two\""]),
        ),
        items_case(
            "invalid answers counted as missing with --invalid missing",
            b"id,q1,q2,q3,q4\nP1,1,2,3,4\nP2,2,9,3,3\n",
            "--invalid missing",
            Answer(&[], &["invalid"]),
        ),
        items_case(
            "blank lines in item data are not respondents",
            b"id,q1,q2,q3,q4\n\nP1,1,2,3,4\n\nP2,2,2,3,3\n\n",
            "",
            Answer(&[], &["scored 2 respondents"]),
        ),
        items_case(
            "an item missing from the data",
            b"id,q1,q2,q3\nP1,1,2,3\n",
            "",
            Error(&["items.csv, row 1", "q4"]),
        ),
        case(
            "item sets differ between pre and post",
            &[("spec.toml", SPEC.as_bytes()), ("pre.csv", ITEMS.as_bytes()), ("post.csv", b"id,q1,q2,q3\nP1,1,2,3\n")],
            "compare --scale spec.toml --pre pre.csv --post post.csv -o out.csv --format csv",
            Error(&["post.csv, row 1", "q4"]),
        ),
        // --- the scale spec ---
        spec_case(
            "a spec naming an item twice",
            b"name = \"x\"\nmin = 1\nmax = 5\n[[subscale]]\nname = \"a\"\nitems = [\"q1\", \"q1\"]\n",
            Error(&["spec.toml", "lists item \"q1\" twice"]),
        ),
        spec_case(
            "a spec that is not TOML",
            b"{\"name\": \"json, not toml\"}\n",
            Error(&["spec.toml: is not a valid scale spec"]),
        ),
        spec_case(
            "a spec with min above max",
            b"name = \"x\"\nmin = 5\nmax = 1\n[[subscale]]\nname = \"a\"\nitems = [\"q1\"]\n",
            Error(&["spec.toml", "min (5) must be below max (1)"]),
        ),
        spec_case(
            "a spec with a reverse item outside its subscale",
            b"name = \"x\"\nmin = 1\nmax = 5\n[[subscale]]\nname = \"a\"\nitems = [\"q1\"]\nreverse = [\"q2\"]\n",
            Error(&["spec.toml", "reverse-keyed item \"q2\""]),
        ),
        spec_case("a binary spec", b"\x89PNG\r\n\x1a\n\x00\x00", Error(&["spec.toml", "cannot read the scale spec"])),
        case(
            "a spec that does not exist",
            &[("items.csv", ITEMS.as_bytes())],
            "score --scale nope.toml items.csv",
            Error(&["nope.toml", "cannot read the scale spec"]),
        ),
        // --- files ---
        pre_case(
            "a binary file",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            Error(&["pre.csv, row 3: is not a text file (it holds NUL bytes)"]),
        ),
        pre_case(
            "a workbook saved under a .csv name",
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
            Error(&["pre.csv: is not a text file: it is a ZIP archive", ".xlsx"]),
        ),
        Case {
            name: "a 100 MB single line",
            files: vec![("pre.csv", big_line), ("post.csv", POST.as_bytes().to_vec())],
            args: "compare --pre pre.csv --post post.csv -o out.csv".split(' ').map(String::from).collect(),
            stdin: None,
            outcome: Error(&["pre.csv", "the column name \"xxxxxxxxxxxxxxx\" appears twice"]),
        },
        case(
            "a file that does not exist",
            &[("post.csv", POST.as_bytes())],
            "compare --pre nope.csv --post post.csv",
            Error(&["nope.csv: cannot read the file", "check the path"]),
        ),
        case(
            "a directory",
            &[("post.csv", POST.as_bytes()), ("dir/x", b"")],
            "compare --pre dir --post post.csv",
            Error(&["dir: is a directory"]),
        ),
        case(
            "a path through a file",
            &[("post.csv", POST.as_bytes())],
            "compare --pre post.csv/pre.csv --post post.csv",
            Error(&["post.csv/pre.csv: cannot read the file"]),
        ),
        case(
            "an output directory that cannot be created",
            &[("pre.csv", PRE.as_bytes()), ("post.csv", POST.as_bytes()), ("file", b"x")],
            "compare --pre pre.csv --post post.csv --out-dir file/results",
            Error(&["cannot create the directory file/results"]),
        ),
        case(
            "an output file in a directory that does not exist",
            &[("pre.csv", PRE.as_bytes()), ("post.csv", POST.as_bytes())],
            "compare --pre pre.csv --post post.csv -o nodir/out.csv --format csv",
            Error(&["nodir"]),
        ),
        case(
            "an output path that is an input",
            &[("pre.csv", PRE.as_bytes()), ("post.csv", POST.as_bytes())],
            "compare --pre pre.csv --post post.csv -o ./pre.csv --format csv",
            Usage(&["is also an input"]),
        ),
        case(
            "score output onto its own input",
            &[("spec.toml", SPEC.as_bytes()), ("items.csv", ITEMS.as_bytes())],
            "score --scale spec.toml items.csv -o items.csv",
            Usage(&["is also an input"]),
        ),
        // --- encodings, spreadsheets, standard input ---
        case(
            "a GBK file with Chinese column names",
            &[("pre.csv", &gbk("编号,总分\n1,10\n2,12\n3,9\n4,14\n")), ("post.csv", &gbk("编号,总分\n1,12\n2,15\n3,9\n4,18\n"))],
            "compare --pre pre.csv --post post.csv --id 编号 --format csv -o out.csv",
            Answer(&["总分,4,0,11.25"], &["pre.csv is not UTF-8; read it as GB18030"]),
        ),
        case(
            "GBK item names (题1) with --encoding gbk",
            &[
                ("spec.toml", "name = \"中文\"\nid = \"编号\"\nmin = 1\nmax = 5\n[[subscale]]\nname = \"自信\"\nitems = [\"题1\", \"题2\"]\n".as_bytes()),
                ("items.csv", &gbk("编号,题1,题2\nA,1,2\nB,3,4\n")),
            ],
            "score --scale spec.toml items.csv --encoding gbk",
            Answer(&["编号,自信,total,n_answered", "A,3,3,2", "B,7,7,2"], &[]),
        ),
        pre_case(
            "bytes that are neither UTF-8 nor GB18030",
            b"id,total\n1,10\n2,\xff\xfe\n",
            Error(&["pre.csv, row 3: is not valid UTF-8 text", "--encoding"]),
        ),
        case(
            "an unknown --encoding",
            &[("pre.csv", PRE.as_bytes()), ("post.csv", POST.as_bytes())],
            "compare --pre pre.csv --post post.csv --encoding klingon",
            Usage(&["unknown encoding \"klingon\""]),
        ),
        case(
            "a reliability of 1 or more",
            &[("pre.csv", PRE.as_bytes()), ("post.csv", POST.as_bytes())],
            "compare --pre pre.csv --post post.csv --reliability total=2",
            Usage(&["a reliability is at least 0 and below 1"]),
        ),
        case(
            "options of a one-file layout with two files",
            &[("pre.csv", PRE.as_bytes()), ("post.csv", POST.as_bytes())],
            "compare --pre pre.csv --post post.csv --time wave",
            Usage(&["cannot be used with"]),
        ),
        case(
            "--sheet with CSV files",
            &[("pre.csv", PRE.as_bytes()), ("post.csv", POST.as_bytes())],
            "compare --pre pre.csv --post post.csv --sheet 2",
            Usage(&["--sheet applies to spreadsheet inputs"]),
        ),
        case(
            "--criterion b without norms",
            &[("pre.csv", PRE.as_bytes()), ("post.csv", POST.as_bytes())],
            "compare --pre pre.csv --post post.csv --criterion b",
            Usage(&["--criterion b needs the norms"]),
        ),
        case(
            "the id column named in --scores",
            &[("pre.csv", PRE.as_bytes()), ("post.csv", POST.as_bytes())],
            "compare --pre pre.csv --post post.csv --scores total,id",
            Error(&["--scores names \"id\", the id (or group) column"]),
        ),
        case(
            "line ends of a carriage return alone, with repeated values",
            &[("pre.csv", b"id,total\r1,3\r2,3\r3,4\r"), ("post.csv", POST.as_bytes())],
            "compare --pre pre.csv --post post.csv",
            Error(&["pre.csv, row 1: has line ends of a carriage return alone"]),
        ),
        case(
            "nan as an answer on a decimal scale, in a quoted file (read by polars)",
            &[
                ("d.toml", b"name = \"d\"\nid = \"id\"\nmin = 1\nmax = 5\ninteger = false\n[[subscale]]\nname = \"a\"\nitems = [\"q1\", \"q2\"]\n"),
                ("items.csv", b"id,q1,q2\n\"A\",1.5,nan\nB,2,3\n"),
            ],
            "score --scale d.toml items.csv -o out.csv",
            Error(&["items.csv, row 2, id \"A\", column \"q2\": expected a number from 1 to 5, found \"nan\""]),
        ),
        case(
            "item answers with line ends of a carriage return alone",
            &[("spec.toml", SPEC.as_bytes()), ("items.csv", ITEMS.replace('\n', "\r").as_bytes())],
            "score --scale spec.toml items.csv -o out.csv",
            Error(&["items.csv, row 1: has line ends of a carriage return alone"]),
        ),
        case(
            "line ends of a carriage return alone (classic Mac OS)",
            &[("pre.csv", PRE.replace('\n', "\r").as_bytes()), ("post.csv", POST.as_bytes())],
            "compare --pre pre.csv --post post.csv",
            Error(&["pre.csv, row 1: has line ends of a carriage return alone"]),
        ),
        Case {
            name: "a workbook on standard input",
            files: vec![("post.csv", POST.as_bytes().to_vec())],
            args: "compare --pre - --post post.csv".split(' ').map(String::from).collect(),
            stdin: Some(include_bytes!("../data/inputs/study.xlsx").to_vec()),
            outcome: Error(&["<stdin>: is not a text file: it is a ZIP archive"]),
        },
        case(
            "UTF-16 with a byte-order mark (Excel's Unicode Text)",
            &[("pre.tsv", &utf16le_with_bom(&PRE.replace(',', "\t"))), ("post.csv", POST.as_bytes())],
            "compare --pre pre.tsv --post post.csv --format csv -o out.csv",
            Answer(&["total,4,0,11.25"], &[]),
        ),
        case(
            "a sheet that does not exist",
            &[("spec.toml", SPEC.as_bytes()), ("study.xlsx", include_bytes!("../data/inputs/study.xlsx"))],
            "score --scale spec.toml study.xlsx --sheet T3",
            Error(&["study.xlsx: has no sheet \"T3\"", "\"pre\", \"post\""]),
        ),
        case(
            "an invalid answer in a sheet is reported at the sheet's row",
            &[("spec.toml", SPEC.as_bytes()), ("study.xlsx", include_bytes!("../data/inputs/study.xlsx"))],
            "score --scale spec.toml study.xlsx:bad",
            Error(&["study.xlsx, sheet \"bad\", row 5, id \"P04\", column \"q3\"", "\"7\""]),
        ),
        case(
            "a corrupt workbook",
            &[("spec.toml", SPEC.as_bytes()), ("study.xlsx", b"PK\x03\x04 not really a zip")],
            "score --scale spec.toml study.xlsx",
            Error(&["study.xlsx: cannot read the workbook"]),
        ),
        case(
            "standard input twice",
            &[],
            "compare --pre - --post -",
            Usage(&["standard input (-) can be only one of the inputs"]),
        ),
        Case {
            name: "empty standard input",
            files: vec![("post.csv", POST.as_bytes().to_vec())],
            args: "compare --pre - --post post.csv".split(' ').map(String::from).collect(),
            stdin: Some(Vec::new()),
            outcome: Error(&["<stdin>: is empty"]),
        },
        case(
            "an --id column that is not there",
            &[("pre.csv", PRE.as_bytes()), ("post.csv", POST.as_bytes())],
            "compare --pre pre.csv --post post.csv --id code",
            Error(&["pre.csv, row 1: has no id column \"code\""]),
        ),
        case(
            "--scores naming a column that is not there",
            &[("pre.csv", PRE.as_bytes()), ("post.csv", POST.as_bytes())],
            "compare --pre pre.csv --post post.csv --scores anxiety",
            Error(&["anxiety"]),
        ),
        case(
            "a constant difference (sd = 0) is reported, not NaN",
            &[("pre.csv", b"id,total\n1,10\n2,12\n3,9\n"), ("post.csv", b"id,total\n1,11\n2,13\n3,10\n")],
            "compare --pre pre.csv --post post.csv",
            Answer(&["not computed: the differences are essentially constant"], &[]),
        ),
        // issue 19: an adversarial round
        case(
            "ids that differ only in Unicode normalisation are one participant",
            &[
                ("pre.csv", "id,total\nJos\u{e9},10\nB,12\nC,9\n".as_bytes()),
                ("post.csv", "id,total\nJose\u{301},12\nB,15\nC,9\n".as_bytes()),
            ],
            "compare --pre pre.csv --post post.csv",
            Answer(&["3 matched."], &[]),
        ),
        case(
            "a byte-order mark in the middle of a file (two files joined) is ignored, with a note",
            &[
                ("pre.csv", b"id,total\n1,10\n\xEF\xBB\xBF2,12\n3,9\n"),
                ("post.csv", POST.as_bytes()),
            ],
            "compare --pre pre.csv --post post.csv",
            Answer(&["3 matched"], &["pre.csv, row 3: the row begins with a byte-order mark"]),
        ),
        spec_case(
            "item names of a spec are trimmed as the header's are",
            b"name = \"x\"\nid = \"id\"\nmin = 1\nmax = 5\n[[subscale]]\nname = \"a\"\nitems = [\"q1 \", \" q2\"]\n",
            Answer(&["id,a,total,n_answered", "P1,3,3,2"], &[]),
        ),
        pre_case(
            "a thousands separator is named as one",
            b"id,total\n1,\"1,000\"\n2,12\n3,9\n4,14\n",
            Error(&["found \"1,000\"", "thousands separator"]),
        ),
        pre_case(
            "text in UTF-32",
            &utf32le_with_bom(PRE),
            Error(&["pre.csv: is text in UTF-32"]),
        ),
        case(
            "a CSV file named .xls",
            &[("pre.xls", PRE.as_bytes()), ("post.csv", POST.as_bytes())],
            "compare --pre pre.xls --post post.csv",
            Error(&["pre.xls: is named .xls but holds text", "rename it to .csv"]),
        ),
        case(
            "a web page named .xls (as survey sites export)",
            &[("pre.xls", b"<!DOCTYPE html><html><table><tr><td>id</td></tr></table></html>"), ("post.csv", POST.as_bytes())],
            "compare --pre pre.xls --post post.csv",
            Error(&["holds a web page (HTML)"]),
        ),
        case(
            "a workbook whose formulas were never calculated",
            &[("pre.xlsx", include_bytes!("../data/inputs/formulas.xlsx")), ("post.csv", b"id,a,total\nP01,4,8\nP02,5,9\nP03,3,7\n")],
            "compare --pre pre.xlsx --post post.csv",
            Error(&["pre.xlsx, sheet \"pre\", row 3", "never calculated (first: C3, =B3*2)"]),
        ),
        case(
            "a formula whose cached value is empty (<v></v>, as openpyxl writes it)",
            &[("pre.xlsx", include_bytes!("../data/inputs/formulas_empty_value.xlsx")), ("post.csv", b"id,a,total\nP01,4,8\nP02,5,9\nP03,3,7\n")],
            "compare --pre pre.xlsx --post post.csv",
            Error(&["pre.xlsx, sheet \"pre\", row 3", "never calculated (first: C3, =B3*2)"]),
        ),
        case(
            "score -o into a workbook name",
            &[("spec.toml", SPEC.as_bytes()), ("items.csv", ITEMS.as_bytes())],
            "score --scale spec.toml items.csv -o out.xlsx",
            Usage(&["out.xlsx names a workbook"]),
        ),
        case(
            "-o inside --out-dir",
            &[("pre.csv", PRE.as_bytes()), ("post.csv", POST.as_bytes())],
            "compare --pre pre.csv --post post.csv --format json -o res/results.csv --out-dir res",
            Usage(&["is inside --out-dir"]),
        ),
        case(
            "a --pair that takes the id column as a score",
            &[("w.csv", b"id,t_pre,t_post\n1,1,2\n2,2,4\n3,3,3\n")],
            "compare --data w.csv --pair id:t_post",
            Usage(&["takes the id column \"id\" as a score"]),
        ),
        case(
            "reliability --format csv without an alpha says why",
            &[("spec.toml", SPEC.as_bytes()), ("items.csv", b"id,q1,q2,q3,q4\nP1,3,3,3,3\nP2,3,3,3,3\nP3,3,3,3,3\n")],
            "reliability --scale spec.toml items.csv --format csv -o out.csv",
            Answer(&["cr_mean_low,flags,note", "zero variance"], &[]),
        ),
        case(
            "a line break inside an id does not break the report's lines",
            &[("pre.csv", b"id,total\n\"a\nb\",10\n2,12\n3,9\n"), ("post.csv", b"id,total\n2,15\n3,9\n4,18\n")],
            "compare --pre pre.csv --post post.csv --format markdown",
            Answer(&["only at pre: a\\nb;"], &[]),
        ),
        case(
            "one matched participant",
            &[("pre.csv", b"id,total\n1,10\n"), ("post.csv", b"id,total\n1,11\n")],
            "compare --pre pre.csv --post post.csv --format json",
            Answer(&["\"t_test\": null", "needs at least 2 observations"], &[]),
        ),
    ]
}

/// Runs one case; returns what went wrong, if anything.
fn run(c: &Case) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in &c.files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        if !name.ends_with("/x") {
            std::fs::write(&p, bytes).unwrap();
        }
    }
    let mut cmd = prepost(dir.path());
    cmd.args(&c.args);
    cmd.write_stdin(c.stdin.clone().unwrap_or_default());
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code();
    let mut problems = Vec::new();
    if stderr.contains("panicked") || code.is_none() || code == Some(101) {
        problems.push("panicked".to_string());
    }
    match &c.outcome {
        Error(fragments) => {
            if code != Some(1) {
                problems.push(format!("exit {code:?}, expected 1"));
            }
            for f in *fragments {
                if !stderr.contains(f) {
                    problems.push(format!("stderr lacks {f:?}"));
                }
            }
            if !stderr.starts_with("prepost: error: ") {
                problems.push("stderr does not start with \"prepost: error: \"".into());
            }
            for out in ["out.csv", "out.json", "nodir/out.csv"] {
                if dir.path().join(out).exists() {
                    problems.push(format!("{out} was written"));
                }
            }
        }
        Usage(fragments) => {
            if code != Some(2) {
                problems.push(format!("exit {code:?}, expected 2"));
            }
            for f in *fragments {
                if !stderr.contains(f) {
                    problems.push(format!("stderr lacks {f:?}"));
                }
            }
            if !stderr.starts_with("error: ") {
                problems.push("stderr does not start with clap's \"error: \"".into());
            }
        }
        Answer(fragments, notes) => {
            if code != Some(0) {
                problems.push(format!("exit {code:?}, expected 0"));
            }
            let written = std::fs::read_to_string(dir.path().join("out.csv")).unwrap_or_default();
            for f in *fragments {
                if !stdout.contains(f) && !written.contains(f) {
                    problems.push(format!("output lacks {f:?}"));
                }
            }
            for n in *notes {
                if !stderr.contains(n) {
                    problems.push(format!("stderr lacks {n:?}"));
                }
            }
        }
    }
    for (name, bytes) in &c.files {
        let p = dir.path().join(name);
        if p.is_file() && &std::fs::read(&p).unwrap() != bytes {
            problems.push(format!("input {name} changed"));
        }
    }
    leftover_temporaries(dir.path(), &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}:\n    {}\n    stderr: {stderr}",
            c.name,
            problems.join("\n    ")
        ))
    }
}

fn leftover_temporaries(dir: &Path, problems: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.file_name().to_string_lossy().starts_with(".prepost-") {
            problems.push(format!("temporary {:?} left behind", e.file_name()));
        }
    }
}

#[test]
fn bad_input_catalogue() {
    let cases = catalogue();
    assert!(cases.len() >= 40, "the catalogue has {} cases", cases.len());
    let failures: Vec<String> = cases.iter().filter_map(|c| run(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
