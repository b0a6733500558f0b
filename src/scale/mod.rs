//! Scale specifications and scoring: which items make up which score, and how answers become
//! scores.

mod direct;
pub mod score;
pub mod spec;
pub mod template;
