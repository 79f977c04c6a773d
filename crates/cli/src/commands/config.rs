//! `gongjiang config example`: print a commented configuration file.

use std::process::ExitCode;

/// Configuration helpers.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Print a commented gongjiang.toml with every key and its default.
    Example,
}

/// Runs the command.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Example => {
            print!("{}", crate::config::EXAMPLE);
            ExitCode::SUCCESS
        }
    }
}
