//! One module per subcommand, plus the options they share.

pub mod admin;
pub mod audit;
pub mod backup;
pub mod bench_certificates;
pub mod bench_match;
pub mod bench_pages;
pub mod config;
pub mod demo;
pub mod import;
pub mod migrate;
pub mod serve;
pub mod solve;
pub mod verify;

use crate::config::{Config, Overrides};
use gongjiang_app::{App, Settings, SystemClock};
use gongjiang_store::Db;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// `gongjiang bench …`.
#[derive(clap::Subcommand)]
pub enum BenchCommand {
    /// Generate a random placement instance, then time load, solve and write.
    Match(bench_match::Args),
    /// Issue N certificates for one session on a temporary SQLite database and time it.
    Certificates(bench_certificates::Args),
    /// Load every page and API call a user reaches with wrk, beside a hello-world handler.
    Pages(bench_pages::Args),
}

/// Where the database is: shared by every command that opens it.
#[derive(clap::Args, Clone, Default)]
pub struct DbArgs {
    /// Data directory for the embedded SQLite database.
    #[arg(long = "data", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Database URL (`sqlite://…` or `postgres://…`); also GONGJIANG_DATABASE_URL.
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
    /// Configuration file (default: ./gongjiang.toml when present).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl DbArgs {
    /// The overrides these flags make.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            config_file: self.config.clone(),
            database_url: self.database_url.clone(),
            data_dir: self.data_dir.clone(),
            listen: None,
        }
    }
}

/// Exit code for invalid input or configuration.
pub const INVALID: u8 = 3;

/// Loads the configuration, or prints the problem and gives the exit code.
pub fn load_config(overrides: &Overrides) -> Result<Config, ExitCode> {
    Config::load(overrides).map_err(|e| {
        eprintln!("配置错误 / configuration error: {e}");
        ExitCode::from(INVALID)
    })
}

/// Opens (creating the data directory for SQLite) and migrates the database, and builds the App.
pub async fn open(config: &Config, demo_mode: bool) -> Result<App, ExitCode> {
    if config.is_sqlite()
        && let Err(e) = std::fs::create_dir_all(&config.data_dir)
    {
        eprintln!(
            "cannot create the data directory {}: {e}",
            config.data_dir.display()
        );
        return Err(ExitCode::from(1));
    }
    let db = match Db::connect(&config.database_url).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!(
                "cannot open the database {}: {e}",
                crate::config::redact(&config.database_url)
            );
            return Err(ExitCode::from(1));
        }
    };
    if let Err(e) = db.migrate().await {
        eprintln!("cannot apply migrations: {e}");
        return Err(ExitCode::from(1));
    }
    let settings = Settings {
        demo_mode,
        password_policy: config.password_policy,
        session_idle_minutes: config.session_idle_minutes,
        session_absolute_hours: config.session_absolute_hours,
        round_rules: config.round_rules,
        internship_rules: config.internship_rules,
        public_url: if config.public_url.trim().is_empty() {
            format!("http://{}", config.listen)
        } else {
            config.public_url.trim().trim_end_matches('/').to_string()
        },
        // A change shows in the funnel within a few seconds, and no page
        // waits for a count of the whole alliance.
        aggregate_fresh_seconds: 5,
        mail: config.mail.clone(),
        webhook_hosts: config.webhook_hosts.clone(),
        ..Settings::default()
    };
    let key = match std::env::var("GONGJIANG_PII_KEY") {
        Ok(hex) if !hex.trim().is_empty() => gongjiang_app::pii::key_from_hex(&hex),
        _ => gongjiang_app::pii::load_or_create_key(&config.data_dir.join("keys").join("pii.key")),
    };
    let key = match key {
        Ok(k) => k,
        Err(e) => {
            eprintln!("个人信息加密密钥不可用 / the personal-data key is unusable: {e}");
            return Err(ExitCode::from(INVALID));
        }
    };
    Ok(App::new(
        db,
        Arc::new(SystemClock),
        settings,
        gongjiang_app::pii::Vault::from_master(&key),
    ))
}

/// Prints a use-case error in both languages and returns its exit code.
pub fn report(error: &gongjiang_app::Error) -> ExitCode {
    match error {
        gongjiang_app::Error::Invalid(errors) => {
            for e in &errors.0 {
                eprintln!("{}: {:?}", e.field, e.problem);
            }
            ExitCode::from(INVALID)
        }
        other => {
            eprintln!("错误 / error: {other}");
            ExitCode::from(1)
        }
    }
}
