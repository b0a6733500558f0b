//! prepost: score pre/post questionnaires and compare them with statistics that agree with R.
//!
//! The library is organised by concern: `stats` holds the pure statistics (no I/O).

// Reference values in tests are pasted from R's `print(..., digits = 17)` as printed.
#![cfg_attr(test, allow(clippy::excessive_precision))]

pub mod stats;
