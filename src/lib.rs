//! prepost: score pre/post questionnaires and compare them with statistics that agree with R.
//!
//! Data flow:
//!
//! ```text
//! cli ──► config     the command line validated once (layout enum, waves; usage errors exit 2)
//! io                 one header scanner and one record reader for every input (CSV/TSV, any
//!                    encoding, sheets, stdin); cells by one rule (missing codes, numbers)
//!   ──► scale        the spec → one scoring kernel → each wave's scores in a polars DataFrame
//!   ──► study        participants × waves × scores, matched by id; attrition per wave
//!   ──► analysis     two waves compared: every statistic of `stats` per scale
//!   ──► model        one result tree (change rows made on demand)
//!   ──► report       one renderer per format ──► io (written atomically or streamed)
//! ```
//!
//! `commands` runs these per subcommand; `main.rs` parses, validates and dispatches.

// Reference values in tests are pasted from R's `print(..., digits = 17)` as printed.
#![cfg_attr(test, allow(clippy::excessive_precision))]

pub mod analysis;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod io;
pub mod model;
pub mod note;
pub mod report;
pub mod scale;
pub mod stats;
pub mod study;
