//! One module per subcommand: the glue that runs io → scale/pairing → analysis → report → io.

pub mod case;
pub mod compare;
pub mod factor;
pub mod help;
pub mod power;
pub mod reliability;
pub mod scale;
pub mod score;
pub mod screen;
pub mod survey;

use crate::config::Output;
use crate::io::output::{write_out_dir, write_to, Target};
use crate::report::{self, Present};
use std::path::PathBuf;

/// Writes a report as `output` asks: every file of `--out-dir` (rendered before anything is
/// written, so that a failure leaves no partial output), then the report in its format to `-o
/// FILE` or standard output. `inputs` are the files read, which no output may overwrite.
pub fn write_report(
    report: &dyn Present,
    output: &Output,
    inputs: &[PathBuf],
) -> anyhow::Result<()> {
    if let Some(dir) = &output.out_dir {
        let files = report::out_dir_files(report, &output.render);
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        write_out_dir(dir, &names, inputs, |k, w| files[k].write(report, w))?;
    }
    let target = match &output.file {
        Some(path) => Target::File(path),
        None => Target::Stdout,
    };
    write_to(target, |w| {
        report::write(report, output.format, &output.render, w)
    })?;
    Ok(())
}
