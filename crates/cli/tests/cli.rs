//! The `gongjiang` binary as a newcomer uses it: exit codes and messages.

#![expect(
    clippy::unwrap_used,
    reason = "test set-up helpers panic when the environment is broken"
)]

use std::io::Write;
use std::process::{Command, Stdio};

fn gongjiang(dir: &std::path::Path, args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongjiang"))
        .args(args)
        .arg("--data")
        .arg(dir)
        .env_remove("GONGJIANG_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run gongjiang");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn config_example_prints_a_commented_file() {
    let out = Command::new(env!("CARGO_BIN_EXE_gongjiang"))
        .args(["config", "example"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("listen = \"127.0.0.1:8080\"") && text.contains("password_policy"));
}

#[test]
fn the_first_admin_founds_the_alliance_and_the_audit_chain_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();

    let (code, _, err) = gongjiang(
        d,
        &["admin", "create", "--login", "mishuchu", "--name", "秘书处"],
        Some("a long pass phrase\n"),
    );
    assert_eq!(code, 3, "without an alliance the flags are required: {err}");
    assert!(err.contains("--alliance"));

    let founding = [
        "admin",
        "create",
        "--login",
        "mishuchu",
        "--name",
        "秘书处",
        "--alliance",
        "示例产教联盟",
        "--chair",
        "示例技师学院",
        "--chair-credit-code",
        "91350100M000100Y43",
        "--chair-city",
        "黄石市",
    ];
    let (code, out, err) = gongjiang(d, &founding, Some("12345678\n"));
    assert_eq!(code, 3, "a common password is refused: {out}{err}");
    assert!(err.contains("nothing changed"));
    let (code, _, _) = gongjiang(
        d,
        &["admin", "create", "--login", "x-admin", "--name", "某人"],
        Some("a long pass phrase\n"),
    );
    assert_eq!(code, 3, "the refused attempt founded nothing");
    let (code, out, err) = gongjiang(d, &founding, Some("a long pass phrase\n"));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("mishuchu"));

    let (code, out, err) = gongjiang(
        d,
        &["admin", "create", "--login", "second", "--name", "第二位"],
        Some("another long phrase\n"),
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = gongjiang(d, &["audit", "verify"], None);
    assert_eq!(code, 0);
    assert!(out.contains("intact"));
    let (code, _, err) = gongjiang(d, &["demo"], None);
    assert_eq!(code, 1, "the demo loads only into an empty database: {err}");
}

#[test]
fn demo_mode_refuses_a_network_address_without_the_explicit_flag() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = gongjiang(
        dir.path(),
        &["serve", "--demo", "--listen", "0.0.0.0:0"],
        None,
    );
    assert_eq!(code, 3);
    assert!(err.contains("--allow-demo-on-network"));
}

#[test]
fn a_bad_listen_address_is_a_configuration_error_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = gongjiang(dir.path(), &["serve", "--listen", "localhost"], None);
    assert_eq!(code, 3);
    assert!(err.contains("listen"));
}

#[test]
fn migrate_creates_the_database_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = gongjiang(dir.path(), &["migrate"], None);
    assert_eq!(code, 0);
    assert!(
        out.contains("migration(s) applied") && !out.contains(" 0 migration"),
        "{out}"
    );
    let (code, out, _) = gongjiang(dir.path(), &["migrate"], None);
    assert_eq!(code, 0);
    assert!(out.contains("0 migration"));
    assert!(dir.path().join("gongjiang.db").exists());
}

mod verify {
    use gongjiang_credentials::{IssuerKey, VerificationMethodId, example, issue};
    use std::process::Command;

    fn run(
        dir: &std::path::Path,
        credential: &str,
        key: &IssuerKey,
        extra: &[&str],
    ) -> (i32, String) {
        let file = dir.join("certificate.json");
        std::fs::write(&file, credential).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_gongjiang"))
            .arg("verify")
            .arg(&file)
            .args([
                "--public-key",
                &key.public_multibase(),
                "--kid",
                key.id().as_str(),
            ])
            .args(if extra.is_empty() {
                &["--at", "2026-11-28T08:00:00+08:00"][..]
            } else {
                extra
            })
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    }

    fn signed() -> String {
        let issued_at = time::macros::datetime!(2025-06-30 10:00 +8);
        let credential = issue(
            &example::claims().unwrap(),
            &example::school_key().unwrap(),
            issued_at,
        )
        .unwrap();
        serde_json::to_string_pretty(&credential).unwrap()
    }

    #[test]
    fn a_signed_certificate_verifies_offline_with_the_issuers_key() {
        let dir = tempfile::tempdir().unwrap();
        let (code, out) = run(dir.path(), &signed(), &example::school_key().unwrap(), &[]);
        assert_eq!(code, 0, "{out}");
    }

    #[test]
    fn a_tampered_certificate_a_wrong_key_and_an_expired_one_each_fail_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let key = example::school_key().unwrap();
        let tampered = signed().replacen("电子专用设备装调工", "高级技师", 1);
        let (code, out) = run(dir.path(), &tampered, &key, &[]);
        assert_eq!(code, 2, "{out}");
        assert!(out.to_lowercase().contains("signature"), "{out}");

        let other = IssuerKey::generate(
            [7; 32],
            VerificationMethodId::parse(&format!("{}#key-1", example::SCHOOL)).unwrap(),
        );
        let (code, out) = run(dir.path(), &signed(), &other, &[]);
        assert_eq!(code, 2, "{out}");

        let (code, out) = run(
            dir.path(),
            &signed(),
            &key,
            &["--at", "2031-01-01T00:00:00+08:00"],
        );
        assert_eq!(code, 2, "{out}");
        assert!(
            out.to_lowercase().contains("expired") || out.contains("过期"),
            "{out}"
        );
    }
}

#[test]
fn import_from_the_command_line_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let founding = [
        "admin",
        "create",
        "--login",
        "mishuchu",
        "--name",
        "秘书处",
        "--alliance",
        "示例产教联盟",
        "--chair",
        "示例技师学院",
        "--chair-credit-code",
        "91350100M000100Y43",
        "--chair-city",
        "黄石市",
    ];
    let (code, out, _) = gongjiang(d, &founding, Some("a long pass phrase\n"));
    assert_eq!(code, 0);
    let org = out
        .split("chair unit id: ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let file = d.join("roster.csv");
    let path = file.to_str().unwrap().to_string();

    std::fs::write(
        &file,
        "姓名,身份证号,个人信息处理目的\n张三,42010220060315001X,学籍管理\n李四,123,学籍管理\n",
    )
    .unwrap();
    let (code, _, err) = gongjiang(d, &["import", "trainees", &path, "--org", &org], None);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("第 3 行 id_number"), "{err}");

    std::fs::write(
        &file,
        "姓名,身份证号,个人信息处理目的\n张三,42010220060315001X,学籍管理\n",
    )
    .unwrap();
    let (code, out, err) = gongjiang(d, &["import", "trainees", &path, "--org", &org], None);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("1 created, 0 updated"),
        "the refused file stored nothing: {out}"
    );
    assert!(
        err.contains("保存 store") && err.contains("100% 1/1"),
        "a progress bar is drawn on standard error: {err}"
    );

    // The school's other records import the same way.
    let majors = d.join("majors.csv");
    std::fs::write(
        &majors,
        "专业代码,专业名称,层次,学制（年）,年招生人数,对应职业编码\n0601-02,电子技术应用,高级工,3,90,\n0601-03,光电技术,预备技师,5,40,\n",
    )
    .unwrap();
    let majors = majors.to_str().unwrap().to_string();
    let (code, out, err) = gongjiang(d, &["import", "majors", &majors, "--org", &org], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 created, 0 updated"), "{out}");
    let (code, out, _) = gongjiang(d, &["import", "majors", &majors, "--org", &org], None);
    assert_eq!(code, 0);
    assert!(
        out.contains("0 created, 2 updated"),
        "re-importing updates: {out}"
    );

    // Member units are imported as the secretariat, without --org, matched by credit code.
    let units = d.join("units.csv");
    std::fs::write(
        &units,
        "单位名称,单位类型,统一社会信用代码,城市\n示例技师学院,技工院校,91350100M000100Y43,黄石市\n示例企业,企业,91350100M000100Y44,黄石市\n",
    )
    .unwrap();
    let units_path = units.to_str().unwrap().to_string();
    let (code, _, err) = gongjiang(d, &["import", "organizations", &units_path], None);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("第 3 行 credit_code"), "{err}");
    std::fs::write(
        &units,
        "单位名称,单位类型,统一社会信用代码,城市\n示例技师学院,技工院校,91350100M000100Y43,武汉市\n",
    )
    .unwrap();
    let (code, out, err) = gongjiang(d, &["import", "organizations", &units_path], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0 created, 1 updated"), "{out}");
    // Demand belongs to enterprises: the chair here is a school.
    let demand = d.join("demand.csv");
    std::fs::write(
        &demand,
        "岗位,类型,技能等级,人数,城市,开始日期\n测试岗位,就业,level4,2,黄石市,2026-07-01\n",
    )
    .unwrap();
    let demand = demand.to_str().unwrap().to_string();
    let (code, _, _) = gongjiang(d, &["import", "demand", &demand, "--org", &org], None);
    assert_ne!(code, 0, "a school imports no demand");
    let (code, _, err) = gongjiang(d, &["import", "demand", &demand], None);
    assert_eq!(code, 3, "demand needs --org: {err}");
}

#[test]
fn a_backup_is_a_working_database_with_the_same_audit_chain() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let founding = [
        "admin",
        "create",
        "--login",
        "mishuchu",
        "--name",
        "秘书处",
        "--alliance",
        "示例产教联盟",
        "--chair",
        "示例技师学院",
        "--chair-credit-code",
        "91350100M000100Y43",
        "--chair-city",
        "黄石市",
    ];
    assert_eq!(gongjiang(d, &founding, Some("a long pass phrase\n")).0, 0);
    let copy = d.join("backup.db");
    let (code, out, err) = gongjiang(d, &["backup", "--to", copy.to_str().unwrap()], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("pii.key"), "the key is mentioned: {out}");
    let restored = tempfile::tempdir().unwrap();
    std::fs::copy(&copy, restored.path().join("gongjiang.db")).unwrap();
    let (code, out, _) = gongjiang(restored.path(), &["audit", "verify"], None);
    assert_eq!(code, 0);
    assert!(out.contains("intact"));
    let (code, _, _) = gongjiang(d, &["backup", "--to", copy.to_str().unwrap()], None);
    assert_eq!(code, 3, "an existing file is not overwritten");
}
