//! `prepost power`: plan the next study.

use crate::analysis::planning::plan;
use crate::config::PowerConfig;
use crate::error::DataError;
use crate::io::output::{write_to, Target};
use crate::report;

pub fn run(config: &PowerConfig) -> anyhow::Result<()> {
    // (every input is a number of the command line; what has no answer says why)
    let answer = plan(&config.question)
        .map_err(|why| DataError::new(format!("the question has no answer: {why}")))?;
    let bytes = report::render(&answer, config.format, &config.render);
    let target = match &config.output {
        Some(path) => Target::File(path),
        None => Target::Stdout,
    };
    write_to(target, |w| w.write_all(&bytes))
}
