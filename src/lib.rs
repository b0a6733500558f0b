//! prepost: score pre/post questionnaires and compare them with statistics that agree with R.
//!
//! Data flow: `io` (read tables) → `pairing` (match pre and post by id) → `analysis` (run
//! `stats` on each scale) → `model` (one result tree) → `report` (one renderer per format) →
//! `io` (write). `commands` glues these together per subcommand; `cli` defines the interface.

// Reference values in tests are pasted from R's `print(..., digits = 17)` as printed.
#![cfg_attr(test, allow(clippy::excessive_precision))]

pub mod analysis;
pub mod cli;
pub mod commands;
pub mod error;
pub mod io;
pub mod model;
pub mod pairing;
pub mod report;
pub mod scale;
pub mod stats;
