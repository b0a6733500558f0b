//! Integration tests: run the real `prepost` binary. One test binary for all commands (each
//! test binary links all of polars), with a module per command.

// Reference values are pasted from R's print(..., digits = 17) as printed.
#![allow(clippy::excessive_precision)]

mod across_waves;
mod audit;
mod bad_input;
mod case;
mod common;
mod compare;
mod compare_errors;
mod compare_reference;
mod examples;
mod factor;
mod fuzz;
mod golden;
mod groups;
mod help;
mod inputs;
mod items;
mod items_analysis;
mod k_groups;
mod labels;
mod layers;
mod outputs;
mod participants;
mod power;
mod rci;
mod reports;
mod sav;
mod score;
mod screen;
mod security;
mod small_study;
mod survey;
mod waves;
mod wenjuanxing;
mod word;
