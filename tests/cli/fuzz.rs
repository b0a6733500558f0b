//! Property-based fuzzing (proptest) of the two parsers that meet untrusted input: the scale
//! spec parser and the reader (its line splitter for quote-free blocks and the csv crate's
//! record reader, held to each other across block boundaries) with the scoring kernel.
//! cargo-fuzz would need every dependency, polars included, rebuilt with sanitizer coverage on
//! nightly; proptest runs on the stable toolchain in the ordinary test build. CI runs a few
//! cases per property; `scripts/fuzz.sh` runs many for a bounded time. Failing inputs are kept
//! by proptest in `tests/proptest-regressions/fuzz.txt` (committed) and replayed first on
//! every run.

use prepost::error::DataError;
use prepost::io::cell::MissingCodes;
use prepost::io::reader::{read_tuned, Consumer, Piece};
use prepost::io::source::Source;
use prepost::io::table::read_table;
use prepost::scale::kernel::{score_source, InvalidPolicy, Scoring};
use prepost::scale::spec::parse;
use proptest::prelude::*;

fn config(default_cases: u32) -> ProptestConfig {
    // PROPTEST_CASES (scripts/fuzz.sh) overrides the CI default
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default_cases);
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::SourceParallel("proptest-regressions"),
        )),
        ..ProptestConfig::default()
    }
}

/// A TOML-ish spec from the fragments a spec is made of, valid or not.
fn spec_text() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        Just("1".to_string()),
        Just("5".to_string()),
        Just("0".to_string()),
        Just("-3".to_string()),
        Just("2.5".to_string()),
        Just("nan".to_string()),
        Just("inf".to_string()),
        Just("1e400".to_string()),
        Just("1e300".to_string()),
        Just("true".to_string()),
        Just("\"sum\"".to_string()),
        Just("\"mean\"".to_string()),
        Just("\"\"".to_string()),
        Just("[]".to_string()),
        Just("[\"q1\", \"q2\"]".to_string()),
        Just("[\"q1\", \"q1\"]".to_string()),
        Just("[\"q2\", \"q3\", \"q4\"]".to_string()),
        Just("[\"-99\", \"NA\"]".to_string()),
        "\"[a-z0-9_ ]{0,6}\"",
    ];
    let key = prop_oneof![
        Just("name"),
        Just("id"),
        Just("min"),
        Just("max"),
        Just("integer"),
        Just("method"),
        Just("min_answered"),
        Just("missing"),
        Just("higher_is_better"),
        Just("allow_shared_items"),
        Just("items"),
        Just("reverse"),
        Just("description"),
        Just("unknown_key"),
    ];
    let line = prop_oneof![
        4 => (key, value).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => Just("[[subscale]]".to_string()),
        1 => Just("[total]".to_string()),
        1 => Just("# a comment".to_string()),
        1 => "[^\n]{0,12}",
    ];
    prop::collection::vec(line, 0..24).prop_map(|lines| lines.join("\n"))
}

/// CSV bytes from the pieces that make files hard: quotes, delimiters in fields, line breaks
/// (LF, CRLF, CR, blank lines), blanks, a byte-order mark, non-ASCII and invalid UTF-8.
fn csv_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"a".to_vec()),
        Just(b"id".to_vec()),
        Just(b"3".to_vec()),
        Just(b"-1.5".to_vec()),
        Just(b",".to_vec()),
        Just(b",,".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\"x,y\"".to_vec()),
        Just(b"\"\"".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\n\n".to_vec()),
        Just(b" ".to_vec()),
        Just(b"\t".to_vec()),
        Just("题".as_bytes().to_vec()),
        Just(b"\xff".to_vec()),
        Just(b"\x00".to_vec()),
        Just(b"NA".to_vec()),
    ];
    (any::<bool>(), prop::collection::vec(piece, 0..60)).prop_map(|(bom, pieces)| {
        let mut b = if bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        for p in pieces {
            b.extend(p);
        }
        b
    })
}

proptest! {
    #![proptest_config(config(256))]

    /// Any text: a scale or a list of problems, never a panic; a scale that parses is whole.
    #[test]
    fn spec_parser_never_panics(text in prop_oneof![spec_text(), any::<String>()]) {
        if let Ok(scale) = parse(&text) {
            prop_assert!(scale.min < scale.max);
            prop_assert!(!scale.scores.is_empty());
            for s in &scale.scores {
                prop_assert!(!s.items.is_empty());
                for q in &s.items {
                    prop_assert!(scale.items.contains(q), "{q} of {} is a scale item", s.name);
                }
            }
        }
    }

    /// Any bytes: a table or an error naming the file, never a panic.
    #[test]
    fn csv_reader_never_panics(bytes in prop_oneof![csv_bytes(), prop::collection::vec(any::<u8>(), 0..400)]) {
        let source = Source::from_text("f.csv", b',', bytes);
        match read_table(&source, &["id"], &MissingCodes::default()) {
            Ok(t) => prop_assert!(t.height() > 0),
            Err(e) => prop_assert_eq!(e.file.as_deref(), Some("f.csv")),
        }
    }

    /// The line splitter (quote-free blocks) and the csv crate's record reader agree, in
    /// blocks of any size: the same columns, records and rows, or the same error at the same
    /// row.
    #[test]
    fn line_and_record_readers_agree(bytes in csv_bytes(), block in 1usize..64) {
        let source = Source::from_text("f.csv", b',', bytes);
        let lines = records(&source, block, false);
        let parsed = records(&source, 1 << 20, true);
        match (lines, parsed) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(a), Err(b)) => prop_assert_eq!((a.row, a.message.clone()), (b.row, b.message.clone()), "{} / {}", a, b),
            (a, b) => prop_assert!(false, "lines {:?} but records {:?}", a, b),
        }
    }
}

/// The header and every record (its row, its fields trimmed) as the reader gives them.
type Read = (Vec<String>, Vec<(u64, Vec<String>)>);

fn records(source: &Source, block: usize, csv_only: bool) -> Result<Read, DataError> {
    struct All(Vec<(u64, Vec<String>)>);
    impl Consumer for All {
        type Part = Vec<(u64, Vec<String>)>;
        fn process(&self, piece: &Piece) -> Result<Self::Part, DataError> {
            let mut out = Vec::new();
            piece.for_each(|r| {
                let fields = (0..r.len())
                    .map(|i| String::from_utf8_lossy(r.field(i)).trim().to_string())
                    .collect();
                out.push((r.line, fields));
                Ok(())
            })?;
            Ok(out)
        }
        fn merge(&mut self, part: Self::Part) -> Result<(), DataError> {
            self.0.extend(part);
            Ok(())
        }
    }
    let (structure, all) = read_tuned(source, block, csv_only, |_| Ok(All(Vec::new())))?;
    Ok((structure.header.names, all.0))
}

/// One respondent's four answers: valid, missing, or invalid, as they arrive.
fn answer() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        8 => prop_oneof![Just("1"), Just("2"), Just("3"), Just("4"), Just("5")],
        2 => prop_oneof![Just(""), Just("NA"), Just(" 3 "), Just("4.0"), Just("\"2\""), Just("\" 5 \"")],
        1 => prop_oneof![Just("6"), Just("0"), Just("2.5"), Just("x"), Just("-1"), Just("1e3")],
    ]
}

fn parse_answer(a: &str) -> Result<Option<f64>, ()> {
    let t = a.trim_matches('"').trim();
    if t.is_empty() || t == "NA" {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if (1.0..=5.0).contains(&v) && v.fract() == 0.0 => Ok(Some(v)),
        _ => Err(()),
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// Item files (quoted fields among them): scores equal a plain computation, and the first
    /// invalid answer is reported at its row and item (blank lines anywhere do not count).
    #[test]
    fn scoring_equals_a_plain_computation(
        rows in prop::collection::vec((prop::collection::vec(answer(), 4), any::<bool>()), 1..25),
        crlf in any::<bool>(),
    ) {
        let spec = "name = \"p\"\nid = \"id\"\nmin = 1\nmax = 5\ninteger = true\nmin_answered = 1.0\n\
                    [[subscale]]\nname = \"a\"\nitems = [\"q1\", \"q2\"]\n\
                    [[subscale]]\nname = \"b\"\nitems = [\"q3\", \"q4\"]\n";
        let scale = parse(spec).unwrap();
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("id,q1,q2,q3,q4{eol}");
        let mut line = 1u64;
        let mut expected = Vec::new();
        let mut first_bad: Option<(u64, usize)> = None;
        for (i, (answers, blank_before)) in rows.iter().enumerate() {
            if *blank_before {
                // an empty line, or one of blanks only
                text.push_str(if i % 2 == 0 { "" } else { "   " });
                text.push_str(eol);
                line += 1;
            }
            line += 1;
            text.push_str(&format!("R{i},{}{eol}", answers.join(",")));
            let parsed: Vec<Result<Option<f64>, ()>> = answers.iter().map(|a| parse_answer(a)).collect();
            if first_bad.is_none() {
                if let Some(k) = parsed.iter().position(|p| p.is_err()) {
                    first_bad = Some((line, k));
                }
            }
            let v: Vec<Option<f64>> = parsed.into_iter().map(|p| p.unwrap_or(None)).collect();
            let sum = |x: &[Option<f64>]| x.iter().copied().sum::<Option<f64>>();
            expected.push((sum(&v[..2]), sum(&v[2..]), sum(&v)));
        }
        let source = Source::from_text("items.csv", b',', text.clone().into_bytes());
        match (score_source(&source, &Scoring::new(scale)), first_bad) {
            (Ok(scored), None) => {
                let values = |name: &str| -> Vec<Option<f64>> {
                    scored.frame.column(name).unwrap().f64().unwrap().iter().collect()
                };
                let (a, b, total) = (values("a"), values("b"), values("total"));
                prop_assert_eq!(a.len(), expected.len());
                for (i, e) in expected.iter().enumerate() {
                    prop_assert_eq!((a[i], b[i], total[i]), *e, "respondent {}", i);
                }
            }
            (Err(e), Some((row, item))) => {
                prop_assert_eq!(e.row, Some(row), "{}", e);
                let item_name = format!("q{}", item + 1);
                prop_assert_eq!(e.column.as_deref(), Some(item_name.as_str()), "{}", e);
            }
            (got, want) => prop_assert!(false, "got {:?}, expected the first bad answer at {:?}\n{}", got.map(|s| s.summary), want, text),
        }
    }
}

/// One line of an item file: answers (valid or not), sometimes a field too many or too few.
fn item_line() -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        6 => prop_oneof![Just("1"), Just("3"), Just("5")],
        2 => prop_oneof![Just(""), Just("NA"), Just("na"), Just("-99"), Just(" 4 "), Just("2.0"), Just("007")],
        1 => prop_oneof![Just("6"), Just("x"), Just("2.5"), Just("1e0"), Just("\"3\""), Just("\u{3000}2")],
    ];
    (prop::collection::vec(cell, 4), 0..40u8).prop_map(|(cells, shape)| match shape {
        0 => String::new(),                         // a blank line
        1 => format!("X,{}", cells[..3].join(",")), // a field too few
        2 => format!("X,{},9", cells.join(",")),    // a field too many
        n => format!(
            "{}{},{}",
            if n % 7 == 0 { " " } else { "" },
            n,
            cells.join(",")
        ),
    })
}

proptest! {
    #![proptest_config(config(64))]

    /// Scoring an item file and the same file with every field quoted (read by the csv
    /// crate): the same frame, summary and rows, or the same error.
    #[test]
    fn quoted_and_unquoted_files_score_alike(
        lines in prop::collection::vec(item_line(), 1..30),
        crlf in any::<bool>(),
        count_invalid in any::<bool>(),
    ) {
        let spec = "name = \"p\"\nid = \"id\"\nmin = 1\nmax = 5\nmissing = [\"-99\"]\nmin_answered = 0.5\n\
                    [[subscale]]\nname = \"a\"\nitems = [\"q1\", \"q2\"]\nreverse = [\"q2\"]\n\
                    [[subscale]]\nname = \"b\"\nitems = [\"q3\", \"q4\"]\nmethod = \"mean\"\n";
        let mut scoring = Scoring::new(parse(spec).unwrap());
        scoring.invalid = if count_invalid { InvalidPolicy::Missing } else { InvalidPolicy::Error };
        scoring.keep_items = count_invalid;
        scoring.cross_products = true;
        let eol = if crlf { "\r\n" } else { "\n" };
        let quote = |line: &str| -> String {
            if line.is_empty() {
                return String::new();
            }
            line.split(',')
                .map(|f| format!("\"{}\"", f.trim_matches('"')))
                .collect::<Vec<_>>()
                .join(",")
        };
        let plain = format!("id,q1,q2,q3,q4{eol}{}{eol}", lines.join(eol));
        let quoted = format!(
            "id,q1,q2,q3,q4{eol}{}{eol}",
            lines.iter().map(|l| quote(l)).collect::<Vec<_>>().join(eol)
        );
        let score = |text: &str| score_source(&Source::from_text("items.csv", b',', text.as_bytes().to_vec()), &scoring);
        match (score(&plain), score(&quoted)) {
            (Ok(d), Ok(p)) => {
                prop_assert!(d.frame.equals_missing(&p.frame), "{}\n{}\n{}", plain, d.frame, p.frame);
                prop_assert_eq!(d.summary, p.summary);
                prop_assert_eq!(d.rows, p.rows);
                for (a, b) in d.cross_products.iter().zip(&p.cross_products) {
                    prop_assert_eq!(a.n(), b.n());
                    if a.n() >= 2 {
                        prop_assert_eq!(a.covariance(), b.covariance());
                    }
                }
            }
            (Err(d), Err(p)) => prop_assert_eq!(d, p),
            (d, p) => prop_assert!(false, "{}\nplain {:?}\nquoted {:?}", plain, d.map(|s| s.summary), p.map(|s| s.summary)),
        }
    }
}
