//! `gongjiang backup --to FILE`: a consistent copy of the embedded database,
//! taken while the server keeps running. On PostgreSQL use `pg_dump`.

use super::{DbArgs, INVALID, load_config};
use gongjiang_store::Db;
use std::path::PathBuf;
use std::process::ExitCode;

/// Copy the embedded SQLite database to a file while it stays in use.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// Where to write the copy (must not exist yet).
    #[arg(long, value_name = "FILE")]
    to: PathBuf,
}

/// Runs the command.
pub async fn run(args: Args) -> ExitCode {
    let config = match load_config(&args.db.overrides()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if !config.is_sqlite() {
        eprintln!("PostgreSQL 请使用 pg_dump 备份 / back up PostgreSQL with pg_dump.");
        return ExitCode::from(INVALID);
    }
    if args.to.exists() {
        eprintln!(
            "{} 已存在 / already exists; choose a new file.",
            args.to.display()
        );
        return ExitCode::from(INVALID);
    }
    let db = match Db::connect(&config.database_url).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("cannot open the database: {e}");
            return ExitCode::from(1);
        }
    };
    let started = std::time::Instant::now();
    match db.backup_sqlite(&args.to.to_string_lossy()).await {
        Ok(()) => {
            let size = std::fs::metadata(&args.to).map(|m| m.len()).unwrap_or(0);
            println!(
                "已备份 / backed up to {} ({size} bytes) in {:.1} s.",
                args.to.display(),
                started.elapsed().as_secs_f64()
            );
            println!("另请妥善保存 data/keys/pii.key：没有它，备份中的身份证号和手机号无法解密。");
            println!(
                "Keep data/keys/pii.key safe as well: without it the sealed ID and phone numbers in the copy cannot be opened."
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("backup failed: {e}");
            ExitCode::from(1)
        }
    }
}
