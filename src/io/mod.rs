//! Inputs and outputs: reading tables from files, writing results to stdout or files.
//! All file-format and encoding concerns live here.

pub mod frame_out;
pub mod input;
pub mod output;
pub mod progress;
pub mod structure;
pub mod table;
pub mod trace;
