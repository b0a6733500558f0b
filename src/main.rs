//! The `prepost` binary: parse the command line, validate it into a configuration, run one
//! subcommand, map errors to exit codes.

use clap::{CommandFactory, Parser};
use prepost::cli::Cli;
use prepost::config::{self, Config};
use prepost::error::{EXIT_DATA, EXIT_OK};

/// Memory exhausted is a message and exit 1, not an abort.
#[global_allocator]
static ALLOCATOR: prepost::io::memory::Checked = prepost::io::memory::Checked;

fn main() {
    prepost::io::memory::on_exhaustion_exit_cleanly();
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
    prepost::io::memory::thread_pool_on_main_thread();
    let result = match &config {
        Config::Compare(c) => prepost::commands::compare::run(c),
        Config::Score(c) => prepost::commands::score::run(c),
        Config::Screen(c) => prepost::commands::screen::run(c),
        Config::Scale(c) => prepost::commands::scale::run(c),
        Config::Reliability(c) => prepost::commands::reliability::run(c),
        Config::Factor(c) => prepost::commands::factor::run(c),
        Config::Case(c) => prepost::commands::case::run(c),
        Config::Power(c) => prepost::commands::power::run(c),
        Config::Survey(c) => prepost::commands::survey::run(c),
        Config::Completions(shell) => prepost::commands::help::completions(*shell),
        Config::Man(dir) => prepost::commands::help::man(dir.as_deref()),
    };
    std::process::exit(match result {
        Ok(()) => EXIT_OK,
        Err(e) if e.downcast_ref::<config::UsageError>().is_some() => {
            // a usage error found once the data were opened (a column named that is not there)
            let message = prepost::error::printable_lines(&format!("{e:#}"));
            eprintln!("prepost: error: {message}");
            prepost::error::EXIT_USAGE
        }
        Err(e) => {
            // (text from the data in a message never drives the terminal)
            let message = prepost::error::printable_lines(&format!("{e:#}"));
            eprintln!("prepost: error: {message}");
            let too_large = e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::FileTooLarge)
            });
            if too_large {
                eprintln!("  hint: the limit on the size of a file (ulimit -f) was reached; nothing was written");
            }
            EXIT_DATA
        }
    });
}
