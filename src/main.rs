//! The `prepost` binary: parse the command line, run one subcommand, map errors to exit codes.

use clap::Parser;
use prepost::cli::{Cli, Command};
use prepost::error::{EXIT_DATA, EXIT_OK};

fn main() {
    let cli = Cli::parse(); // usage errors exit with 2
    let result = match &cli.command {
        Command::Compare(args) => prepost::commands::compare::run(args),
        Command::Score(args) => prepost::commands::score::run(args),
        Command::Scale(cmd) => prepost::commands::scale::run(cmd),
        Command::Reliability(args) => prepost::commands::reliability::run(args),
    };
    std::process::exit(match result {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("prepost: error: {e:#}");
            EXIT_DATA
        }
    });
}
