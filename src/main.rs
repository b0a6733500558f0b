//! The `prepost` binary: parse the command line, validate it into a configuration, run one
//! subcommand, map errors to exit codes.

use clap::{CommandFactory, Parser};
use prepost::cli::Cli;
use prepost::config::{self, Config};
use prepost::error::{EXIT_DATA, EXIT_OK};

fn main() {
    prepost::io::cleanup::on_signals_remove_temporaries();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(command) = prepost::cli::sections_help(&args) {
        std::process::exit(match prepost::commands::help::sections(&command) {
            Ok(()) => EXIT_OK,
            Err(e) => {
                eprintln!("prepost: error: {e:#}");
                prepost::error::EXIT_USAGE
            }
        });
    }
    let cli = Cli::parse(); // clap's usage errors exit with 2
    let config = match config::from_cli(&cli) {
        Ok(c) => c,
        Err(e) => {
            // the same form as clap's own usage errors, with the subcommand's usage line
            let mut command = Cli::command();
            command.build();
            let sub = command
                .find_subcommand_mut(e.command)
                .cloned()
                .unwrap_or(command);
            let mut sub = sub;
            sub.error(clap::error::ErrorKind::ArgumentConflict, e.message)
                .exit()
        }
    };
    let result = match &config {
        Config::Compare(c) => prepost::commands::compare::run(c),
        Config::Score(c) => prepost::commands::score::run(c),
        Config::Scale(c) => prepost::commands::scale::run(c),
        Config::Reliability(c) => prepost::commands::reliability::run(c),
        Config::Case(c) => prepost::commands::case::run(c),
        Config::Power(c) => prepost::commands::power::run(c),
        Config::Completions(shell) => prepost::commands::help::completions(*shell),
        Config::Man(dir) => prepost::commands::help::man(dir.as_deref()),
    };
    std::process::exit(match result {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("prepost: error: {e:#}");
            EXIT_DATA
        }
    });
}
