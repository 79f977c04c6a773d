//! `gongjiang serve`: run the web server until Ctrl-C or SIGTERM.

use super::{DbArgs, INVALID, load_config, open, report};
use gongjiang_app::{accounts, members};
use gongjiang_web::{AppState, WebConfig};
use std::process::ExitCode;

/// Start the web server.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// Address to listen on (default 127.0.0.1:8080).
    #[arg(long, value_name = "ADDR")]
    listen: Option<String>,
    /// Demo mode: load the demo alliance on first start and allow the demo accounts.
    #[arg(long)]
    demo: bool,
    /// Allow --demo on a non-loopback address (demo passwords are public).
    #[arg(long, requires = "demo")]
    allow_demo_on_network: bool,
}

/// Runs the command.
pub async fn run(args: Args) -> ExitCode {
    let mut overrides = args.db.overrides();
    overrides.listen = args.listen.clone();
    let config = match load_config(&overrides) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if args.demo && !config.listen.ip().is_loopback() && !args.allow_demo_on_network {
        eprintln!(
            "演示模式的账号密码是公开的，默认只监听本机地址。如确需在网络上演示，请加 --allow-demo-on-network。\n\
             Demo passwords are public, so --demo listens on loopback only; add --allow-demo-on-network to override."
        );
        return ExitCode::from(INVALID);
    }
    let app = match open(&config, args.demo).await {
        Ok(a) => a,
        Err(code) => return code,
    };
    // On SQLite, a job left running by a previous process was interrupted.
    match gongjiang_app::jobs::recover(&app).await {
        Ok(0) => {}
        Ok(n) => {
            eprintln!("{n} 个未完成的后台任务已标记为中断 / {n} interrupted jobs marked as failed")
        }
        Err(e) => return report(&e),
    }
    // Trainees written before their search keys were kept get them now.
    match gongjiang_app::supply::fill_search_keys(&app).await {
        Ok(0) => {}
        Ok(n) => println!("已为 {n} 名学员建立拼音检索 / search keys filled for {n} trainees"),
        Err(e) => return report(&e),
    }
    let has_alliance = match members::has_alliance(&app).await {
        Ok(h) => h,
        Err(e) => return report(&e),
    };
    if args.demo && !has_alliance {
        let scale = gongjiang_app::demo_scale::Scale::Alliance;
        match gongjiang_app::demo_scale::load(&app, scale, 20_231_201).await {
            Ok((l, r)) => println!(
                "已载入演示联盟 / demo alliance loaded: {} members, {} applications, {} trainees, {} demands.",
                l.members, l.applications, r.trainees, r.demands
            ),
            Err(e) => return report(&e),
        }
    }
    let listener = match tokio::net::TcpListener::bind(config.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {}: {e}", config.listen);
            return ExitCode::from(1);
        }
    };
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| config.listen.to_string());
    println!("工匠 Gongjiang 正在运行 / running at http://{address}/");
    if args.demo {
        super::demo::print_accounts();
    } else {
        match accounts::count_users(&app).await {
            Ok(0) => println!(
                "尚无账号。请运行 `gongjiang admin create --help` 查看如何创建首个秘书处管理员。\n\
                 No accounts yet: see `gongjiang admin create --help` to create the first secretariat administrator."
            ),
            Ok(_) => {}
            Err(e) => return report(&e),
        }
    }
    let state = AppState {
        app: app.clone(),
        web: WebConfig {
            secure_cookies: config.public_url.starts_with("https://"),
            max_body_bytes: config.max_body_bytes,
            max_upload_bytes: 20 * 1024 * 1024,
        },
    };
    // Notifications leave by the outbox; reminders nobody's action raises
    // come from the sweep, every ten minutes.
    let worker = match gongjiang_app::notifications::delivery::spawn(
        app.clone(),
        std::sync::Arc::new(gongjiang_web::NotificationWords),
        std::time::Duration::from_secs(5),
    ) {
        Ok(w) => w,
        Err(e) => return report(&e),
    };
    let sweeper = {
        let app = app.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
            loop {
                tick.tick().await;
                if let Err(e) = gongjiang_app::notifications::sweep::sweep(&app).await {
                    tracing::warn!(error = %e, "reminder sweep failed");
                }
            }
        })
    };
    let result = gongjiang_web::serve(listener, state, shutdown_signal()).await;
    worker.abort();
    sweeper.abort();
    app.db.close().await;
    match result {
        Ok(()) => {
            println!("已停止 / stopped.");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("server error: {e}");
            ExitCode::from(1)
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
