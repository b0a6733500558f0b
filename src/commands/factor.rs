//! `prepost factor`: read the items (a spec's, keyed, or the columns of `--items`), run the
//! factor analysis, write the report.

use crate::analysis::factor::{analyze, FactorItems, FactorSource};
use crate::config::FactorConfig;
use crate::error::DataError;
use crate::io::cell::MissingCodes;
use crate::io::source::Source;
use crate::io::table::read_table;
use crate::scale::kernel::{score_sources, Scoring};
use crate::scale::spec::Labels;

/// Runs `factor`.
pub fn run(config: &FactorConfig) -> anyhow::Result<()> {
    let sources = Source::open_all(&config.files, &config.input)?;
    let files: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
    let report = match (&config.spec, &config.items) {
        (Some(spec), _) => {
            let mut scoring =
                Scoring::of_spec_file(spec, config.id.as_deref(), &config.na, config.invalid)?;
            scoring.keep_items = true;
            let scored = score_sources(&sources, &scoring)?;
            let scale = &scored.scale;
            let subscales: Vec<_> = scale.scores.iter().filter(|s| !s.is_total).collect();
            let items = FactorItems {
                names: scale.items.clone(),
                columns: scored.items.iter().map(Vec::as_slice).collect(),
                reversed: scale.items.iter().map(|q| scale.is_reversed(q)).collect(),
                subscales: scale
                    .items
                    .iter()
                    .map(|q| {
                        subscales
                            .iter()
                            .find(|s| s.items.contains(q))
                            .map(|s| s.name.clone())
                    })
                    .collect(),
                subscale_labels: subscales
                    .iter()
                    .map(|s| (s.name.clone(), s.labels.clone()))
                    .collect(),
            };
            analyze(
                FactorSource {
                    scale: Some(scale.name.clone()),
                    labels: scale.labels.clone(),
                    spec: Some(spec.display().to_string()),
                    files: scored.summary.files.clone(),
                },
                &items,
                &config.settings,
            )?
        }
        (None, Some(names)) => {
            let columns = read_columns(&sources, names, &config.na)?;
            let items = FactorItems {
                names: names.clone(),
                columns: columns.iter().map(Vec::as_slice).collect(),
                reversed: vec![false; names.len()],
                subscales: vec![None; names.len()],
                subscale_labels: Vec::new(),
            };
            analyze(
                FactorSource {
                    scale: None,
                    labels: Labels::default(),
                    spec: None,
                    files,
                },
                &items,
                &config.settings,
            )?
        }
        (None, None) => unreachable!("config requires --scale or --items"),
    };
    let mut inputs = config.files.clone();
    inputs.extend(config.spec.clone());
    super::write_report(&report, &config.output, &inputs)
}

/// The columns `names` of every input, pooled (NaN = not answered: an empty cell or an `--na`
/// code); a missing column or a cell that is not a number is an error naming file, row and
/// column.
fn read_columns(
    sources: &[Source],
    names: &[String],
    na: &[String],
) -> Result<Vec<Vec<f64>>, DataError> {
    let missing = MissingCodes::new(na);
    let mut out = vec![Vec::new(); names.len()];
    for source in sources {
        let table = read_table(source, &[], &missing)?;
        for (name, col) in names.iter().zip(out.iter_mut()) {
            if !table.has_column(name) {
                return Err(DataError::new(format!(
                    "has no column \"{name}\" (named by --items); its columns are: {}",
                    table.columns().join(", ")
                ))
                .file(&table.source)
                .row(1));
            }
            col.extend_from_slice(table.numeric(name)?);
        }
    }
    Ok(out)
}
