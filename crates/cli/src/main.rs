//! `gongjiang`: runs and manages a Gongjiang alliance platform.
//!
//! One file per subcommand under `commands/`. Exit codes: 0 success, 1 failure,
//! 2 wrong usage (from clap) or an unstable assignment (`match --check`),
//! 3 invalid input or configuration.

mod commands;
mod config;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Runs and manages a Gongjiang industry–education alliance platform (工匠 · 产教融合联盟平台).
#[derive(Parser)]
#[command(name = "gongjiang", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the web server (with --demo: load the demo alliance on first start).
    Serve(commands::serve::Args),
    /// Apply pending database migrations, then exit.
    Migrate(commands::migrate::Args),
    /// Manage accounts.
    #[command(subcommand)]
    Admin(commands::admin::Command),
    /// Load the demo alliance into an empty database.
    Demo(commands::demo::Args),
    /// Import a roster file, all or nothing (e.g. `gongjiang import trainees FILE --org ID`).
    Import(commands::import::Args),
    /// Copy the embedded database to a file while the server runs.
    Backup(commands::backup::Args),
    /// Configuration helpers.
    #[command(subcommand)]
    Config(commands::config::Command),
    /// Solve or check a placement instance file (hr1 format).
    Match(commands::solve::Args),
    /// Verify a certificate credential file offline (exit 0 valid, 2 invalid).
    Verify(commands::verify::Args),
    /// Benchmarks.
    #[command(subcommand)]
    Bench(commands::BenchCommand),
    /// Audit log tools.
    #[command(subcommand)]
    Audit(commands::audit::Command),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // One TLS provider for every HTTPS and SMTP connection the process makes.
    gongjiang_app::notifications::delivery::install_tls();
    match cli.command {
        Command::Match(args) => commands::solve::run(args),
        Command::Bench(commands::BenchCommand::Match(args)) => commands::bench_match::run(args),
        Command::Config(cmd) => commands::config::run(cmd),
        Command::Verify(args) => commands::verify::run(args),
        other => {
            init_logging();
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
            {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("cannot start the async runtime: {e}");
                    return ExitCode::from(1);
                }
            };
            runtime.block_on(async move {
                match other {
                    Command::Serve(args) => commands::serve::run(args).await,
                    Command::Migrate(args) => commands::migrate::run(args).await,
                    Command::Admin(cmd) => commands::admin::run(cmd).await,
                    Command::Demo(args) => commands::demo::run(args).await,
                    Command::Audit(cmd) => commands::audit::run(cmd).await,
                    Command::Import(args) => commands::import::run(args).await,
                    Command::Backup(args) => commands::backup::run(args).await,
                    Command::Bench(commands::BenchCommand::Certificates(args)) => {
                        commands::bench_certificates::run(args).await
                    }
                    Command::Bench(commands::BenchCommand::Pages(args)) => {
                        commands::bench_pages::run(args).await
                    }
                    Command::Match(_)
                    | Command::Bench(commands::BenchCommand::Match(_))
                    | Command::Config(_)
                    | Command::Verify(_) => ExitCode::from(1),
                }
            })
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("GONGJIANG_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .try_init();
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_consistent() {
        <super::Cli as clap::CommandFactory>::command().debug_assert();
    }
}
