//! Inputs and outputs: reading tables from files, writing results to stdout or files.
//! All file-format and encoding concerns live here.

pub mod output;
pub mod table;
