//! `gongjiang bench certificates`: on a temporary SQLite database with the
//! demo alliance, register the demo school as an evaluation institution with
//! a filing, put N passing candidates in one session, then time issuing all
//! their certificates (numbering, signing, storing, auditing, in one
//! transaction) the way the background job does.
//!
//! Prints a readable summary and one machine-readable JSON line (`bench-certificates {...}`).

use gongjiang_app::actor::{User, Via};
use gongjiang_app::progress::Progress;
use gongjiang_app::{Actor, App, Settings, SystemClock, certificates, demo, evaluation};
use gongjiang_domain::accounts::Role;
use gongjiang_domain::demand::iso;
use gongjiang_domain::evaluation::{
    Candidate, Eligibility, FilingInput, InstitutionInput, Scores, SessionInput,
};
use gongjiang_domain::ids::{CandidateId, TraineeId, UserId};
use gongjiang_domain::supply::{Trainee, TraineeStatus};
use gongjiang_store::Db;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

/// Time issuing a session's certificates on a temporary database.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Number of passing candidates to certify.
    #[arg(long, default_value_t = 10_000)]
    pub count: usize,
}

const OCCUPATION: &str = "6-25-04-01";

async fn actor(
    app: &gongjiang_app::App,
    org: gongjiang_domain::ids::OrgId,
    alliance: gongjiang_domain::ids::AllianceId,
    role: Role,
) -> Result<Actor, String> {
    let org_kind = gongjiang_app::members::unit_kind(app, org)
        .await
        .map_err(|e| e.to_string())?;
    Ok(Actor::User {
        user: User {
            user_id: UserId::new(),
            login: "bench".into(),
            display_name: "bench".into(),
            org_id: org,
            org_kind,
            role,
            alliance_id: alliance,
            via: Via::Cli,
        },
        ip: "127.0.0.1".into(),
    })
}

async fn bench(args: &Args, dir: &std::path::Path) -> Result<String, String> {
    let url = format!("sqlite://{}?mode=rwc", dir.join("bench.db").display());
    let db = Db::connect(&url).await.map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    let settings = Settings {
        demo_mode: true,
        ..Settings::default()
    };
    let mut key = [0u8; 32];
    key[0] = 7;
    let app = App::new(
        db,
        Arc::new(SystemClock),
        settings,
        gongjiang_app::pii::Vault::from_master(&key),
    );
    let loaded = demo::load(&app).await.map_err(|e| e.to_string())?;
    let secretariat = actor(&app, loaded.chair, loaded.alliance, Role::Secretariat).await?;
    let school = actor(&app, loaded.school, loaded.alliance, Role::OrgAdmin).await?;
    let today = app.now().date_cst();
    evaluation::register_institution(
        &app,
        &secretariat,
        loaded.school,
        &InstitutionInput {
            kind: "S".into(),
            institution_code: "0000".into(),
            province_code: "42".into(),
            site_code: "000123".into(),
        },
    )
    .await
    .map_err(|e| e.to_string())?;
    evaluation::add_filing(
        &app,
        &secretariat,
        loaded.school,
        &FilingInput {
            occupation_code: OCCUPATION.into(),
            levels: vec!["level4".into()],
            filed_with: "湖北省人力资源和社会保障厅".into(),
            reference: "鄂人社评备〔2026〕12号".into(),
            valid_from: format!("{}-01-01", today.year() - 1),
            valid_to: String::new(),
        },
    )
    .await
    .map_err(|e| e.to_string())?;
    let session = evaluation::create_session(
        &app,
        &school,
        &SessionInput {
            occupation_code: OCCUPATION.into(),
            level: "level4".into(),
            held_on: iso(today),
            venue: "基准测试考点".into(),
            examiners: "张工,刘工".into(),
        },
    )
    .await
    .map_err(|e| e.to_string())?;
    // Candidates straight into the store: the timed part is issuing.
    let now = app.now();
    let mut tx = app.db.write().await.map_err(|e| e.to_string())?;
    for i in 0..args.count {
        let trainee = Trainee {
            id: TraineeId::new(),
            org_id: loaded.school,
            cohort_id: None,
            name: format!("考生{i}"),
            name_masked: "考*生".into(),
            id_sealed: String::new(),
            id_masked: "4201**********000X".into(),
            birth_date: "2006-01-01".into(),
            gender: "male".into(),
            phone_sealed: None,
            phone_masked: String::new(),
            student_no: i.to_string(),
            status: TraineeStatus::Enrolled,
            consent_purpose: "基准测试".into(),
            consent_by: "bench".into(),
            consent_at: now,
            created_at: now,
        };
        let keys = gongjiang_app::supply::trainee_search_keys(&trainee.name, &trainee.student_no);
        gongjiang_store::supply::save_trainee(&mut tx, &trainee, &format!("bench-{i}"), &keys, now)
            .await
            .map_err(|e| e.to_string())?;
        let candidate = Candidate {
            id: CandidateId::new(),
            session_id: session.id,
            trainee_id: trainee.id,
            eligibility: Eligibility {
                edition: "bench".into(),
                level: "level4".into(),
                matched: Some("4.3".into()),
                alternatives: vec![],
            },
            scores: None,
            passed: None,
            rescore_required: false,
        };
        gongjiang_store::evaluation::insert_candidate(&mut tx, &candidate, now)
            .await
            .map_err(|e| e.to_string())?;
        let scores = Scores {
            theory: 80,
            practical: 80,
            review: None,
        };
        gongjiang_store::evaluation::set_scores(&mut tx, candidate.id, &scores, true, now)
            .await
            .map_err(|e| e.to_string())?;
    }
    tx.commit().await.map_err(|e| e.to_string())?;

    let started = Instant::now();
    let done = certificates::issue_session(&app, &school, session.id, &Progress::new())
        .await
        .map_err(|e| e.to_string())?;
    let seconds = started.elapsed().as_secs_f64();
    app.db.close().await;
    let rate = done.issued as f64 / seconds.max(1e-9);
    Ok(format!(
        "issued {} certificates in {seconds:.2} s ({rate:.0}/s, SQLite, one transaction)\n\
         bench-certificates {{\"count\":{},\"seconds\":{seconds:.3},\"per_second\":{rate:.0}}}",
        done.issued, done.issued
    ))
}

/// Runs `gongjiang bench certificates`.
pub async fn run(args: Args) -> ExitCode {
    let dir = std::env::temp_dir().join(format!(
        "gongjiang-bench-certificates-{}",
        std::process::id()
    ));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot make a temporary directory: {e}");
        return ExitCode::from(1);
    }
    let result = bench(&args, &dir).await;
    let _ = std::fs::remove_dir_all(&dir);
    match result {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bench failed: {e}");
            ExitCode::from(1)
        }
    }
}
