//! Long work run in the background: imports of many rows, solving a
//! placement round. Starting one records a job row and returns at once; the
//! work runs on its own task while its [`Progress`] is kept in memory by the
//! instance running it (and written to the row every second on PostgreSQL, as
//! a heartbeat other instances can read). When the work ends, its outcome is
//! stored with the job, so any instance can show it.
//!
//! A job is seen only by the user who started it: an import's outcome and its
//! problem report hold the uploaded rows, personal identifiers included.
//! The report is sealed by the personal-data vault like any identifier.

use crate::App;
use crate::actor::Actor;
use crate::error::{Error, Result};
use crate::progress::{Progress, Snapshot};
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{JobId, OrgId};
use gongjiang_store::Backend;
use gongjiang_store::jobs as store;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

/// How a job's work ended.
#[derive(Debug)]
pub enum Finish {
    /// Done; the outcome for the job's page.
    Done(serde_json::Value),
    /// Refused (e.g. rows with problems): nothing was changed. The outcome
    /// says why; the file, if any, is a report to download.
    Refused {
        /// Why, as data for the page.
        outcome: serde_json::Value,
        /// A report file (an `.xlsx` with the problems beside each row).
        artifact: Option<Vec<u8>>,
    },
    /// Failed with an error; nothing was changed.
    Failed(String),
}

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    /// Still working.
    Running,
    /// Finished and did its work.
    Done,
    /// Finished without changing anything, and says why.
    Refused,
    /// Failed with an error.
    Failed,
    /// The instance running it stopped before it finished; nothing was stored
    /// (the work writes in one transaction).
    Interrupted,
}

/// A job as its owner sees it.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct JobView {
    /// Id.
    pub id: JobId,
    /// What kind of work (`import.trainees`).
    pub kind: String,
    /// Where it stands.
    pub status: JobStatus,
    /// Progress (the last known, once finished).
    pub progress: Snapshot,
    /// The outcome (`null` while running).
    pub outcome: serde_json::Value,
    /// Whether a report file can be downloaded.
    pub has_report: bool,
    /// Started.
    pub created_at: Timestamp,
    /// Ended.
    pub finished_at: Option<Timestamp>,
}

struct Local {
    progress: Progress,
    finished: watch::Receiver<bool>,
}

/// The jobs this instance is running, with their live progress.
#[derive(Clone, Default)]
pub struct Running(Arc<Mutex<HashMap<JobId, Local>>>);

impl Running {
    fn insert(&self, id: JobId, local: Local) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(id, local);
        }
    }

    fn remove(&self, id: JobId) {
        if let Ok(mut map) = self.0.lock() {
            map.remove(&id);
        }
    }

    fn snapshot(&self, id: JobId) -> Option<(Snapshot, watch::Receiver<bool>)> {
        let map = self.0.lock().ok()?;
        map.get(&id)
            .map(|l| (l.progress.snapshot(), l.finished.clone()))
    }
}

/// A job that has not written a heartbeat for this long, and is not running
/// here, has lost the instance that ran it.
const HEARTBEAT_TIMEOUT_MS: i64 = 30_000;

/// Stage keys are `'static`; a stage read back from the database is mapped
/// onto the known ones.
fn stage_key(text: &str) -> &'static str {
    const KNOWN: &[&str] = &["read", "validate", "check", "store", "solve", "publish"];
    KNOWN.iter().find(|k| **k == text).copied().unwrap_or("")
}

fn aad(id: JobId) -> String {
    format!("jobs.artifact:{id}")
}

/// Starts `work` as a job of `kind` for the acting user and returns its id
/// at once. `work` receives the app and the progress to update.
pub async fn spawn<F, Fut>(
    app: &App,
    actor: &Actor,
    kind: &str,
    org: Option<OrgId>,
    work: F,
) -> Result<JobId>
where
    F: FnOnce(App, Progress) -> Fut + Send + 'static,
    Fut: Future<Output = Finish> + Send + 'static,
{
    let me = actor.user()?.clone();
    let id = JobId::new();
    {
        let mut tx = app.db.write().await?;
        store::insert(&mut tx, id, kind, org, me.user_id, app.now()).await?;
        tx.commit().await.map_err(gongjiang_store::Error::from)?;
    }
    let progress = Progress::new();
    let (done_tx, done_rx) = watch::channel(false);
    app.jobs.insert(
        id,
        Local {
            progress: progress.clone(),
            finished: done_rx,
        },
    );
    let app = app.clone();
    let kind = kind.to_string();
    tokio::spawn(async move {
        let heartbeat = (app.db.backend() == Backend::Postgres).then(|| {
            let app = app.clone();
            let progress = progress.clone();
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(Duration::from_secs(1));
                loop {
                    tick.tick().await;
                    let s = progress.snapshot();
                    if let Ok(mut conn) = app.db.read().await {
                        let _ = store::progress(
                            &mut conn,
                            id,
                            s.stage,
                            i64::try_from(s.done).unwrap_or(i64::MAX),
                            i64::try_from(s.total).unwrap_or(i64::MAX),
                            app.now(),
                        )
                        .await;
                    }
                }
            })
        });
        // The work runs on its own task so that a panic ends as a failed job.
        let finish = match tokio::spawn(work(app.clone(), progress.clone())).await {
            Ok(finish) => finish,
            Err(e) => Finish::Failed(format!("the work stopped: {e}")),
        };
        if let Some(h) = heartbeat {
            h.abort();
        }
        if let Err(e) = record_finish(&app, id, &progress, finish).await {
            tracing::error!(job = %id, kind = %kind, error = %e, "could not record how a job ended");
        }
        app.jobs.remove(id);
        let _ = done_tx.send(true);
    });
    Ok(id)
}

async fn record_finish(app: &App, id: JobId, progress: &Progress, finish: Finish) -> Result<()> {
    let (status, outcome, artifact) = match finish {
        Finish::Done(outcome) => ("done", outcome, None),
        Finish::Refused { outcome, artifact } => ("refused", outcome, artifact),
        Finish::Failed(error) => {
            tracing::warn!(job = %id, %error, "job failed");
            ("failed", serde_json::json!({ "error": error }), None)
        }
    };
    let sealed = artifact.map(|bytes| app.vault.seal_bytes(&bytes, &aad(id)));
    let s = progress.snapshot();
    // The work's own transaction has ended; retry briefly if the database is busy.
    let mut last = None;
    for attempt in 0..5u64 {
        let result: Result<()> = async {
            let mut tx = app.db.write().await?;
            store::progress(
                &mut tx,
                id,
                s.stage,
                i64::try_from(s.done).unwrap_or(i64::MAX),
                i64::try_from(s.total).unwrap_or(i64::MAX),
                app.now(),
            )
            .await?;
            store::finish(
                &mut tx,
                id,
                status,
                &outcome.to_string(),
                sealed.as_deref(),
                app.now(),
            )
            .await?;
            tx.commit().await.map_err(gongjiang_store::Error::from)?;
            Ok(())
        }
        .await;
        match result {
            Ok(()) => return Ok(()),
            Err(e) => {
                last = Some(e);
                tokio::time::sleep(Duration::from_millis(200 * (attempt + 1))).await;
            }
        }
    }
    Err(last.unwrap_or(Error::Unavailable))
}

async fn owned(app: &App, actor: &Actor, id: JobId) -> Result<store::JobRow> {
    let me = actor.user()?;
    let mut conn = app.db.read().await?;
    store::get(&mut conn, id)
        .await?
        .filter(|j| j.user_id == me.user_id)
        .ok_or(Error::NotFound("job"))
}

fn view(app: &App, row: store::JobRow) -> JobView {
    let local = app.jobs.snapshot(row.id);
    let stored = Snapshot {
        stage: stage_key(&row.stage),
        done: u64::try_from(row.done).unwrap_or(0),
        total: u64::try_from(row.total).unwrap_or(0),
    };
    let status = match row.status.as_str() {
        "done" => JobStatus::Done,
        "refused" => JobStatus::Refused,
        "failed" => JobStatus::Failed,
        _ if local.is_some() => JobStatus::Running,
        // On SQLite one instance runs everything: not here means not anywhere.
        _ if app.db.backend() == Backend::Sqlite => JobStatus::Interrupted,
        _ if app.now().0 - row.updated_at.0 > HEARTBEAT_TIMEOUT_MS => JobStatus::Interrupted,
        _ => JobStatus::Running,
    };
    JobView {
        id: row.id,
        kind: row.kind,
        status,
        progress: local.map(|(s, _)| s).unwrap_or(stored),
        outcome: serde_json::from_str(&row.outcome).unwrap_or(serde_json::Value::Null),
        has_report: row.has_artifact,
        created_at: row.created_at,
        finished_at: row.finished_at,
    }
}

/// One job of the acting user.
pub async fn get(app: &App, actor: &Actor, id: JobId) -> Result<JobView> {
    let row = owned(app, actor, id).await?;
    Ok(view(app, row))
}

/// Waits up to `limit` for a job running on this instance to finish, then
/// returns it as [`get`] does. Lets a page answer a small import at once and
/// send a large one to the job's progress page.
pub async fn wait(app: &App, actor: &Actor, id: JobId, limit: Duration) -> Result<JobView> {
    if let Some((_, mut finished)) = app.jobs.snapshot(id) {
        let _ = tokio::time::timeout(limit, finished.wait_for(|done| *done)).await;
    }
    get(app, actor, id).await
}

/// The report file a job left, opened from the vault.
pub async fn report(app: &App, actor: &Actor, id: JobId) -> Result<Vec<u8>> {
    owned(app, actor, id).await?;
    let mut conn = app.db.read().await?;
    let sealed = store::artifact(&mut conn, id)
        .await?
        .ok_or(Error::NotFound("report"))?;
    app.vault
        .open_bytes(&sealed, &aad(id))
        .map_err(|_| Error::Internal("a job's report does not open with this key".into()))
}

/// On SQLite, marks jobs left `running` by a previous process as failed: only
/// one instance serves an SQLite database, so they cannot be running. Call
/// once at start-up.
pub async fn recover(app: &App) -> Result<u64> {
    if app.db.backend() != Backend::Sqlite {
        return Ok(0);
    }
    let mut tx = app.db.write().await?;
    let n = store::fail_running(&mut tx, app.now()).await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::{User, Via};
    use crate::{ManualClock, Settings};
    use gongjiang_domain::accounts::Role;
    use gongjiang_domain::ids::{AllianceId, UserId};

    async fn app(dir: &tempfile::TempDir) -> App {
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("jobs.db").display());
        let db = gongjiang_store::Db::connect(&url).await.unwrap();
        db.migrate().await.unwrap();
        App::new(
            db,
            Arc::new(ManualClock::new(Timestamp(1_750_000_000_000))),
            Settings::default(),
            crate::pii::Vault::from_master(&[7u8; 32]),
        )
    }

    fn someone() -> Actor {
        Actor::User {
            user: User {
                user_id: UserId::new(),
                login: "staff".into(),
                display_name: "员工".into(),
                org_id: OrgId::new(),
                org_kind: gongjiang_domain::members::OrgKind::Enterprise,
                role: Role::OrgAdmin,
                alliance_id: AllianceId::new(),
                via: Via::Session,
            },
            ip: "127.0.0.1".into(),
        }
    }

    #[tokio::test]
    async fn a_job_shows_live_progress_then_its_outcome_to_its_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(&dir).await;
        let owner = someone();
        let (go_tx, go_rx) = tokio::sync::oneshot::channel::<()>();
        let (staged_tx, staged_rx) = tokio::sync::oneshot::channel::<()>();
        let id = spawn(
            &app,
            &owner,
            "import.test",
            None,
            move |_app, progress| async move {
                progress.stage("validate", 10);
                progress.advance(4);
                let _ = staged_tx.send(());
                let _ = go_rx.await;
                Finish::Done(serde_json::json!({"created": 10}))
            },
        )
        .await
        .unwrap();
        staged_rx.await.unwrap();
        let running = get(&app, &owner, id).await.unwrap();
        assert_eq!(running.status, JobStatus::Running);
        assert_eq!(
            (
                running.progress.stage,
                running.progress.done,
                running.progress.total
            ),
            ("validate", 4, 10)
        );
        assert!(matches!(
            get(&app, &someone(), id).await,
            Err(Error::NotFound("job"))
        ));
        go_tx.send(()).unwrap();
        let done = wait(&app, &owner, id, Duration::from_secs(10))
            .await
            .unwrap();
        assert_eq!(done.status, JobStatus::Done);
        assert_eq!(done.outcome["created"], 10);
        assert!(done.finished_at.is_some());
    }

    #[tokio::test]
    async fn a_refused_job_keeps_its_report_sealed_and_a_panic_ends_as_failed() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(&dir).await;
        let owner = someone();
        let report_bytes = b"PK\x03\x04 report with 420102200603150010".to_vec();
        let expected = report_bytes.clone();
        let id = spawn(&app, &owner, "import.test", None, move |_, _| async move {
            Finish::Refused {
                outcome: serde_json::json!({"problems": 1}),
                artifact: Some(report_bytes),
            }
        })
        .await
        .unwrap();
        let refused = wait(&app, &owner, id, Duration::from_secs(10))
            .await
            .unwrap();
        assert_eq!(refused.status, JobStatus::Refused);
        assert!(refused.has_report);
        assert_eq!(report(&app, &owner, id).await.unwrap(), expected);
        assert!(report(&app, &someone(), id).await.is_err());
        // The stored copy does not show the identifier in clear.
        let mut conn = app.db.read().await.unwrap();
        let sealed = store::artifact(&mut conn, id).await.unwrap().unwrap();
        drop(conn);
        assert!(!sealed.contains("420102200603150010"));

        let boom = spawn(&app, &owner, "import.test", None, |_, _| async move {
            if Some(1).is_some() {
                panic!("a bug in the work");
            }
            Finish::Done(serde_json::Value::Null)
        })
        .await
        .unwrap();
        let failed = wait(&app, &owner, boom, Duration::from_secs(10))
            .await
            .unwrap();
        assert_eq!(failed.status, JobStatus::Failed);
        assert!(
            failed.outcome["error"]
                .as_str()
                .unwrap()
                .contains("stopped")
        );
    }

    #[tokio::test]
    async fn on_sqlite_a_job_left_running_by_another_process_is_interrupted() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(&dir).await;
        let owner = someone();
        let user = owner.user().unwrap().user_id;
        let id = JobId::new();
        let mut tx = app.db.write().await.unwrap();
        store::insert(&mut tx, id, "import.test", None, user, app.now())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            get(&app, &owner, id).await.unwrap().status,
            JobStatus::Interrupted
        );
        assert_eq!(recover(&app).await.unwrap(), 1);
        assert_eq!(
            get(&app, &owner, id).await.unwrap().status,
            JobStatus::Failed
        );
    }
}
