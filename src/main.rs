//! The `claimdesk` binary: parses the command line and hands over to the
//! library, either to a headless subcommand or to the window.

use std::process::ExitCode;

use clap::Parser as _;

/// One line for stderr: the error and its causes, skipping any cause whose
/// text the line already holds (library errors often quote their cause).
fn one_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line.replace('\n', " ")
}

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
            eprintln!("claimdesk: error: {}", one_line(&error));
            ExitCode::FAILURE
        }
    }
}
