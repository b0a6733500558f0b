//! From result trees to documents: one file per analysis family, each turning its part of a
//! result into blocks of the [`Doc`](super::doc::Doc) (sentences in English and Chinese side
//! by side, tables for reading, machine tables, figures), and one per report kind assembling
//! them and implementing [`Present`](super::Present). Sections know statistics but no format.

pub mod case;
pub mod change;
pub mod compare;
pub mod figures;
pub mod items;
pub mod power;
pub mod reliability;
pub mod sentences;
pub mod small_study;
pub mod tables;
pub mod waves;

use super::doc::words::Text;
use super::doc::{sentence, Block, Doc, Figure, Kind, Lang, Meta, Role, Section, Table};

/// The parts of a readable report every kind has, in reading order: the study, the results in
/// sentences, the tables, the notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Parts {
    pub title: String,
    pub preamble: Vec<String>,
    /// Heading of the sentences ("Results in brief").
    pub summary_title: String,
    /// Per score, its results as a paragraph (the key names the score).
    pub summary: Vec<(String, String)>,
    pub blocks: Vec<Table>,
    pub notes_title: String,
    pub notes: Vec<String>,
}

impl Parts {
    /// The document of these parts, with the report's figures and (HTML) its overview of every
    /// participant.
    pub fn into_doc(
        self,
        lang: Lang,
        (kind, page_title): (Kind, String),
        meta: Meta,
        figures: Vec<Figure>,
        participants: Option<Section>,
    ) -> Doc {
        let t = Text::of(lang);
        let mut sections = vec![
            Section::new(
                Role::Study,
                "study",
                t.study,
                self.preamble.into_iter().map(Block::Para).collect(),
            ),
            Section::new(
                Role::Sentences,
                "summary",
                self.summary_title,
                self.summary
                    .into_iter()
                    .map(|(key, text)| Block::Sentences {
                        key,
                        text: sentence(&text),
                    })
                    .collect(),
            ),
            Section::new(
                Role::Tables,
                "tables",
                t.tables,
                self.blocks.into_iter().map(Block::Table).collect(),
            ),
            Section::new(
                Role::Figures,
                "figures",
                t.figures,
                figures.into_iter().map(Block::Figure).collect(),
            ),
        ];
        sections.extend(participants);
        sections.push(Section::new(
            Role::Notes,
            "notes",
            self.notes_title,
            self.notes.into_iter().map(Block::Note).collect(),
        ));
        Doc {
            lang,
            kind,
            title: self.title,
            page_title,
            meta,
            sections,
        }
    }
}
