//! `gongjiang demo`: load the demo alliance into an empty database.

use super::{DbArgs, load_config, open, report};
use gongjiang_app::demo;
use std::process::ExitCode;

/// Load the demo alliance (72 founding units, 3 applications, one account per role) into an empty database.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// How much to generate: alliance (≈11k trainees), region (≈300 units, 100k), province (≈2,000 units, 1M).
    #[arg(long, default_value = "alliance", value_parser = ["alliance", "region", "province"])]
    scale: String,
    /// Seed of the generator (the same seed gives the same data).
    #[arg(long, default_value_t = 20_231_201)]
    seed: u64,
    /// Also write a trainee roster whose rows each break one rule (for trying imports) to this file.
    #[arg(long)]
    bad_rows: Option<std::path::PathBuf>,
}

/// Runs the command.
pub async fn run(args: Args) -> ExitCode {
    let config = match load_config(&args.db.overrides()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if let Some(path) = &args.bad_rows {
        let today = gongjiang_app::Clock::now(&gongjiang_app::SystemClock).date_cst();
        let text = gongjiang_app::demo_scale::bad_trainee_rows(args.seed, today);
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("cannot write {}: {e}", path.display());
            return ExitCode::from(1);
        }
        println!(
            "有问题的学员名单 / a roster of bad rows (each row's problem in column 问题): {}",
            path.display()
        );
    }
    let app = match open(&config, true).await {
        Ok(a) => a,
        Err(code) => return code,
    };
    let scale = gongjiang_app::demo_scale::Scale::parse(&args.scale)
        .unwrap_or(gongjiang_app::demo_scale::Scale::Alliance);
    let started = std::time::Instant::now();
    match gongjiang_app::demo_scale::load(&app, scale, args.seed).await {
        Ok((loaded, r)) => {
            println!(
                "演示联盟已载入 / demo alliance loaded in {:.1} s: {} members (+{} more units), {} applications, \
                 {} majors, {} cohorts, {} trainees, {} demands.",
                started.elapsed().as_secs_f64(),
                loaded.members,
                r.extra_units,
                loaded.applications,
                r.majors,
                r.cohorts,
                r.trainees,
                r.demands
            );
            let c = &r.chain;
            println!(
                "培养、就业与评价 / talent chain: {} work tasks ({} learning tasks), {} learning records, \
                 {} internships ({} log entries), {} jobs ({} follow-ups), {} certificates.",
                c.work_tasks,
                c.learning_tasks,
                c.learning_records,
                c.internships,
                c.log_entries,
                c.employment,
                c.follow_ups,
                c.certificates
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
