//! The one reader of delimited text: one header scanner and one record reader for every input
//! (CSV, TSV, any delimiter; quoted or not; files, standard input, decoded text, sheets).
//!
//! - **Header**: a UTF-8 byte-order mark and blank lines are skipped; the first other line is
//!   the header (a quoted header may span lines). Names are trimmed; a name may not appear
//!   twice; a header of one name holding another delimiter, or holding carriage returns (a file
//!   with CR-only line ends), is an error that says so.
//! - **Records**: RFC 4180. A line of only blanks is skipped but counted, so a record's row is
//!   the line it starts on (the header is row 1 unless blank lines come before it). Every record
//!   must have the header's number of fields; a column without a name may hold only blanks
//!   (a trailing delimiter); the text must be UTF-8 without NUL bytes. Each problem is an error
//!   naming the file and row.
//!
//! The input is read in blocks of [`BLOCK_BYTES`]. A block without any quote character (the
//! usual export of survey platforms and Excel) is split at its line ends into pieces that are
//! handed to the [`Consumer`] in parallel, the fields of a line found between its delimiters.
//! From the first block holding a quote on, records are read by the csv crate (`csv-core`'s
//! state machine: quoted fields, `""` escapes, line breaks inside quotes) and handed over in
//! batches. Either way the consumer sees the same [`Record`]s, in pieces merged in file order.

use crate::error::{DataError, Kind};
use crate::io::cell::{nfc, trimmed};
use crate::io::source::{binary, read_error, Source};
use rayon::prelude::*;
use std::cell::Cell;
use std::io::Read;

/// Bytes read at a time: the memory the reader holds besides what consumers keep (a longer
/// record grows it).
pub const BLOCK_BYTES: usize = 8 << 20;
/// Lines of a quote-free block are handed over in pieces of about this size.
const PIECE_BYTES: usize = 512 << 10;
/// Records read by the csv crate are handed over in pieces of this many.
const PIECE_RECORDS: usize = 4096;
/// Pieces of records read by the csv crate between two parallel hand-overs.
const BATCH_PIECES: usize = 16;

/// The header row of an input.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Column names, trimmed ("" for a column without a name).
    pub names: Vec<String>,
    /// The line the header starts on.
    pub line: u64,
}

impl Header {
    /// The position of a named column.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The names of the named columns, in order.
    pub fn named(&self) -> Vec<String> {
        self.names
            .iter()
            .filter(|n| !n.is_empty())
            .cloned()
            .collect()
    }
}

/// One record: its fields (unquoted) and the line it starts on.
pub struct Record<'a> {
    pub line: u64,
    data: &'a [u8],
    spans: &'a [(u32, u32)],
}

impl<'a> Record<'a> {
    /// The number of fields (the header's width).
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Field `i`, as it is in the file (untrimmed; quotes removed).
    #[inline]
    pub fn field(&self, i: usize) -> &'a [u8] {
        let (a, b) = self.spans[i];
        &self.data[a as usize..b as usize]
    }
}

/// What a consumer of records does with each piece, and how pieces are put back together.
pub trait Consumer: Sync {
    /// What one piece yields.
    type Part: Send;
    /// Reads the records of one piece (called in parallel, pieces in any order).
    fn process(&self, piece: &Piece) -> Result<Self::Part, DataError>;
    /// Takes the parts in file order.
    fn merge(&mut self, part: Self::Part) -> Result<(), DataError>;
}

/// The shape every record must have.
struct Shape<'a> {
    source: &'a str,
    delimiter: u8,
    width: usize,
    /// Columns without a name.
    unnamed: Vec<usize>,
    /// Whether a row starting with a byte-order mark was noted (once per input).
    bom_noted: std::sync::atomic::AtomicBool,
    quiet: bool,
}

/// A run of records handed to a consumer.
pub struct Piece<'a> {
    shape: &'a Shape<'a>,
    records: PieceRecords<'a>,
    seen: Cell<u64>,
}

enum PieceRecords<'a> {
    /// Lines of a quote-free block, the first on `first_line`.
    Lines { bytes: &'a [u8], first_line: u64 },
    /// Records read by the csv crate, with their lines.
    Parsed(&'a [(u64, csv::ByteRecord)]),
}

impl Piece<'_> {
    /// The file, as the user named it.
    pub fn source(&self) -> &str {
        self.shape.source
    }

    /// At most this many records.
    pub fn size_hint(&self) -> usize {
        match &self.records {
            PieceRecords::Lines { bytes, .. } => memchr::memchr_iter(b'\n', bytes).count() + 1,
            PieceRecords::Parsed(records) => records.len(),
        }
    }

    /// Calls `f` with every record, in order, after checking its shape.
    pub fn for_each(
        &self,
        mut f: impl FnMut(&Record) -> Result<(), DataError>,
    ) -> Result<(), DataError> {
        let shape = self.shape;
        let mut spans: Vec<(u32, u32)> = Vec::with_capacity(shape.width);
        let mut seen = 0u64;
        match &self.records {
            PieceRecords::Lines { bytes, first_line } => {
                let d = shape.delimiter;
                // text that is UTF-8 without NUL bytes throughout needs no check per line
                let clean =
                    memchr::memchr(0, bytes).is_none() && std::str::from_utf8(bytes).is_ok();
                for (k, raw) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
                    let line = without_line_end(raw);
                    if !clean {
                        shape.check_text(line, first_line + k as u64)?;
                    }
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    field_spans(line, d, &mut spans);
                    let record = Record {
                        line: first_line + k as u64,
                        data: line,
                        spans: &spans,
                    };
                    shape.check(&record)?;
                    seen += 1;
                    f(&record)?;
                }
            }
            PieceRecords::Parsed(records) => {
                for (line, rec) in records.iter() {
                    // NUL anywhere first (as the line reader), then UTF-8 field by field: bytes
                    // that are not UTF-8 may not join across a delimiter
                    if memchr::memchr(0, rec.as_slice()).is_some() {
                        return Err(binary(shape.source).row(*line));
                    }
                    for f in rec.iter() {
                        shape.check_text(f, *line)?;
                    }
                    spans.clear();
                    spans.extend((0..rec.len()).map(|i| {
                        let r = rec.range(i).expect("a field of the record");
                        (r.start as u32, r.end as u32)
                    }));
                    let record = Record {
                        line: *line,
                        data: rec.as_slice(),
                        spans: &spans,
                    };
                    shape.check(&record)?;
                    seen += 1;
                    f(&record)?;
                }
            }
        }
        self.seen.set(seen);
        Ok(())
    }
}

impl Shape<'_> {
    /// Text that is not UTF-8, or holds NUL bytes, on line `line`.
    fn check_text(&self, text: &[u8], line: u64) -> Result<(), DataError> {
        if memchr::memchr(0, text).is_some() {
            return Err(binary(self.source).row(line));
        }
        if std::str::from_utf8(text).is_err() {
            return Err(not_utf8(self.source, line));
        }
        Ok(())
    }

    fn check(&self, record: &Record) -> Result<(), DataError> {
        // files joined end to end leave the second one's byte-order mark at the start of a row
        // (the cells are read without it)
        if record.data.starts_with(b"\xEF\xBB\xBF")
            && !self.quiet
            && !self
                .bom_noted
                .swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            eprintln!(
                "prepost: note: {}, row {}: the row begins with a byte-order mark (were two files joined?); it was ignored",
                self.source, record.line
            );
        }
        if record.len() != self.width {
            let what = if record.len() > self.width {
                "more"
            } else {
                "fewer"
            };
            return Err(DataError::new(format!(
                "has {} fields but the header has {} ({what} than the header)",
                record.len(),
                self.width
            ))
            .file(self.source)
            .row(record.line)
            .hint(
                "every row needs one field per column; check for a missing or extra delimiter, \
                 or a value containing the delimiter that should be quoted",
            ));
        }
        for &i in &self.unnamed {
            if !record.field(i).iter().all(u8::is_ascii_whitespace) {
                return Err(DataError::new(format!(
                    "column {} has no name in the header row but holds values",
                    i + 1
                ))
                .file(self.source)
                .row(record.line)
                .hint("give every column a name"));
            }
        }
        Ok(())
    }
}

/// What reading an input found.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    pub header: Header,
    /// Data records.
    pub records: u64,
}

/// The error for text that is not UTF-8.
fn not_utf8(source: &str, row: u64) -> DataError {
    DataError::new("is not valid UTF-8 text")
        .kind(Kind::NotUtf8)
        .file(source)
        .row(row)
        .hint(
            "save the file as CSV UTF-8, or name its encoding with --encoding (e.g. --encoding \
             windows-1252)",
        )
}

/// Reads a source: scans its header, builds a consumer from it with `make` (which checks the
/// columns it needs), and hands it every record. A file that is not UTF-8 but is valid GB18030
/// is read again as that (see [`Source::as_gb18030`]).
pub fn read<C: Consumer>(
    source: &Source,
    make: impl FnMut(&Header) -> Result<C, DataError>,
) -> Result<(Structure, C), DataError> {
    read_tuned(source, BLOCK_BYTES, false, make)
}

/// [`read`] with blocks of at most `block_bytes`, and with `csv_only` every record read by the
/// csv crate (tests hold the two ways of reading to each other, across block boundaries).
pub fn read_tuned<C: Consumer>(
    source: &Source,
    block_bytes: usize,
    csv_only: bool,
    mut make: impl FnMut(&Header) -> Result<C, DataError>,
) -> Result<(Structure, C), DataError> {
    let tuning = Tuning {
        block_bytes,
        csv_only,
    };
    match read_once(source, tuning, &mut make) {
        Err(e) if e.kind == Kind::NotUtf8 => match source.as_gb18030()? {
            Some(decoded) => read_once(&decoded, tuning, &mut make),
            None => Err(e),
        },
        done => done,
    }
}

/// Checks a source's structure, keeping nothing of its contents.
pub fn check(source: &Source) -> Result<Structure, DataError> {
    struct Count;
    impl Consumer for Count {
        type Part = ();
        fn process(&self, piece: &Piece) -> Result<(), DataError> {
            piece.for_each(|_| Ok(()))
        }
        fn merge(&mut self, _: ()) -> Result<(), DataError> {
            Ok(())
        }
    }
    read(source, |_| Ok(Count)).map(|(s, _)| s)
}

/// The input's bytes, a block at a time.
struct Blocks<'a> {
    input: Box<dyn Read + Send + 'a>,
    name: &'a str,
    buf: Vec<u8>,
    /// Bytes of `buf` already used.
    pos: usize,
    block: usize,
    eof: bool,
}

impl Blocks<'_> {
    /// Reads until `buf` holds `want` more bytes past `pos`, or the input ends.
    fn fill(&mut self, want: usize) -> Result<(), DataError> {
        if self.pos > 0 && self.buf.len() - self.pos < want {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        while !self.eof && self.buf.len() - self.pos < want {
            let start = self.buf.len();
            let grow = want.max(self.block);
            self.buf.resize(start + grow, 0);
            match self.input.read(&mut self.buf[start..]) {
                Ok(0) => {
                    self.buf.truncate(start);
                    self.eof = true;
                }
                Ok(n) => self.buf.truncate(start + n),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                    self.buf.truncate(start);
                }
                Err(e) => return Err(read_error(&e, self.name)),
            }
        }
        Ok(())
    }

    /// The unread bytes.
    fn rest(&self) -> &[u8] {
        &self.buf[self.pos..]
    }
}

/// How [`read_once`] reads.
#[derive(Debug, Clone, Copy)]
struct Tuning {
    block_bytes: usize,
    csv_only: bool,
}

/// The header row of a source, reading no further than it (a file that is not UTF-8 but is
/// valid GB18030 is read as that, as [`read`] does).
pub fn header(source: &Source) -> Result<Header, DataError> {
    let tuning = Tuning {
        block_bytes: BLOCK_BYTES,
        csv_only: false,
    };
    match open_blocks(source, tuning) {
        Err(e) if e.kind == Kind::NotUtf8 => match source.as_gb18030()? {
            Some(decoded) => open_blocks(&decoded, tuning).map(|(_, header, _)| header),
            None => Err(e),
        },
        done => done.map(|(_, header, _)| header),
    }
}

/// A source's blocks, past its header, the header, and the line after it.
fn open_blocks(source: &Source, tuning: Tuning) -> Result<(Blocks<'_>, Header, u64), DataError> {
    let name = source.name.as_str();
    // no bigger than the input: fresh memory costs ~1 ms per MB here (page faults)
    let block = source
        .len_hint()
        .filter(|&n| n > 0)
        .map_or(tuning.block_bytes, |n| {
            (n as usize + 1).min(tuning.block_bytes)
        })
        .max(tuning.block_bytes.min(1 << 16));
    let mut blocks = Blocks {
        input: source.bytes()?,
        name,
        buf: Vec::with_capacity(block),
        pos: 0,
        block,
        eof: false,
    };
    blocks.fill(block.max(3))?;
    if blocks.rest().starts_with(b"\xEF\xBB\xBF") {
        blocks.pos = 3;
    }
    let (header, line) = scan_header(&mut blocks, source)?;
    Ok((blocks, header, line))
}

fn read_once<C: Consumer>(
    source: &Source,
    tuning: Tuning,
    make: &mut impl FnMut(&Header) -> Result<C, DataError>,
) -> Result<(Structure, C), DataError> {
    let name = source.name.as_str();
    let (mut blocks, header, mut line) = open_blocks(source, tuning)?;
    let block = blocks.block;
    let shape = Shape {
        source: name,
        delimiter: source.delimiter,
        width: header.names.len(),
        unnamed: (0..header.names.len())
            .filter(|&i| header.names[i].is_empty())
            .collect(),
        bom_noted: std::sync::atomic::AtomicBool::new(false),
        quiet: source.is_quiet(),
    };
    // a header and nothing else (a sheet of notes): say so before the header is judged
    blocks.fill(block)?;
    if blocks.eof && blocks.rest().iter().all(u8::is_ascii_whitespace) {
        return Err(no_data_rows(name, &header.names));
    }
    let mut consumer = make(&header)?;
    let mut records = 0u64;
    loop {
        blocks.fill(block)?;
        if blocks.rest().is_empty() {
            break;
        }
        let complete = if blocks.eof {
            blocks.rest().len()
        } else {
            match memchr::memrchr(b'\n', blocks.rest()) {
                Some(i) => i + 1,
                None => {
                    // a line longer than the block: read more
                    let more = blocks.rest().len() + block;
                    blocks.fill(more)?;
                    continue;
                }
            }
        };
        if tuning.csv_only || memchr::memchr(b'"', &blocks.rest()[..complete]).is_some() {
            records += read_quoted(&mut blocks, &shape, line, &mut consumer)?;
            break;
        }
        let rest = &blocks.buf[blocks.pos..blocks.pos + complete];
        let pieces = split_lines(rest, PIECE_BYTES.min(tuning.block_bytes / 2).max(1));
        // the line each piece starts on
        let lines: Vec<u64> = pieces
            .par_iter()
            .map(|p| memchr::memchr_iter(b'\n', p).count() as u64)
            .collect();
        let mut first_lines = Vec::with_capacity(pieces.len());
        for n in lines {
            first_lines.push(line);
            line += n;
        }
        let pieces: Vec<PieceRecords> = pieces
            .into_iter()
            .zip(first_lines)
            .map(|(bytes, first_line)| PieceRecords::Lines { bytes, first_line })
            .collect();
        records += hand_over(&mut consumer, &shape, pieces)?;
        blocks.pos += complete;
    }
    if records == 0 {
        return Err(no_data_rows(name, &header.names));
    }
    Ok((Structure { header, records }, consumer))
}

/// Hands pieces to the consumer in parallel and merges their parts in order; returns the
/// records they held.
fn hand_over<C: Consumer>(
    consumer: &mut C,
    shape: &Shape,
    pieces: Vec<PieceRecords>,
) -> Result<u64, DataError> {
    let parts: Vec<(u64, Result<C::Part, DataError>)> = pieces
        .into_par_iter()
        .map(|records| {
            let piece = Piece {
                shape,
                records,
                seen: Cell::new(0),
            };
            let part = consumer.process(&piece);
            (piece.seen.get(), part)
        })
        .collect();
    let mut records = 0;
    for (seen, part) in parts {
        consumer.merge(part?)?;
        records += seen;
    }
    Ok(records)
}

/// Finds the header (after a byte-order mark and blank lines), checks it, and returns it with
/// the line after it.
fn scan_header(blocks: &mut Blocks, source: &Source) -> Result<(Header, u64), DataError> {
    let name = source.name.as_str();
    let mut line = 1u64;
    loop {
        if blocks.rest().is_empty() && !blocks.eof {
            blocks.fill(blocks.block)?;
            continue;
        }
        let rest = blocks.rest();
        if rest.is_empty() {
            return Err(DataError::new(
                "is empty; expected a header row and at least one data row",
            )
            .file(name));
        }
        let end = match memchr::memchr(b'\n', rest) {
            Some(i) => i + 1,
            None if blocks.eof => rest.len(),
            None => {
                let more = rest.len() + blocks.block;
                blocks.fill(more)?;
                continue;
            }
        };
        if rest[..end].iter().all(u8::is_ascii_whitespace) {
            blocks.pos += end;
            line += 1;
            continue;
        }
        // the header record: one line, or (quoted) as many as its quotes span
        let (fields, used) = if memchr::memchr(b'"', &rest[..end]).is_none() {
            let text = without_line_end(&rest[..end]);
            let fields: Vec<Vec<u8>> = text
                .split(|&b| b == source.delimiter)
                .map(<[u8]>::to_vec)
                .collect();
            (fields, end)
        } else {
            match first_record(rest, source.delimiter) {
                Some(found) if found.1 < rest.len() => found,
                Some(found) if blocks.eof && !ends_in_quotes(rest, source.delimiter) => found,
                _ if blocks.eof || rest.len() >= HEADER_MAX_BYTES => {
                    return Err(DataError::new(
                        "the header row opens a quote (\") that is not closed, so the rest of the file would be one column name",
                    )
                    .file(name)
                    .row(line)
                    .hint("close the quote in the header row, or remove it"));
                }
                _ => {
                    // the quoted header may go on past the bytes read so far
                    let more = rest.len() + blocks.block;
                    blocks.fill(more)?;
                    continue;
                }
            }
        };
        let spanned = memchr::memchr_iter(b'\n', &rest[..used]).count() as u64;
        let mut names = Vec::with_capacity(fields.len());
        for f in &fields {
            if memchr::memchr(0, f).is_some() {
                return Err(binary(name).row(line));
            }
            let text = std::str::from_utf8(f).map_err(|_| not_utf8(name, line))?;
            names.push(nfc(trimmed(text)).into_owned());
        }
        check_header(&names, source.delimiter).map_err(|e| e.file(name).row(line))?;
        blocks.pos += used;
        let next = line + spanned.max(1);
        return Ok((Header { names, line }, next));
    }
}

/// A header longer than this is a quote left open (the error says so) rather than names.
const HEADER_MAX_BYTES: usize = 1 << 22;

/// Whether the last record of `bytes` ends inside a quoted field (the csv crate takes the rest
/// of the text into it): then the end mark lands in that field.
fn ends_in_quotes(bytes: &[u8], delimiter: u8) -> bool {
    let mut rdr = csv_reader(bytes.chain(END_MARK), delimiter);
    let mut rec = csv::ByteRecord::new();
    let mut last_field_end = false;
    while let Ok(true) = rdr.read_byte_record(&mut rec) {
        last_field_end = rec
            .iter()
            .next_back()
            .is_some_and(|f| f.ends_with(END_MARK));
    }
    last_field_end
}

/// The first record of `bytes` by the csv crate: its fields and the bytes it used (its line
/// end included), or None if it may go on past `bytes`.
fn first_record(bytes: &[u8], delimiter: u8) -> Option<(Vec<Vec<u8>>, usize)> {
    let mut rdr = csv_reader(bytes, delimiter);
    let mut rec = csv::ByteRecord::new();
    match rdr.read_byte_record(&mut rec) {
        Ok(true) => {
            let used = rdr.position().byte() as usize;
            let fields = rec.iter().map(<[u8]>::to_vec).collect();
            Some((fields, used))
        }
        _ => None,
    }
}

/// The csv crate's reader as this module uses it: no header handling, records of any width
/// (checked here, for a message naming the row), line ends at `\n` (a `\r` before it is trimmed
/// with the field; a lone `\r` is text, as in the line-based path).
fn csv_reader<R: Read>(input: R, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .terminator(csv::Terminator::Any(b'\n'))
        .buffer_capacity(1 << 16)
        .from_reader(input)
}

/// Checks the names of a header row.
fn check_header(names: &[String], delimiter: u8) -> Result<(), DataError> {
    if let Some(e) = cr_line_ends(names) {
        return Err(e);
    }
    for (i, name) in names.iter().enumerate() {
        if name.is_empty() {
            continue;
        }
        if let Some(j) = names[..i].iter().position(|h| h == name) {
            return Err(DataError::new(format!(
                "the column name \"{name}\" appears twice (columns {} and {})",
                j + 1,
                i + 1
            ))
            .hint("rename one of the columns"));
        }
    }
    if let Some(e) = other_delimiter(names, delimiter) {
        return Err(e);
    }
    Ok(())
}

/// A header holding carriage returns: the file's lines end in CR alone (classic Mac OS), which
/// no CSV reader takes as line ends, so the whole file is one line. Checked before anything
/// else about the names (its values would look like repeated column names).
fn cr_line_ends(names: &[String]) -> Option<DataError> {
    names.iter().any(|h| h.contains('\r')).then(|| {
        DataError::new(
            "has line ends of a carriage return alone (classic Mac OS); expected LF or CRLF line ends",
        )
        .hint("save the file again as CSV from a spreadsheet or text editor (it then has LF or CRLF line ends)")
    })
}

/// A header of one column whose name holds another delimiter ("id;q1;q2" read with commas):
/// the file uses that delimiter (a European CSV uses semicolons).
fn other_delimiter(names: &[String], delimiter: u8) -> Option<DataError> {
    let [name] = names else { return None };
    let label = [(b';', ";"), (b'\t', "\\t"), (b',', ","), (b'|', "|")]
        .into_iter()
        .find(|&(d, _)| {
            // "id;q1;q2", not a sentence ("Note; see the sheet")
            let parts: Vec<&str> = name.split(d as char).collect();
            d != delimiter
                && parts.len() >= 2
                && parts.iter().all(|p| !p.is_empty() && !p.starts_with(' '))
        })
        .map(|(_, label)| label)?;
    Some(
        DataError::new(format!(
            "the header is one column, \"{name}\", which holds '{}': the delimiter looks like '{}', not '{}'",
            label,
            label,
            (delimiter as char).escape_default()
        ))
        .hint(format!("give the delimiter with --delimiter '{label}'")),
    )
}

/// The error for a file of one line.
fn no_data_rows(source: &str, names: &[String]) -> DataError {
    cr_line_ends(names)
        .unwrap_or_else(|| DataError::new("has a header row but no data rows"))
        .file(source)
}

/// The fields of a line without quotes: the spans between its delimiters. Fields of a byte
/// or two are too close for `memchr`: sixteen bytes are compared with the delimiter at a time
/// (SSE2, which every x86-64 processor has), else one by one.
fn field_spans(line: &[u8], delimiter: u8, spans: &mut Vec<(u32, u32)>) {
    spans.clear();
    let mut start = 0u32;
    let mut i = 0usize;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
        };
        // SAFETY: SSE2 is part of the x86-64 baseline; every load reads 16 bytes inside
        // `line` (i + 16 <= len), unaligned loads allowed.
        unsafe {
            let needle = _mm_set1_epi8(delimiter as i8);
            while i + 16 <= line.len() {
                let chunk = _mm_loadu_si128(line.as_ptr().add(i) as *const __m128i);
                let mut mask = _mm_movemask_epi8(_mm_cmpeq_epi8(chunk, needle)) as u32;
                while mask != 0 {
                    let at = (i + mask.trailing_zeros() as usize) as u32;
                    spans.push((start, at));
                    start = at + 1;
                    mask &= mask - 1;
                }
                i += 16;
            }
        }
    }
    for (j, &b) in line[i..].iter().enumerate() {
        if b == delimiter {
            let at = (i + j) as u32;
            spans.push((start, at));
            start = at + 1;
        }
    }
    spans.push((start, line.len() as u32));
}

/// A line without its line end (LF, CRLF, or any run of them).
pub fn without_line_end(mut line: &[u8]) -> &[u8] {
    while let [rest @ .., b'\n' | b'\r'] = line {
        line = rest;
    }
    line
}

/// Splits complete lines into pieces of about `size` bytes, each ending at a line end.
fn split_lines(bytes: &[u8], size: usize) -> Vec<&[u8]> {
    let mut pieces = Vec::with_capacity(bytes.len() / size + 1);
    let mut start = 0;
    while start < bytes.len() {
        let mut end = (start + size).min(bytes.len());
        if end < bytes.len() {
            end = memchr::memchr(b'\n', &bytes[end..]).map_or(bytes.len(), |i| end + i + 1);
        }
        pieces.push(&bytes[start..end]);
        start = end;
    }
    pieces
}

/// Marks the end of the text for the csv crate: a line end (which closes a last record without
/// one, or is a blank line), then a record of one NUL at the very end. If the text ends inside
/// a quoted field, both land in that field instead.
const END_MARK: &[u8] = b"\n\0";

/// Reads the rest of the input with the csv crate (quoted fields), `line` being the line the
/// unread bytes start on; hands the records to the consumer in batches. Returns the records.
fn read_quoted<C: Consumer>(
    blocks: &mut Blocks,
    shape: &Shape,
    line: u64,
    consumer: &mut C,
) -> Result<u64, DataError> {
    let name = shape.source;
    let rest = std::mem::take(&mut blocks.buf).split_off(blocks.pos);
    let input = std::mem::replace(&mut blocks.input, Box::new(std::io::empty()));
    let counted = LineEnds {
        inner: std::io::Cursor::new(rest).chain(input).chain(END_MARK),
        read: 0,
        ahead: std::collections::VecDeque::new(),
        passed: 0,
        eof: false,
    };
    let mut rdr = csv_reader(counted, shape.delimiter);
    let io_error = |e: csv::Error| -> DataError {
        match e.kind() {
            csv::ErrorKind::Io(io) => read_error(io, name),
            _ => DataError::new(format!("cannot read the file: {e}")).file(name),
        }
    };
    let mut records = 0u64;
    let mut batch: Vec<(u64, csv::ByteRecord)> = Vec::new();
    let mut done = false;
    let mut unclosed_at = None;
    while !done {
        let mut filled = 0usize;
        while filled < PIECE_RECORDS * BATCH_PIECES {
            if batch.len() == filled {
                batch.push((0, csv::ByteRecord::new()));
            }
            let rec = &mut batch[filled].1;
            if !rdr.read_byte_record(rec).map_err(io_error)? {
                done = true; // (the end mark comes first)
                break;
            }
            let end = rdr.position().byte();
            let at_end = rdr.get_ref().eof && end == rdr.get_ref().read;
            if at_end && rec.len() == 1 && &rec[0] == b"\0" {
                done = true;
                break;
            }
            // the line the record ends on (its line end, or the end of the text), less the
            // line ends inside it (the csv crate's own line count skips those)
            let before = rdr.get_mut().before(end);
            let unclosed = at_end && rec.as_slice().ends_with(END_MARK);
            let inside = memchr::memchr_iter(b'\n', rec.as_slice()).count() as u64;
            let end_line = if unclosed { before + 1 } else { before };
            let start = line + end_line - 1 - inside;
            if unclosed {
                // (after the records before it, which may hold an earlier problem)
                unclosed_at = Some(start);
                done = true;
                break;
            }
            // a line of blanks only (as the line reader sees it: blanks between delimiters
            // that are blanks themselves are still blanks)
            if (rec.len() == 1 || shape.delimiter.is_ascii_whitespace())
                && rec.iter().all(|f| f.iter().all(u8::is_ascii_whitespace))
            {
                continue;
            }
            batch[filled].0 = start;
            filled += 1;
        }
        let pieces = batch[..filled]
            .chunks(PIECE_RECORDS)
            .map(PieceRecords::Parsed)
            .collect();
        records += hand_over(consumer, shape, pieces)?;
    }
    if let Some(row) = unclosed_at {
        return Err(
            DataError::new("a quoted field is not closed before the end of the file")
                .file(name)
                .row(row)
                .hint("check for an unmatched quote (\") in this row"),
        );
    }
    Ok(records)
}

/// Counts the line ends of the text it passes on, for the rows of records: `before(offset)`
/// is the number of line ends before `offset` (offsets asked for in increasing order).
struct LineEnds<R> {
    inner: R,
    /// Bytes passed on.
    read: u64,
    /// Offsets of the line ends passed on and not yet counted by `before`.
    ahead: std::collections::VecDeque<u64>,
    /// Line ends counted by `before`.
    passed: u64,
    /// Whether the text has ended.
    eof: bool,
}

impl<R> LineEnds<R> {
    fn before(&mut self, offset: u64) -> u64 {
        while self.ahead.front().is_some_and(|&o| o < offset) {
            self.ahead.pop_front();
            self.passed += 1;
        }
        self.passed
    }
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.eof |= n == 0 && !buf.is_empty();
        let base = self.read;
        self.ahead
            .extend(memchr::memchr_iter(b'\n', &buf[..n]).map(|i| base + i as u64));
        self.read += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record of a text: (line, fields).
    type Records = Vec<(u64, Vec<String>)>;

    fn records(text: &[u8]) -> Result<(Structure, Records), DataError> {
        struct All(Vec<(u64, Vec<String>)>);
        impl Consumer for All {
            type Part = Vec<(u64, Vec<String>)>;
            fn process(&self, piece: &Piece) -> Result<Self::Part, DataError> {
                let mut out = Vec::new();
                piece.for_each(|r| {
                    out.push((
                        r.line,
                        (0..r.len())
                            .map(|i| String::from_utf8_lossy(r.field(i)).into_owned())
                            .collect(),
                    ));
                    Ok(())
                })?;
                Ok(out)
            }
            fn merge(&mut self, part: Self::Part) -> Result<(), DataError> {
                self.0.extend(part);
                Ok(())
            }
        }
        let source = Source::from_text("t.csv", b',', text.to_vec());
        read(&source, |_| Ok(All(Vec::new()))).map(|(s, all)| (s, all.0))
    }

    fn strs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn rows_are_lines_and_blank_lines_are_skipped() {
        let (s, recs) = records(b"\xEF\xBB\xBF\n a ,b\n1,2\n\n  \n3,4\r\n5,6").unwrap();
        assert_eq!(s.header.names, strs(&["a", "b"]));
        assert_eq!(s.header.line, 2);
        assert_eq!(s.records, 3);
        let lines: Vec<u64> = recs.iter().map(|r| r.0).collect();
        assert_eq!(lines, vec![3, 6, 7]);
        assert_eq!(
            recs[1].1,
            strs(&["3", "4"]),
            "the line end is not a field's"
        );
    }

    #[test]
    fn quotes_delimiters_and_line_ends() {
        let (s, recs) =
            records(b"\"a\",b\n\n\"x,\"\"y\"\"\",2\r\n\"\",\"m\r\nn\"\n\n9,\"z\"").unwrap();
        assert_eq!(s.header.names, strs(&["a", "b"]));
        assert_eq!(recs[0], (3, strs(&["x,\"y\"", "2\r"])));
        assert_eq!(recs[1], (4, strs(&["", "m\r\nn"])));
        assert_eq!(recs[2], (7, strs(&["9", "z"])));
        // quotes from the second block on: the same records
        let mut text = b"a,b\n".to_vec();
        for i in 0..50_000 {
            text.extend(format!("{i},{}\n", i % 7).bytes());
        }
        text.extend(b"\"q\nr\",1\nlast,2\n");
        let (s, recs) = records(&text).unwrap();
        assert_eq!(s.records, 50_002);
        assert_eq!(recs[50_000], (50_002, strs(&["q\nr", "1"])));
        assert_eq!(recs[50_001], (50_004, strs(&["last", "2"])));
    }

    #[test]
    fn fields_are_found_between_delimiters() {
        let mut spans = Vec::new();
        for line in [
            &b""[..],
            b",",
            b"a,bb,,c",
            b"1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22",
            b",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,",
            "题,1,\u{3000}2,x".as_bytes(),
        ] {
            field_spans(line, b',', &mut spans);
            let fields: Vec<&[u8]> = spans
                .iter()
                .map(|&(a, b)| &line[a as usize..b as usize])
                .collect();
            let expected: Vec<&[u8]> = line.split(|&b| b == b',').collect();
            assert_eq!(fields, expected);
        }
    }

    #[test]
    fn the_header_alone_is_read_as_the_whole_read_reads_it() {
        // rows that a whole read refuses (a wrong field count) do not matter to the header
        let source =
            Source::from_text("t.csv", b',', b"\xEF\xBB\xBF\n\"i\nd\",x\n1,2,3\n".to_vec());
        let header = header(&source).unwrap();
        assert_eq!(header.names, strs(&["i\nd", "x"]));
        assert_eq!(header.line, 2);
        assert!(check(&source).is_err());
        // text that is not UTF-8 in a source of settled encoding: the same error as a whole read
        let gbk = Source::from_text("g.csv", b',', b"\xd0\xd5\xc3\xfb,q1\n1,2\n".to_vec());
        let (alone, whole) = (super::header(&gbk).unwrap_err(), check(&gbk).unwrap_err());
        assert_eq!(
            (alone.kind, alone.to_string()),
            (whole.kind, whole.to_string())
        );
    }

    #[test]
    fn a_quoted_header_may_span_lines() {
        let (s, recs) = records(b"\"i\nd\",\"x\"\n1,2\n").unwrap();
        assert_eq!(s.header.names, strs(&["i\nd", "x"]));
        assert_eq!(recs[0].0, 3);
    }

    #[test]
    fn structural_errors() {
        let msg = |t: &[u8]| records(t).unwrap_err();
        assert!(msg(b"").message.contains("empty"));
        assert!(msg(b"\n \n").message.contains("empty"));
        assert!(msg(b"a,b\n").message.contains("no data rows"));
        assert!(msg(b"a,b\n\n").message.contains("no data rows"));
        let e = msg(b"a,b\n1,2\n\n1,2,3\n");
        assert_eq!((e.row, e.message.contains("3 fields")), (Some(4), true));
        let e = msg(b"a,b\n1,\"2\"\n1\n");
        assert_eq!(e.row, Some(3));
        assert!(msg(b"a,a\n1,2\n").message.contains("twice"));
        assert!(msg(b"a,\n1,2\n").message.contains("no name"));
        assert!(records(b"a,\n1,\n").is_ok());
        let e = msg(b"a,b\n1,\"x\n2,3\n");
        assert!(e.message.contains("not closed"), "{e}");
        assert_eq!(e.row, Some(2));
        let e = msg(b"a,b\n1,2\n1,\xff\n");
        assert_eq!((e.row, e.message.contains("UTF-8")), (Some(3), true));
        let e = msg(b"a,b\n1,\"2\"\n1,\xff\n");
        assert_eq!(e.row, Some(3));
        assert!(msg(b"a,b\n1,\x00\n").message.contains("NUL"));
        assert!(msg(b"a,b\n\"1\",\x00\n").message.contains("NUL"));
        assert!(msg(b"a,b\r1,2\r").message.contains("carriage return"));
        assert!(msg(b"id;q1;q2\n1;2;3\n")
            .hint
            .clone()
            .unwrap()
            .contains("--delimiter"));
    }
}
