//! `prepost completions SHELL` and `prepost man`: the shell completion scripts and the manual
//! page, generated from the command line's own definition (so they never fall behind it).

use crate::cli::Cli;
use crate::io::output::write_stdout;
use clap::CommandFactory;

/// The sections of a command's readable report that `--sections` can name, one per line with
/// what it holds (`prepost compare --sections help`).
pub fn sections(command: &str) -> anyhow::Result<()> {
    use crate::report::sections::{compare, survey, PARTS_SECTIONS};
    let names = match command {
        "compare" => compare::SECTIONS,
        "survey" => survey::SECTIONS,
        "case" | "power" | "reliability" | "screen" => PARTS_SECTIONS,
        other => anyhow::bail!(
            "--sections is an option of compare, survey, case, power, reliability and screen, not of \"{other}\""
        ),
    };
    let width = names.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (name, what) in names {
        out.push_str(&format!("{name:width$}  {what}\n"));
    }
    write_stdout(out.as_bytes())
}

/// The completion script of `shell`, on standard output.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<()> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "prepost", &mut out);
    write_stdout(&out)
}

/// The manual page (roff) on standard output, or with `dir` one page per command written into
/// it (prepost.1, prepost-compare.1, …, for `man -M` or a MANPATH directory).
pub fn man(dir: Option<&std::path::Path>) -> anyhow::Result<()> {
    let command = Cli::command();
    match dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| {
                anyhow::anyhow!("cannot create the directory {}: {e}", dir.display())
            })?;
            clap_mangen::generate_to(command, dir)
                .map_err(|e| anyhow::anyhow!("cannot write into {}: {e}", dir.display()))?;
            eprintln!("prepost: wrote the manual pages to {}", dir.display());
            Ok(())
        }
        None => {
            let mut out = Vec::new();
            clap_mangen::Man::new(command).render(&mut out)?;
            write_stdout(&out)
        }
    }
}
