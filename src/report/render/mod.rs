//! The renderers: a [`Doc`](super::doc::Doc) (or one of its tables) written in one format. They
//! read only the document; which of them runs is chosen in one place ([`super::render()`]).

pub mod delimited;
pub mod docx;
pub mod html;
pub mod latex;
pub mod markdown;
pub mod raster;
pub mod terminal;
