//! `gongjiang migrate`: apply pending migrations and exit.

use super::{DbArgs, load_config};
use gongjiang_store::Db;
use std::process::ExitCode;

/// Apply pending database migrations, then exit.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
}

/// Runs the command.
pub async fn run(args: Args) -> ExitCode {
    let config = match load_config(&args.db.overrides()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if config.is_sqlite()
        && let Err(e) = std::fs::create_dir_all(&config.data_dir)
    {
        eprintln!("cannot create {}: {e}", config.data_dir.display());
        return ExitCode::from(1);
    }
    let db = match Db::connect(&config.database_url).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("cannot open the database: {e}");
            return ExitCode::from(1);
        }
    };
    match db.migrate().await {
        Ok(n) => {
            println!("已应用 {n} 个迁移 / {n} migration(s) applied; the schema is current.");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("migration failed: {e}");
            ExitCode::from(1)
        }
    }
}
