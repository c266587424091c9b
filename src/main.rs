//! The `claimdesk` binary: parses the command line and hands over to the
//! library, either to a headless subcommand or to the window.

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = claimdesk::cli::Cli::parse();
    match cli.command {
        Some(command) => {
            let stdout = std::io::stdout();
            match claimdesk::cli::run(command, &mut stdout.lock()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("claimdesk: error: {error:#}");
                    ExitCode::FAILURE
                }
            }
        }
        None => match claimdesk::app::run(cli.path) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("claimdesk: error: {error:#}");
                ExitCode::FAILURE
            }
        },
    }
}
