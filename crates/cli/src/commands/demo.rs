//! `gongjiang demo`: load the demo alliance into an empty database.

use super::{DbArgs, load_config, open, report};
use gongjiang_app::demo;
use std::process::ExitCode;

/// Load the demo alliance (72 founding units, 3 applications, one account per role) into an empty database.
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
    let app = match open(&config, true).await {
        Ok(a) => a,
        Err(code) => return code,
    };
    match demo::load(&app).await {
        Ok(loaded) => {
            println!(
                "演示联盟已载入 / demo alliance loaded: {} members, {} applications.",
                loaded.members, loaded.applications
            );
            print_accounts();
            ExitCode::SUCCESS
        }
        Err(e) => report(&e),
    }
}

/// Prints the demo accounts.
pub fn print_accounts() {
    println!(
        "演示账号 / demo accounts (password: {}):",
        gongjiang_domain::accounts::DEMO_PASSWORD
    );
    for a in demo::ACCOUNTS {
        println!("  {:<18} {}", a.login, a.display_name);
    }
}
