//! `gongjiang audit verify`: check the audit log's hash chain.

use super::{DbArgs, load_config, open, report};
use std::process::ExitCode;

/// Audit log tools.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Walk the hash chain; exit 0 when intact, 2 at the first broken entry.
    Verify(Args),
}

/// Options of `audit verify`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
}

/// Runs the command.
pub async fn run(command: Command) -> ExitCode {
    let Command::Verify(args) = command;
    let config = match load_config(&args.db.overrides()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let app = match open(&config, false).await {
        Ok(a) => a,
        Err(code) => return code,
    };
    match gongjiang_app::audit::verify_chain(&app).await {
        Ok(Ok(n)) => {
            println!("审计日志完整 / audit chain intact: {n} entries.");
            ExitCode::SUCCESS
        }
        Ok(Err(seq)) => {
            eprintln!("审计日志在第 {seq} 条处被篡改 / audit chain broken at entry {seq}.");
            ExitCode::from(2)
        }
        Err(e) => report(&e),
    }
}
