//! The `claimdesk` binary: parses the command line and hands over to the
//! library, either to a headless subcommand or to the window.

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = claimdesk::cli::Cli::parse();
    let result = match cli.command {
        Some(command) => {
            let stdout = std::io::stdout();
            claimdesk::cli::run(command, &mut stdout.lock())
        }
        None => claimdesk::app::run(cli.path),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader closed the pipe early (`| head`): not an error.
        Err(error) if claimdesk::cli::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            if let Some(exit) = error.downcast_ref::<claimdesk::cli::ExitWith>() {
                eprintln!("claimdesk: {}", exit.message);
                return ExitCode::from(exit.code);
            }
            eprintln!("claimdesk: error: {}", claimdesk::cli::error_line(&error));
            ExitCode::FAILURE
        }
    }
}
