//! `gongjiang admin create`: create an account — on a fresh install, the first
//! secretariat administrator together with the alliance and its chair unit.
//! The password is read from standard input, never from a flag.

use super::{DbArgs, INVALID, load_config, open, report};
use gongjiang_app::{accounts, members};
use gongjiang_domain::accounts::{self as rules, Role};
use gongjiang_domain::ids::OrgId;
use gongjiang_domain::members::OrgProfileInput;
use std::io::BufRead;
use std::process::ExitCode;

/// Manage accounts.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Create an account; reads the password from standard input.
    ///
    /// On a fresh install this also founds the alliance: give --alliance,
    /// --chair, --chair-credit-code and --chair-city. Example:
    ///
    ///   echo 'a-long-passphrase' | gongjiang admin create --login mishuchu --name 秘书处 \
    ///     --alliance 武汉都市圈光电子技工教育联盟 --chair 鄂东技师学院 \
    ///     --chair-credit-code <统一社会信用代码> --chair-city 黄石市
    Create(CreateArgs),
}

/// Options of `admin create`.
#[derive(clap::Args)]
pub struct CreateArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Login name (letters, digits, . _ - @).
    #[arg(long)]
    login: String,
    /// Display name.
    #[arg(long)]
    name: String,
    /// Role: secretariat (default), org_admin, staff or trainee.
    #[arg(long, default_value = "secretariat")]
    role: String,
    /// Organisation id the role is held in (default: the chair unit).
    #[arg(long)]
    org: Option<String>,
    /// Fresh install: the alliance's name.
    #[arg(long)]
    alliance: Option<String>,
    /// Fresh install: the chair unit's name.
    #[arg(long)]
    chair: Option<String>,
    /// Fresh install: the chair unit's unified social credit code.
    #[arg(long)]
    chair_credit_code: Option<String>,
    /// Fresh install: the chair unit's city.
    #[arg(long)]
    chair_city: Option<String>,
    /// Fresh install: the chair unit's kind (default technical_college).
    #[arg(long, default_value = "technical_college")]
    chair_kind: String,
}

/// Runs the command.
pub async fn run(command: Command) -> ExitCode {
    let Command::Create(args) = command;
    let config = match load_config(&args.db.overrides()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let app = match open(&config, false).await {
        Ok(a) => a,
        Err(code) => return code,
    };
    let role = match Role::parse(&args.role) {
        Ok(r) => r,
        Err(_) => {
            eprintln!("--role must be secretariat, org_admin, staff or trainee");
            return ExitCode::from(INVALID);
        }
    };
    eprintln!("请输入密码（一行）/ enter the password (one line) on standard input:");
    let mut password = String::new();
    if std::io::stdin().lock().read_line(&mut password).is_err() {
        eprintln!("cannot read the password from standard input");
        return ExitCode::from(1);
    }
    let password = password.trim_end_matches(['\n', '\r']);
    // Check everything that can be checked before anything is written.
    let mut problems = Vec::new();
    if let Err(p) = rules::check_login(&args.login) {
        problems.push(format!("login: {p:?}"));
    }
    if let Err(p) =
        rules::check_new_password(password, config.password_policy, &[&args.login, &args.name])
    {
        problems.push(format!("password: {p:?}"));
    }
    if !problems.is_empty() {
        eprintln!(
            "输入有误，未做任何更改 / invalid input, nothing changed: {}",
            problems.join("; ")
        );
        return ExitCode::from(INVALID);
    }
    let has_alliance = match members::has_alliance(&app).await {
        Ok(h) => h,
        Err(e) => return report(&e),
    };
    let org: OrgId = if !has_alliance {
        let (Some(alliance), Some(chair), Some(code), Some(city)) = (
            &args.alliance,
            &args.chair,
            &args.chair_credit_code,
            &args.chair_city,
        ) else {
            eprintln!(
                "尚无联盟：首次创建管理员时请同时提供 --alliance、--chair、--chair-credit-code 和 --chair-city。\n\
                 No alliance yet: the first `admin create` must also give --alliance, --chair, --chair-credit-code and --chair-city."
            );
            return ExitCode::from(INVALID);
        };
        let profile = OrgProfileInput {
            kind: args.chair_kind.clone(),
            name: chair.clone(),
            credit_code: code.clone(),
            city: city.clone(),
            ..Default::default()
        };
        match members::found_alliance(&app, alliance, &profile).await {
            Ok((_, org)) => {
                println!("联盟已创建，理事长单位 id / alliance founded, chair unit id: {org}");
                org
            }
            Err(e) => return report(&e),
        }
    } else {
        match &args.org {
            Some(text) => match text.parse() {
                Ok(id) => id,
                Err(_) => {
                    eprintln!("--org is not an organisation id");
                    return ExitCode::from(INVALID);
                }
            },
            None => match members::alliance(&app).await.map(|a| a.host_org_id) {
                Ok(Some(host)) => host,
                Ok(None) => {
                    eprintln!("the alliance has no chair unit; give --org");
                    return ExitCode::from(INVALID);
                }
                Err(e) => return report(&e),
            },
        }
    };
    match accounts::create_account(&app, &args.login, &args.name, password, org, role, false).await
    {
        Ok(id) => {
            println!(
                "账号已创建 / account created: {} ({}) id {id}",
                args.login,
                role.as_str()
            );
            ExitCode::SUCCESS
        }
        Err(e) => report(&e),
    }
}
