//! The store's contract: the same checks on SQLite and, when
//! GONGJIANG_TEST_DATABASE_URL names a PostgreSQL server, on PostgreSQL.

#![expect(
    clippy::unwrap_used,
    reason = "test set-up helpers panic when the environment is broken"
)]

use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::OrgId;
use gongjiang_domain::members::{OrgKind, Organization};
use gongjiang_store::audit::{self, NewEntry};
use gongjiang_store::members::{self, OrgSearch};
use gongjiang_store::{Backend, Db, Error};
use serde_json::json;

struct TestDb {
    db: Db,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl TestDb {
    async fn new() -> TestDb {
        match std::env::var("GONGJIANG_TEST_DATABASE_URL") {
            Ok(admin) if admin.starts_with("postgres") => {
                let (url, name) = gongjiang_store::testing::fresh_postgres(&admin)
                    .await
                    .unwrap();
                TestDb {
                    db: Db::connect(&url).await.unwrap(),
                    _dir: None,
                    pg: Some((admin, name)),
                }
            }
            _ => {
                let dir = tempfile::tempdir().unwrap();
                let db = Db::connect(&format!(
                    "sqlite://{}?mode=rwc",
                    dir.path().join("t.db").display()
                ))
                .await
                .unwrap();
                db.migrate().await.unwrap();
                TestDb {
                    db,
                    _dir: Some(dir),
                    pg: None,
                }
            }
        }
    }

    async fn finish(self) {
        self.db.close().await;
        if let Some((admin, name)) = self.pg {
            gongjiang_store::testing::drop_postgres(&admin, &name)
                .await
                .unwrap();
        }
    }
}

fn org(code: &str) -> Organization {
    Organization {
        id: OrgId::new(),
        kind: OrgKind::Enterprise,
        name: "示例电路有限公司".into(),
        other_names: vec![],
        short_name: String::new(),
        credit_code: code.into(),
        city: "黄石市".into(),
        district: String::new(),
        address: String::new(),
        website: String::new(),
        intro: String::new(),
        segments: vec!["pcb".into()],
        is_fictional: true,
        created_at: Timestamp(1),
        updated_at: Timestamp(1),
    }
}

fn search() -> OrgSearch {
    OrgSearch {
        keys: "示例电路有限公司 shilidianlu sldl".into(),
        sort_key: "shi li".into(),
    }
}

fn entry(action: &str) -> NewEntry {
    NewEntry {
        at: Timestamp(1_795_824_000_000),
        actor_user_id: None,
        actor_login: "system".into(),
        actor_org_id: None,
        actor_role: "system".into(),
        action: action.into(),
        object_type: "test".into(),
        object_id: "1".into(),
        object_org_id: None,
        before: json!(null),
        after: json!({"remark": "line one\nline two"}),
        ip: String::new(),
    }
}

#[test]
fn both_backends_have_the_same_migrations() {
    let names = |dir: &str| {
        let mut v: Vec<String> =
            std::fs::read_dir(format!("{}/migrations/{dir}", env!("CARGO_MANIFEST_DIR")))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
        v.sort();
        v
    };
    assert_eq!(names("sqlite"), names("postgres"));
    assert!(!names("sqlite").is_empty());
}

#[tokio::test]
async fn sqlite_connections_run_in_wal_mode_with_a_busy_timeout_and_foreign_keys() {
    let t = TestDb::new().await;
    if t.db.backend() == Backend::Sqlite {
        assert_eq!(t.db.sqlite_pragma("journal_mode").await.unwrap(), "wal");
        assert_eq!(t.db.sqlite_pragma("busy_timeout").await.unwrap(), "5000");
        assert_eq!(t.db.sqlite_pragma("foreign_keys").await.unwrap(), "1");
        assert_eq!(t.db.sqlite_pragma("synchronous").await.unwrap(), "1");
    }
    t.finish().await;
}

#[tokio::test]
async fn a_second_organisation_with_the_same_credit_code_is_a_named_conflict() {
    let t = TestDb::new().await;
    let mut tx = t.db.write().await.unwrap();
    members::insert_org(&mut tx, &org("91420200MA4K123458"), &search())
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.db.write().await.unwrap();
    let err = members::insert_org(&mut tx, &org("91420200MA4K123458"), &search())
        .await
        .unwrap_err();

    assert!(
        matches!(err, Error::Conflict(ref f) if f == "credit_code"),
        "{err:?}"
    );
    drop(tx);
    t.finish().await;
}

#[tokio::test]
async fn a_rolled_back_write_leaves_nothing_behind() {
    let t = TestDb::new().await;
    {
        let mut tx = t.db.write().await.unwrap();
        members::insert_org(&mut tx, &org("91420200MA4K123458"), &search())
            .await
            .unwrap();
        audit::append(&mut tx, t.db.backend(), &entry("x"))
            .await
            .unwrap();
        // dropped without commit
    }
    let mut conn = t.db.read().await.unwrap();
    assert!(
        members::org_by_credit_code(&mut conn, "91420200MA4K123458")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(audit::count(&mut conn).await.unwrap(), 0);
    drop(conn);
    t.finish().await;
}

#[tokio::test]
async fn concurrent_write_transactions_wait_for_each_other_instead_of_failing() {
    let t = TestDb::new().await;
    let mut handles = Vec::new();
    for i in 0..8 {
        let db = t.db.clone();
        handles.push(tokio::spawn(async move {
            let mut tx = db.write().await?;
            // Read, then write: the pattern that fails under deferred transactions in WAL mode.
            let mut conn_entry = entry("concurrent");
            conn_entry.object_id = i.to_string();
            audit::append(&mut tx, db.backend(), &conn_entry).await?;
            tx.commit().await.map_err(Error::from)
        }));
    }
    for h in handles {
        h.await.unwrap().unwrap();
    }
    let mut conn = t.db.read().await.unwrap();
    assert_eq!(audit::count(&mut conn).await.unwrap(), 8);
    assert_eq!(audit::verify(&mut conn).await.unwrap(), Ok(8));
    drop(conn);
    t.finish().await;
}

#[tokio::test]
async fn the_audit_log_refuses_updates_and_deletes() {
    let t = TestDb::new().await;
    let mut tx = t.db.write().await.unwrap();
    audit::append(&mut tx, t.db.backend(), &entry("a"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut conn = t.db.read().await.unwrap();

    let update = sqlx::query("UPDATE audit_log SET action = 'forged'")
        .execute(&mut *conn)
        .await;
    let delete = sqlx::query("DELETE FROM audit_log")
        .execute(&mut *conn)
        .await;

    assert!(update.unwrap_err().to_string().contains("append-only"));
    assert!(delete.unwrap_err().to_string().contains("append-only"));
    assert_eq!(audit::count(&mut conn).await.unwrap(), 1);
    drop(conn);
    t.finish().await;
}

#[tokio::test]
async fn verification_names_the_first_entry_edited_behind_the_triggers_back() {
    let t = TestDb::new().await;
    let mut tx = t.db.write().await.unwrap();
    for a in ["one", "two", "three"] {
        audit::append(&mut tx, t.db.backend(), &entry(a))
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let mut conn = t.db.read().await.unwrap();
    assert_eq!(audit::verify(&mut conn).await.unwrap(), Ok(3));
    match t.db.backend() {
        Backend::Sqlite => {
            sqlx::query("DROP TRIGGER audit_log_no_update")
                .execute(&mut *conn)
                .await
                .unwrap();
        }
        Backend::Postgres => {
            sqlx::query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update")
                .execute(&mut *conn)
                .await
                .unwrap();
        }
    }
    sqlx::query("UPDATE audit_log SET after_json = '{\"remark\":\"forged\"}' WHERE seq = 2")
        .execute(&mut *conn)
        .await
        .unwrap();

    assert_eq!(audit::verify(&mut conn).await.unwrap(), Err(2));
    drop(conn);
    t.finish().await;
}
