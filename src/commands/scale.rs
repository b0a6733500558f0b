//! `prepost scale init` and `prepost scale check`.

use crate::config::ScaleConfig;
use crate::error::DataError;
use crate::io::output::{write_atomic, write_stdout};
use crate::io::reader;
use crate::io::source::Source;
use crate::scale::kernel::columns_hint;
use crate::scale::spec::{bind, load, spec_error, Scale};
use crate::scale::template::TEMPLATE;

/// A one-paragraph description of a valid spec.
pub fn describe(scale: &Scale) -> Vec<String> {
    let mut lines = vec![format!(
        "\"{}\": {} items answered {} to {}{}, {} reverse-keyed ({})",
        scale.name,
        scale.items.len(),
        crate::scale::spec::fmt_number(scale.min),
        crate::scale::spec::fmt_number(scale.max),
        if scale.integer {
            " (whole numbers)"
        } else {
            ""
        },
        scale.reverse.len(),
        if scale.reverse.is_empty() {
            "none".to_string()
        } else {
            scale.reverse.join(", ")
        }
    )];
    for s in &scale.scores {
        lines.push(format!(
            "  {} \"{}\": {} of {} items ({}), needs {} answered",
            if s.is_total { "total" } else { "subscale" },
            s.name,
            s.method.as_str(),
            s.items.len(),
            s.items.join(", "),
            s.required()
        ));
    }
    lines
}

pub fn run(config: &ScaleConfig) -> anyhow::Result<()> {
    match config {
        ScaleConfig::Init { output } => match output {
            Some(path) => {
                if path.exists() {
                    return Err(DataError::new("already exists; refusing to overwrite it")
                        .file(path.display().to_string())
                        .hint("choose another file name, or remove the file first")
                        .into());
                }
                write_atomic(path, TEMPLATE.as_bytes())?;
                eprintln!("prepost: wrote a scale spec template to {}", path.display());
                Ok(())
            }
            None => write_stdout(TEMPLATE.as_bytes()),
        },
        ScaleConfig::Check { spec, data, input } => {
            let scale = load(spec).map_err(|problems| spec_error(spec, &problems))?;
            let mut out = vec![format!("{}: valid", spec.display())];
            out.extend(describe(&scale));
            let mut problems = Vec::new();
            for path in data {
                let source = Source::open(path, input)?;
                let structure = reader::check(&source)?;
                let headers = structure.header.named();
                match bind(&scale, &structure.header.names) {
                    Ok(bound) => {
                        out.push(format!(
                            "{}: all {} items{} found ({} rows)",
                            path.display(),
                            bound.items.len(),
                            bound
                                .id
                                .as_ref()
                                .map(|i| format!(" and the id column \"{i}\""))
                                .unwrap_or_default(),
                            structure.records
                        ));
                        if bound.items != scale.items {
                            // the selectors, as they read this file
                            for s in &bound.scores {
                                out.push(format!("  {}: {}", s.name, s.items.join(", ")));
                            }
                        }
                    }
                    Err(p) => {
                        let messages: Vec<&str> = p.iter().map(|x| x.message.as_str()).collect();
                        problems.push(
                            DataError::new(messages.join("; "))
                                .file(path.display().to_string())
                                .row(1)
                                .hint(columns_hint(messages[0], &headers)),
                        );
                    }
                }
            }
            if let Some(first) = problems.into_iter().next() {
                return Err(first.into());
            }
            let mut text = out.join("\n");
            text.push('\n');
            write_stdout(text.as_bytes())
        }
    }
}
