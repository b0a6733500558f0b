//! Scale specifications and scoring: which items make up which score ([`spec`]), and how
//! answers become scores ([`kernel`]).

pub mod kernel;
pub mod spec;
pub mod template;
