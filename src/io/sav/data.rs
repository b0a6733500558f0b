//! The case data: 8-byte units, one per slot of a case, stored as they are, as SPSS bytecode
//! (command bytes, each standing for a unit: a small whole number, the system-missing value,
//! eight blanks, or "the next 8 bytes"), or as ZLIB blocks of bytecode (`.zsav`, indexed by a
//! trailer at the end of the file).

use super::dict::{u64_of, Cooked, Cursor, Dictionary, VarLayout, TRUNCATED_HINT};
use super::{Column, Compression, Decoder, SavError};
use std::io::Read;

/// A stream of 8-byte units.
trait Units {
    /// The next unit; None where the data end (between units).
    fn next(&mut self) -> Result<Option<[u8; 8]>, SavError>;
    /// Where the stream is in the file, for messages.
    fn offset(&self) -> u64;
}

/// Units as they are in the file.
struct Raw<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl Units for Raw<'_> {
    fn next(&mut self) -> Result<Option<[u8; 8]>, SavError> {
        let left = self.buf.len() - self.pos;
        if left == 0 {
            return Ok(None);
        }
        if left < 8 {
            return Err(SavError::new(format!(
                "the data end inside a value ({left} of its 8 bytes are there)"
            ))
            .at(self.pos as u64)
            .hint(TRUNCATED_HINT));
        }
        let mut unit = [0u8; 8];
        unit.copy_from_slice(&self.buf[self.pos..self.pos + 8]);
        self.pos += 8;
        Ok(Some(unit))
    }

    fn offset(&self) -> u64 {
        self.pos as u64
    }
}

/// Units decoded from bytecode read from another stream of units.
struct Bytecode<S: Units> {
    src: S,
    commands: [u8; 8],
    /// The next command (8: a new block of commands is needed).
    at: usize,
    done: bool,
    bias: f64,
    big: bool,
    sysmis: [u8; 8],
}

impl<S: Units> Bytecode<S> {
    fn new(src: S, bias: f64, big: bool, sysmis: u64) -> Self {
        Bytecode {
            src,
            commands: [0; 8],
            at: 8,
            done: false,
            bias,
            big,
            sysmis: if big {
                sysmis.to_be_bytes()
            } else {
                sysmis.to_le_bytes()
            },
        }
    }
}

impl<S: Units> Units for Bytecode<S> {
    fn next(&mut self) -> Result<Option<[u8; 8]>, SavError> {
        loop {
            if self.done {
                return Ok(None);
            }
            if self.at == 8 {
                match self.src.next()? {
                    Some(commands) => {
                        self.commands = commands;
                        self.at = 0;
                    }
                    None => return Ok(None),
                }
            }
            let code = self.commands[self.at];
            self.at += 1;
            return Ok(Some(match code {
                0 => continue,
                252 => {
                    self.done = true;
                    return Ok(None);
                }
                253 => {
                    match self.src.next()? {
                        Some(unit) => unit,
                        None => return Err(SavError::new(
                            "the compressed data end where the 8 bytes of a value were announced",
                        )
                        .at(self.src.offset())
                        .hint(TRUNCATED_HINT)),
                    }
                }
                254 => [b' '; 8],
                255 => self.sysmis,
                c => {
                    let v = f64::from(c) - self.bias;
                    if self.big {
                        v.to_be_bytes()
                    } else {
                        v.to_le_bytes()
                    }
                }
            }));
        }
    }

    fn offset(&self) -> u64 {
        self.src.offset()
    }
}

/// One ZLIB block of a `.zsav` file, as its trailer gives it.
struct Block {
    compressed_at: usize,
    compressed_len: usize,
    uncompressed_len: usize,
}

/// Units from the ZLIB blocks of a `.zsav` file, inflated one block at a time.
struct Zlib<'a> {
    buf: &'a [u8],
    blocks: Vec<Block>,
    /// The next block to inflate.
    next_block: usize,
    current: Vec<u8>,
    pos: usize,
    /// The file offset of the block being read.
    block_at: u64,
}

impl Zlib<'_> {
    /// Inflates the next block; false when there is none.
    fn inflate(&mut self) -> Result<bool, SavError> {
        let Some(block) = self.blocks.get(self.next_block) else {
            return Ok(false);
        };
        let k = self.next_block + 1;
        let n = self.blocks.len();
        let input = &self.buf[block.compressed_at..block.compressed_at + block.compressed_len];
        let mut out = Vec::with_capacity(
            block
                .uncompressed_len
                .min(block.compressed_len.saturating_mul(1100))
                .min(64 << 20),
        );
        let read = flate2::read::ZlibDecoder::new(input)
            .take(block.uncompressed_len as u64 + 1)
            .read_to_end(&mut out);
        if let Err(e) = read {
            return Err(SavError::new(format!(
                "ZLIB block {k} of {n} is damaged and cannot be inflated ({e})"
            ))
            .at(block.compressed_at as u64)
            .hint(TRUNCATED_HINT));
        }
        if out.len() != block.uncompressed_len {
            return Err(SavError::new(format!(
                "ZLIB block {k} of {n} inflates to {}{} bytes, where the file's trailer says {}",
                if out.len() > block.uncompressed_len {
                    "more than "
                } else {
                    ""
                },
                out.len().min(block.uncompressed_len),
                block.uncompressed_len
            ))
            .at(block.compressed_at as u64)
            .hint(TRUNCATED_HINT));
        }
        self.block_at = block.compressed_at as u64;
        self.current = out;
        self.pos = 0;
        self.next_block += 1;
        Ok(true)
    }
}

impl Units for Zlib<'_> {
    fn next(&mut self) -> Result<Option<[u8; 8]>, SavError> {
        let mut unit = [0u8; 8];
        let mut filled = 0;
        while filled < 8 {
            if self.pos == self.current.len() && !self.inflate()? {
                if filled == 0 {
                    return Ok(None);
                }
                return Err(SavError::new(format!(
                    "the ZLIB data end inside a value ({filled} of its 8 bytes are there)"
                ))
                .at(self.block_at)
                .hint(TRUNCATED_HINT));
            }
            let n = (8 - filled).min(self.current.len() - self.pos);
            unit[filled..filled + n].copy_from_slice(&self.current[self.pos..self.pos + n]);
            self.pos += n;
            filled += n;
        }
        Ok(Some(unit))
    }

    fn offset(&self) -> u64 {
        self.block_at
    }
}

/// The ZLIB header (after the dictionary) and the trailer it points to.
fn zlib<'a>(buf: &'a [u8], dict: &Dictionary) -> Result<Zlib<'a>, SavError> {
    let start = dict.data_start;
    let big = dict.header.big;
    let mut cur = Cursor {
        buf,
        pos: start,
        big,
    };
    let i64_at = |cur: &mut Cursor, what: &str| -> Result<i64, SavError> {
        Ok(u64_of(&cur.bytes8(what)?, big) as i64)
    };
    let header_ofs = i64_at(&mut cur, "the ZLIB header")?;
    let trailer_ofs = i64_at(&mut cur, "the ZLIB header")?;
    let trailer_len = i64_at(&mut cur, "the ZLIB header")?;
    if header_ofs != start as i64 {
        return Err(SavError::new(format!(
            "the ZLIB header is damaged: it gives its own position as byte {header_ofs}"
        ))
        .at(start as u64));
    }
    let len = buf.len() as i64;
    if trailer_ofs < start as i64 + 24
        || trailer_len < 24
        || (trailer_len - 24) % 24 != 0
        || trailer_ofs.saturating_add(trailer_len) > len
    {
        let beyond = trailer_ofs.saturating_add(trailer_len.max(0)) > len;
        let mut e = SavError::new(format!(
            "the ZLIB header gives the index of the compressed blocks (the trailer) as {trailer_len} \
             bytes at byte {trailer_ofs}, {}",
            if beyond {
                format!("beyond the end of the file ({len} bytes): the file is truncated")
            } else {
                "which cannot be right: the header is damaged".to_string()
            }
        ))
        .at(start as u64);
        if beyond {
            e = e.hint(TRUNCATED_HINT);
        }
        return Err(e);
    }
    let mut t = Cursor {
        buf,
        pos: trailer_ofs as usize,
        big,
    };
    let _bias = t.bytes8("the ZLIB trailer")?;
    let _zero = t.bytes8("the ZLIB trailer")?;
    let block_size = t.i32("the ZLIB trailer")?;
    let n_blocks = t.i32("the ZLIB trailer")?;
    let expected = (trailer_len - 24) / 24;
    if i64::from(n_blocks) != expected {
        return Err(SavError::new(format!(
            "the ZLIB trailer is damaged: it lists {n_blocks} blocks in {trailer_len} bytes, which \
             hold {expected}"
        ))
        .at(trailer_ofs as u64 + 20));
    }
    let mut blocks = Vec::with_capacity(expected as usize);
    for k in 0..expected as usize {
        let entry_at = t.pos as u64;
        let _uncompressed_ofs = t.bytes8("the ZLIB trailer")?;
        let compressed_ofs = u64_of(&t.bytes8("the ZLIB trailer")?, big) as i64;
        let uncompressed_len = t.i32("the ZLIB trailer")?;
        let compressed_len = t.i32("the ZLIB trailer")?;
        let fits = compressed_ofs >= start as i64 + 24
            && compressed_len >= 0
            && uncompressed_len >= 0
            && compressed_ofs.saturating_add(i64::from(compressed_len)) <= trailer_ofs
            && (block_size <= 0 || uncompressed_len <= block_size);
        if !fits {
            return Err(SavError::new(format!(
                "the ZLIB trailer is damaged: block {} of {expected} is given as {compressed_len} \
                 bytes at byte {compressed_ofs} inflating to {uncompressed_len}, outside the \
                 compressed data (bytes {} to {trailer_ofs})",
                k + 1,
                start + 24
            ))
            .at(entry_at));
        }
        blocks.push(Block {
            compressed_at: compressed_ofs as usize,
            compressed_len: compressed_len as usize,
            uncompressed_len: uncompressed_len as usize,
        });
    }
    Ok(Zlib {
        buf,
        blocks,
        next_block: 0,
        current: Vec::new(),
        pos: 0,
        block_at: (start + 24) as u64,
    })
}

/// Reads every case into columns.
pub(crate) fn read_cases(
    buf: &[u8],
    dict: &Dictionary,
    cooked: &Cooked,
    text: &Decoder,
) -> Result<Vec<Column>, SavError> {
    let h = &dict.header;
    let raw = Raw {
        buf,
        pos: dict.data_start,
    };
    // room for the cases declared, as far as the file's length can hold them (a unit takes at
    // least one byte of bytecode; ZLIB data are not trusted beyond that either) and at most
    // 2^20: the columns grow as cases are read
    let left = (buf.len() - dict.data_start) / dict.n_slots.max(1);
    let room = dict
        .declared_cases()
        .unwrap_or(0)
        .min(left as u64 + 1)
        .min(1 << 20) as usize;
    match h.compression {
        Compression::None => cases(raw, dict, cooked, text, room),
        Compression::Bytecode => cases(
            Bytecode::new(raw, h.bias, h.big, dict.sysmis),
            dict,
            cooked,
            text,
            room,
        ),
        Compression::Zlib => cases(
            Bytecode::new(zlib(buf, dict)?, h.bias, h.big, dict.sysmis),
            dict,
            cooked,
            text,
            room,
        ),
    }
}

/// The next unit of a case: None only where a case would start (the end of the data).
fn unit<U: Units>(
    units: &mut U,
    case_starts: bool,
    case: u64,
    variable: &str,
) -> Result<Option<[u8; 8]>, SavError> {
    let at = units.offset();
    match units.next() {
        Ok(Some(u)) => Ok(Some(u)),
        Ok(None) if case_starts => Ok(None),
        Ok(None) => Err(SavError::new(format!(
            "the data end inside case {} (the file is truncated)",
            case + 1
        ))
        .at(units.offset())
        .case(case + 1)
        .variable(variable)
        .hint(TRUNCATED_HINT)),
        Err(e) => Err(SavError {
            case: Some(case + 1),
            variable: Some(variable.to_string()),
            offset: e.offset.or(Some(at)),
            ..e
        }),
    }
}

fn cases<U: Units>(
    mut units: U,
    dict: &Dictionary,
    cooked: &Cooked,
    text: &Decoder,
    room: usize,
) -> Result<Vec<Column>, SavError> {
    let declared = dict.declared_cases();
    let mut columns: Vec<Column> = cooked
        .layout
        .iter()
        .map(|l| match l {
            VarLayout::Numeric => Column::Numbers(Vec::with_capacity(room)),
            VarLayout::Text { .. } => Column::Texts(Vec::with_capacity(room)),
        })
        .collect();
    let missing = dict.missing_bits();
    let big = dict.header.big;
    let mut bytes: Vec<u8> = Vec::new();
    let mut case: u64 = 0;
    'cases: while declared.is_none_or(|n| case < n) {
        for (i, (layout, column)) in cooked.layout.iter().zip(columns.iter_mut()).enumerate() {
            let name = &cooked.variables[i].name;
            match (layout, column) {
                (VarLayout::Numeric, Column::Numbers(cells)) => {
                    let Some(u) = unit(&mut units, i == 0, case, name)? else {
                        break 'cases;
                    };
                    let bits = u64_of(&u, big);
                    let v = f64::from_bits(bits);
                    cells.push((!missing.contains(&bits) && !v.is_nan()).then_some(v));
                }
                (VarLayout::Text { segments }, Column::Texts(cells)) => {
                    bytes.clear();
                    let mut first = i == 0;
                    for &slots in segments {
                        // a segment of a very long string holds 255 bytes in its 256
                        let keep = (slots * 8).min(255);
                        for s in 0..slots {
                            let Some(u) = unit(&mut units, first, case, name)? else {
                                break 'cases;
                            };
                            first = false;
                            let from = s * 8;
                            if from < keep {
                                bytes.extend_from_slice(&u[..(keep - from).min(8)]);
                            }
                        }
                    }
                    cells.push(Some(text.text(&bytes)));
                }
                _ => {
                    return Err(SavError::new(
                        "internal error: a column does not match its variable",
                    ))
                }
            }
        }
        case += 1;
    }
    match declared {
        Some(n) if case < n => Err(SavError::new(format!(
            "the file declares {n} cases, but its data end after {case}"
        ))
        .at(units.offset())
        .hint(TRUNCATED_HINT)),
        _ => Ok(columns),
    }
}
