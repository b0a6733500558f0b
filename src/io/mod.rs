//! Inputs and outputs. All file-format and encoding concerns live here:
//!
//! - [`source`]: what the user names as input (a file, `-`, a sheet, another encoding), ready
//!   to read, with its name for messages;
//! - [`reader`]: the one reader of delimited text (header scanner, record reader);
//! - [`sav`]: SPSS system files (`.sav`, `.zsav`), read from the documented format, and a
//!   small writer;
//! - [`cell`]: what a cell means (missing codes, numbers, labels);
//! - [`table`]: a table of scores (score-level input);
//! - [`output`], [`frame_out`]: writing results (atomically, or to standard output);
//! - [`keep`]: some rows of an input, unchanged (`--keep` after screening);
//! - [`cleanup`]: temporary files removed when the process is interrupted;
//! - [`memory`]: memory or threads exhausted reported as an error (exit 1), not an abort, and
//!   the thread pool (the main thread one of its workers);
//! - [`trace`], [`progress`]: phase timings and a progress line on standard error;
//! - [`wenjuanxing`]: what a Wenjuanxing (问卷星) download's columns and cells mean.

pub mod cell;
pub mod cleanup;
pub mod frame_out;
pub mod keep;
pub mod memory;
pub mod output;
pub mod progress;
pub mod reader;
pub mod sav;
pub mod source;
pub mod table;
pub mod trace;
pub mod wenjuanxing;
