//! `gongjiang bench pages`: every page and API call a user reaches, measured
//! with `wrk` over real HTTP against the database given (the province demo:
//! `gongjiang demo --scale province`), side by side with a hello-world axum
//! handler served by the same process in the same run.
//!
//! The command opens the database as `serve --demo` would, serves the
//! platform and the hello handler on two loopback ports, signs in as each
//! demo persona, finds real ids through the API (a round, the last page of a
//! school's trainees, a certificate), then runs `wrk` on each address at each
//! connection count and prints one Markdown table: p50, p99, requests per
//! second, errors, and the ratio to the hello handler at the same count. The
//! process's peak memory (VmHWM) is printed last.

use super::{DbArgs, load_config, open, report};
use gongjiang_app::accounts;
use gongjiang_web::{AppState, WebConfig};
use std::net::SocketAddr;
use std::process::ExitCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Measure every page a user reaches, against a hello-world handler.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// Connection counts, comma-separated.
    #[arg(long, default_value = "16,64")]
    connections: String,
    /// Seconds of load per address and connection count.
    #[arg(long, default_value_t = 5)]
    seconds: u32,
    /// The load tool (Debian's `wrk`).
    #[arg(long, default_value = "wrk")]
    wrk: String,
    /// Only the addresses containing this text.
    #[arg(long)]
    only: Option<String>,
}

/// The demo personas' password (demo mode only).
const PASSWORD: &str = "gongjiang-demo";

/// One address to load, as whom.
struct Target {
    who: &'static str,
    path: String,
    cookie: Option<String>,
}

/// What `wrk` reported for one run.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Load {
    p50_ms: f64,
    p99_ms: f64,
    rps: f64,
    errors: u64,
}

/// Runs the command.
pub async fn run(args: Args) -> ExitCode {
    let config = match load_config(&args.db.overrides()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let counts: Vec<u32> = match args
        .connections
        .split(',')
        .map(|c| c.trim().parse::<u32>())
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(c) if !c.is_empty() && c.iter().all(|n| *n > 0) => c,
        _ => {
            eprintln!("--connections: a comma-separated list of positive numbers, e.g. 16,64");
            return ExitCode::from(super::INVALID);
        }
    };
    let app = match open(&config, true).await {
        Ok(a) => a,
        Err(code) => return code,
    };
    let state = AppState {
        app: app.clone(),
        web: WebConfig {
            secure_cookies: false,
            max_body_bytes: config.max_body_bytes,
            max_upload_bytes: 20 * 1024 * 1024,
        },
    };
    let (platform, hello) = match (bind().await, bind().await) {
        (Ok(p), Ok(h)) => (p, h),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("cannot listen on a loopback port: {e}");
            return ExitCode::from(1);
        }
    };
    let (platform_addr, hello_addr) = match (platform.local_addr(), hello.local_addr()) {
        (Ok(p), Ok(h)) => (p, h),
        _ => return ExitCode::from(1),
    };
    tokio::spawn(gongjiang_web::serve(
        platform,
        state,
        std::future::pending::<()>(),
    ));
    let hello_router = axum::Router::new().route("/", axum::routing::get(|| async { "hello" }));
    tokio::spawn(async move { axum::serve(hello, hello_router).await });

    let mut cookies = Vec::new();
    for login in [
        "secretariat",
        "school-admin",
        "teacher",
        "hr",
        "enterprise-admin",
        "trainee",
    ] {
        match accounts::sign_in(&app, login, PASSWORD, "127.0.0.1").await {
            Ok(s) => cookies.push((login, format!("gj_session={}", s.secret))),
            Err(e) => return report(&e),
        }
    }
    let cookie_of = |who: &str| {
        cookies
            .iter()
            .find(|(l, _)| *l == who)
            .map(|(_, c)| c.clone())
    };
    let targets = targets(platform_addr, &cookie_of).await;
    let targets: Vec<Target> = targets
        .into_iter()
        .filter(|t| {
            args.only
                .as_ref()
                .is_none_or(|o| t.path.contains(o.as_str()))
        })
        .collect();

    println!(
        "# bench pages: {} addresses × connections {:?}, {} s each; load average before: {}",
        targets.len(),
        counts,
        args.seconds,
        load_average()
    );
    let mut baseline = Vec::new();
    for &c in &counts {
        match wrk(&args, hello_addr, "/", None, c) {
            Ok(l) => baseline.push((c, l)),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(1);
            }
        }
    }
    println!();
    println!("| who | address | conns | p50 ms | p99 ms | req/s | errors | of hello |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|");
    for (c, l) in &baseline {
        println!(
            "| — | hello-world axum handler | {c} | {:.2} | {:.2} | {:.0} | {} | 100 % |",
            l.p50_ms, l.p99_ms, l.rps, l.errors
        );
    }
    for t in &targets {
        let (status, _) = match http_get(platform_addr, &t.path, t.cookie.as_deref()).await {
            Ok(a) => a,
            Err(e) => {
                eprintln!("{} {}: {e}", t.who, t.path);
                continue;
            }
        };
        if status != 200 {
            println!(
                "| {} | `{}` | — | — | — | — | HTTP {status} | — |",
                t.who, t.path
            );
            continue;
        }
        for (c, hello) in &baseline {
            match wrk(&args, platform_addr, &t.path, t.cookie.as_deref(), *c) {
                Ok(l) => println!(
                    "| {} | `{}` | {c} | {:.2} | {:.2} | {:.0} | {} | {:.1} % |",
                    t.who,
                    t.path,
                    l.p50_ms,
                    l.p99_ms,
                    l.rps,
                    l.errors,
                    100.0 * l.rps / hello.rps.max(1.0)
                ),
                Err(e) => eprintln!("{} {}: {e}", t.who, t.path),
            }
        }
    }
    println!();
    println!(
        "peak memory of the serving process (VmHWM): {}; load average after: {}",
        peak_memory(),
        load_average()
    );
    ExitCode::SUCCESS
}

async fn bind() -> std::io::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind("127.0.0.1:0").await
}

/// The addresses each persona reaches, with real ids found through the API.
async fn targets(addr: SocketAddr, cookie_of: &dyn Fn(&str) -> Option<String>) -> Vec<Target> {
    let json = |who: &'static str, path: &'static str| {
        let cookie = cookie_of(who);
        async move {
            match http_get(addr, path, cookie.as_deref()).await {
                Ok((200, body)) => serde_json::from_str::<serde_json::Value>(&body).ok(),
                _ => None,
            }
        }
    };
    let round = json("secretariat", "/api/v1/rounds")
        .await
        .and_then(|r| r["items"][0]["id"].as_str().map(String::from));
    let trainees = json("school-admin", "/api/v1/trainees").await;
    let last_page = trainees
        .as_ref()
        .map(|t| {
            let total = t["total"].as_u64().unwrap_or(0);
            let per = t["per_page"].as_u64().unwrap_or(50).max(1);
            total.div_ceil(per).max(1)
        })
        .unwrap_or(1);
    let verify = json("school-admin", "/api/v1/certificates")
        .await
        .and_then(|c| {
            c["items"][0]["credential_url"]
                .as_str()
                .map(|u| u.trim_end_matches("/credential.json").to_string())
        });
    let mut list: Vec<(&'static str, String)> = vec![
        ("public", "/healthz".into()),
        ("public", "/health/ready".into()),
        ("public", "/".into()),
        ("public", "/members".into()),
        ("secretariat", "/".into()),
        ("secretariat", "/members".into()),
        ("secretariat", "/demands".into()),
        ("secretariat", "/talent-gap".into()),
        ("secretariat", "/funnel".into()),
        ("secretariat", "/funnel?by=major".into()),
        ("secretariat", "/api/v1/funnel".into()),
        ("secretariat", "/rounds".into()),
        ("secretariat", "/admin/audit".into()),
        ("secretariat", "/admin/applications".into()),
        ("secretariat", "/internships".into()),
        ("secretariat", "/api/v1/demands".into()),
        ("secretariat", "/employment/alliance".into()),
        ("secretariat", "/employment/alliance?by=employer".into()),
        ("school-admin", "/".into()),
        ("school-admin", "/school".into()),
        ("school-admin", format!("/school?page={last_page}")),
        ("school-admin", "/api/v1/trainees".into()),
        ("school-admin", format!("/api/v1/trainees?page={last_page}")),
        ("school-admin", "/internships".into()),
        ("school-admin", "/employment".into()),
        ("school-admin", "/funnel".into()),
        ("school-admin", "/school/teachers".into()),
        ("school-admin", "/school?unplaced_by=2100".into()),
        ("teacher", "/internships".into()),
        ("teacher", "/evaluation".into()),
        ("hr", "/".into()),
        ("hr", "/demands".into()),
        ("hr", "/employment".into()),
        ("hr", "/funnel".into()),
        ("enterprise-admin", "/agreements".into()),
        ("trainee", "/".into()),
        ("trainee", "/me/record".into()),
    ];
    if let Some(r) = &round {
        for who in ["secretariat", "school-admin", "hr", "trainee"] {
            list.push((who, format!("/rounds/{r}")));
        }
        list.push(("secretariat", format!("/api/v1/rounds/{r}")));
    }
    if let Some(v) = verify {
        list.push(("public", v));
    }
    list.into_iter()
        .map(|(who, path)| Target {
            who,
            cookie: if who == "public" {
                None
            } else {
                cookie_of(who)
            },
            path,
        })
        .collect()
}

/// One GET over a fresh connection: the status and the body.
async fn http_get(
    addr: SocketAddr,
    path: &str,
    cookie: Option<&str>,
) -> std::io::Result<(u16, String)> {
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    let cookie = cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: */*\r\n{cookie}Connection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let chunked = head.lines().any(|l| {
        l.to_ascii_lowercase()
            .starts_with("transfer-encoding: chunked")
    });
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_string()
    };
    Ok((status, body))
}

/// The body of a chunked answer.
fn dechunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || after.len() < n {
            break;
        }
        out.push_str(&after[..n]);
        rest = after[n..].trim_start_matches("\r\n");
    }
    out
}

/// Runs `wrk` on one address.
fn wrk(
    args: &Args,
    addr: SocketAddr,
    path: &str,
    cookie: Option<&str>,
    connections: u32,
) -> Result<Load, String> {
    let mut cmd = std::process::Command::new(&args.wrk);
    cmd.arg("-t2")
        .arg(format!("-c{connections}"))
        .arg(format!("-d{}s", args.seconds))
        .arg("--latency")
        .arg("--timeout")
        .arg("10s");
    if let Some(c) = cookie {
        cmd.arg("-H").arg(format!("Cookie: {c}"));
    }
    cmd.arg(format!("http://{addr}{path}"));
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {} (apt-get install wrk): {e}", args.wrk))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).to_string());
    }
    parse_wrk(&String::from_utf8_lossy(&out.stdout))
        .ok_or_else(|| format!("cannot read wrk's report for {path}"))
}

/// Reads wrk's `--latency` report.
fn parse_wrk(text: &str) -> Option<Load> {
    let mut load = Load::default();
    let mut seen = (false, false, false);
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["50%", v] => {
                load.p50_ms = millis(v)?;
                seen.0 = true;
            }
            ["99%", v] => {
                load.p99_ms = millis(v)?;
                seen.1 = true;
            }
            ["Requests/sec:", v] => {
                load.rps = v.parse().ok()?;
                seen.2 = true;
            }
            ["Non-2xx", "or", "3xx", "responses:", n] => load.errors += n.parse::<u64>().ok()?,
            ["Socket", "errors:", rest @ ..] => {
                for pair in rest.chunks(2) {
                    if let [_, n] = pair {
                        load.errors += n.trim_end_matches(',').parse::<u64>().ok()?;
                    }
                }
            }
            _ => {}
        }
    }
    (seen == (true, true, true)).then_some(load)
}

/// `1.23ms`, `850.00us`, `1.02s`, `2.00m` as milliseconds.
fn millis(v: &str) -> Option<f64> {
    let (number, per_milli) = if let Some(n) = v.strip_suffix("us") {
        return n.parse::<f64>().ok().map(|n| n / 1000.0);
    } else if let Some(n) = v.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = v.strip_suffix('s') {
        (n, 1000.0)
    } else if let Some(n) = v.strip_suffix('m') {
        (n, 60_000.0)
    } else {
        return None;
    };
    number.parse::<f64>().ok().map(|n| n * per_milli)
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_wrks_latency_report() {
        let report = "Running 5s test @ http://127.0.0.1:1/\n  2 threads and 16 connections\n\
            \x20 Thread Stats   Avg      Stdev     Max   +/- Stdev\n\
            \x20   Latency   410.12us  120.00us   5.00ms   90.00%\n\
            \x20 Latency Distribution\n     50%  350.00us\n     75%  420.00us\n     90%  600.00us\n     99%    1.20ms\n\
            \x20 100000 requests in 5.00s, 10.00MB read\n\
            \x20 Socket errors: connect 0, read 2, write 0, timeout 1\n\
            \x20 Non-2xx or 3xx responses: 4\nRequests/sec:  20000.50\nTransfer/sec:      2.00MB\n";
        let load = parse_wrk(report).unwrap();
        assert_eq!(load.p50_ms, 0.35);
        assert_eq!(load.p99_ms, 1.2);
        assert_eq!(load.rps, 20000.5);
        assert_eq!(load.errors, 7);
        assert_eq!(
            parse_wrk("Requests/sec: 5\n"),
            None,
            "no latency, no figure"
        );
        assert_eq!(millis("1.50s"), Some(1500.0));
    }

    #[test]
    fn reads_a_chunked_body() {
        assert_eq!(
            dechunk("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
            "hello world"
        );
    }
}
