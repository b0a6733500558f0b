//! Integration tests: run the real `prepost` binary. One test binary for all commands (each
//! test binary links all of polars), with a module per command.

mod common;
mod compare;
mod compare_errors;
mod compare_reference;
