//! `gongjiang import KIND FILE [--org ID]` (organizations, demand, majors,
//! cohorts, teachers, trainees): the same all-or-nothing import as the page
//! and the API, run on the server by its administrator, with a progress bar
//! and the row-by-row report (the file's cell problems and the rules'
//! problems together) on standard error. Member units are imported as the
//! alliance's secretariat; every other kind as the administrator of the unit
//! `--org` names. Exit codes: 0 imported, 3 the file or some rows have
//! problems (nothing stored), 1 any other failure.

use super::{DbArgs, INVALID, load_config, open, report};
use gongjiang_app::Actor;
use gongjiang_app::actor::{User, Via};
use gongjiang_app::imports::{self, Refusal};
use gongjiang_domain::accounts::Role;
use gongjiang_domain::ids::{OrgId, UserId};
use std::path::PathBuf;
use std::process::ExitCode;

/// What to import.
#[derive(clap::ValueEnum, Clone, Copy)]
pub enum Kind {
    /// Member units of the alliance, as the secretariat (单位名称, 单位类型, 统一社会信用代码, 简称, 城市, 区县, 地址, 网站, 产业链环节, 级别, 简介); no --org.
    Organizations,
    /// Talent demand of one enterprise (岗位, 类型, 职业编码, 产业链环节, 技能等级, 人数, 城市, 月薪下限, 月薪上限, 开始日期, 结束日期, 夜班, 要求, 状态).
    Demand,
    /// Majors of one school (专业代码, 专业名称, 层次, 学制（年）, 年招生人数, 对应职业编码).
    Majors,
    /// Cohorts of one school (班级名称, 专业代码, 专业层次, 入学年份, 毕业年份, 人数, 订单企业信用代码).
    Cohorts,
    /// Teachers of one school (姓名, 聘用方式, 专业特长, 双师等级, 职称, 技能等级, 企业实践天数, 共享到师资库).
    Teachers,
    /// Trainees of one school (姓名, 身份证号, 手机号, 学号, 班级名称, 状态, 个人信息处理目的).
    Trainees,
}

impl Kind {
    fn imports(self) -> imports::Kind {
        match self {
            Kind::Organizations => imports::Kind::Organizations,
            Kind::Demand => imports::Kind::Demand,
            Kind::Majors => imports::Kind::Majors,
            Kind::Cohorts => imports::Kind::Cohorts,
            Kind::Teachers => imports::Kind::Teachers,
            Kind::Trainees => imports::Kind::Trainees,
        }
    }
}

/// Draws `progress` on standard error every 200 ms until `stop` is set.
fn progress_bar(
    progress: gongjiang_app::progress::Progress,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> std::thread::JoinHandle<()> {
    use std::io::Write;
    std::thread::spawn(move || {
        let draw = |s: gongjiang_app::progress::Snapshot| {
            let width = 30;
            let filled = usize::try_from(s.percent() * width / 100).unwrap_or(0);
            let name = match s.stage {
                "validate" => "校验 validate",
                "check" => "核对 check",
                "store" => "保存 store",
                _ => "读取 read",
            };
            let mut err = std::io::stderr().lock();
            let _ = write!(
                err,
                "\r{name:<14} [{}{}] {:>3}% {}/{}   ",
                "#".repeat(filled),
                "-".repeat(width as usize - filled),
                s.percent(),
                s.done,
                s.total
            );
            let _ = err.flush();
        };
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            draw(progress.snapshot());
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        draw(progress.snapshot());
        eprintln!();
    })
}

/// Import a roster file (CSV, UTF-8) all or nothing.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// What the file holds.
    #[arg(value_enum)]
    kind: Kind,
    /// The file.
    file: PathBuf,
    /// The unit the rows belong to (its organisation id): the school, or the
    /// enterprise for demand. Not used for organizations.
    #[arg(long, default_value = "")]
    org: String,
}

/// Runs the command.
pub async fn run(args: Args) -> ExitCode {
    let config = match load_config(&args.db.overrides()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let kind = args.kind.imports();
    let org = if kind == imports::Kind::Organizations {
        None
    } else {
        match args.org.parse::<OrgId>() {
            Ok(org) => Some(org),
            Err(_) => {
                eprintln!(
                    "--org is not an organisation id (required for {})",
                    kind.as_str()
                );
                return ExitCode::from(INVALID);
            }
        }
    };
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("cannot read {}: {e}", args.file.display());
            return ExitCode::from(1);
        }
    };
    let app = match open(&config, false).await {
        Ok(a) => a,
        Err(code) => return code,
    };
    let alliance = match gongjiang_app::members::alliance(&app).await {
        Ok(a) => a,
        Err(e) => return report(&e),
    };
    // The server's administrator acts as the unit's administrator, or for
    // member units as the secretariat of the chair unit, recorded as `cli`.
    let (org_id, role) = match org {
        Some(org) => (org, Role::OrgAdmin),
        None => match alliance.host_org_id {
            Some(host) => (host, Role::Secretariat),
            None => {
                eprintln!("the alliance has no chair unit to act for");
                return ExitCode::from(1);
            }
        },
    };
    let org_kind = match gongjiang_app::members::unit_kind(&app, org_id).await {
        Ok(k) => k,
        Err(e) => return report(&e),
    };
    let actor = Actor::User {
        user: User {
            user_id: UserId::new(),
            login: "cli".into(),
            display_name: "命令行".into(),
            org_id,
            org_kind,
            role,
            alliance_id: alliance.id,
            via: Via::Cli,
        },
        ip: "cli".into(),
    };
    let started = std::time::Instant::now();
    let name = args.file.to_string_lossy();
    let upload = match gongjiang_web::upload::read_upload(
        &bytes,
        &name,
        kind.sheet(),
        gongjiang_web::i18n::Lang::Zh,
    ) {
        Ok(u) => u,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(INVALID);
        }
    };
    let rows = &upload.rows;
    let parsed = started.elapsed();
    let progress = gongjiang_app::progress::Progress::new();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let bar = progress_bar(progress.clone(), stop.clone());
    let result = imports::run(&app, &actor, kind, rows, &progress).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = bar.join();
    match result {
        Ok(o) => {
            println!(
                "导入完成 / imported {} rows in {:.2} s (read {:.2} s): {} created, {} updated.",
                rows.len(),
                started.elapsed().as_secs_f64(),
                parsed.as_secs_f64(),
                o.created,
                o.updated
            );
            ExitCode::SUCCESS
        }
        Err(Refusal::Rows(problems)) => {
            let lines = gongjiang_web::upload::report_lines(
                gongjiang_web::i18n::Lang::Zh,
                kind.sheet(),
                &upload.cell_problems,
                &problems,
            );
            eprintln!(
                "文件中有 {} 处错误，未导入任何数据 / {} problems, nothing imported:",
                lines.len(),
                lines.len()
            );
            for l in lines.iter().take(200) {
                eprintln!("  第 {} 行 {}: {}", l.line, l.field, l.message);
            }
            ExitCode::from(INVALID)
        }
        Err(Refusal::Other(e)) => report(&e),
    }
}
