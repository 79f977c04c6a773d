//! Configuration: one typed struct, read in layers — defaults, then
//! `gongjiang.toml` (or `--config FILE`), then `GONGJIANG_*` environment
//! variables, then command-line flags. Validated once; a bad key is named.

use gongjiang_domain::accounts::PasswordPolicy;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Everything the server needs, read once at start-up.
#[derive(Clone)]
pub struct Config {
    /// `sqlite://…` (default, under the data directory) or `postgres://…`.
    pub database_url: String,
    /// Where the embedded database and other files live.
    pub data_dir: PathBuf,
    /// Address to listen on.
    pub listen: SocketAddr,
    /// The address people use (e.g. `https://gongjiang.example.edu.cn`); `https` turns on `Secure` cookies.
    pub public_url: String,
    /// `asvs` (default) or `mlps` (等保 2.0 composition rules).
    pub password_policy: PasswordPolicy,
    /// Minutes of inactivity that end a session.
    pub session_idle_minutes: i64,
    /// Hours after which a session ends regardless.
    pub session_absolute_hours: i64,
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
    /// Thresholds of the placement rounds' eligibility rules and intern caps.
    pub round_rules: gongjiang_domain::rounds::RoundRules,
    /// Thresholds of the internship rules checked before an internship starts.
    pub internship_rules: gongjiang_domain::training::InternshipRules,
    /// The mail server notifications go through (`[mail]`); none: no e-mail.
    pub mail: Option<gongjiang_app::notifications::delivery::MailSettings>,
    /// Hosts a unit's chat-group robot may be on.
    pub webhook_hosts: Vec<String>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact(&self.database_url))
            .field("data_dir", &self.data_dir)
            .field("listen", &self.listen)
            .field("public_url", &self.public_url)
            .field("password_policy", &self.password_policy)
            .finish_non_exhaustive()
    }
}

/// Hides the password in a database URL (`postgres://user:***@host/db`).
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// The file layer: every key optional.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileLayer {
    database_url: Option<String>,
    data_dir: Option<PathBuf>,
    listen: Option<String>,
    public_url: Option<String>,
    password_policy: Option<String>,
    session_idle_minutes: Option<i64>,
    session_absolute_hours: Option<i64>,
    max_body_bytes: Option<usize>,
    round_min_intern_age: Option<i64>,
    round_min_work_age: Option<i64>,
    round_host_intern_percent: Option<i64>,
    round_post_intern_percent: Option<i64>,
    internship_pay_percent: Option<i64>,
    internship_max_daily_hours: Option<i64>,
    internship_max_weekly_hours: Option<i64>,
    internship_host_intern_percent: Option<i64>,
    internship_post_intern_percent: Option<i64>,
    internship_ratio_hard: Option<bool>,
    internship_min_months: Option<i64>,
    internship_typical_months: Option<i64>,
    internship_max_months: Option<i64>,
    webhook_hosts: Option<Vec<String>>,
    mail: Option<gongjiang_app::notifications::delivery::MailSettings>,
}

/// Overrides from the command line.
#[derive(Default, Clone)]
pub struct Overrides {
    /// `--config`.
    pub config_file: Option<PathBuf>,
    /// `--database-url`.
    pub database_url: Option<String>,
    /// `--data`.
    pub data_dir: Option<PathBuf>,
    /// `--listen`.
    pub listen: Option<String>,
}

/// A configuration problem, naming the key.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    /// Loads the layers.
    pub fn load(overrides: &Overrides) -> Result<Config, ConfigError> {
        let file_path = overrides.config_file.clone().or_else(|| {
            let default = PathBuf::from("gongjiang.toml");
            default.exists().then_some(default)
        });
        let file: FileLayer = match &file_path {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| ConfigError(format!("cannot read {}: {e}", path.display())))?;
                toml::from_str(&text)
                    .map_err(|e| ConfigError(format!("{}: {e}", path.display())))?
            }
            None => FileLayer::default(),
        };
        let data_dir = overrides
            .data_dir
            .clone()
            .or_else(|| env("GONGJIANG_DATA_DIR").map(PathBuf::from))
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from("data"));
        let database_url = overrides
            .database_url
            .clone()
            .or_else(|| env("GONGJIANG_DATABASE_URL"))
            .or(file.database_url)
            .unwrap_or_else(|| {
                format!(
                    "sqlite://{}?mode=rwc",
                    data_dir.join("gongjiang.db").display()
                )
            });
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres:")
            || database_url.starts_with("postgresql:"))
        {
            return Err(ConfigError(format!(
                "database_url must start with sqlite:// or postgres:// (got {})",
                redact(&database_url)
            )));
        }
        let listen_text = overrides
            .listen
            .clone()
            .or_else(|| env("GONGJIANG_LISTEN"))
            .or(file.listen)
            .unwrap_or_else(|| "127.0.0.1:8080".into());
        let listen = listen_text.parse().map_err(|_| {
            ConfigError(format!(
                "listen: not an address with a port: {listen_text:?} (e.g. 127.0.0.1:8080)"
            ))
        })?;
        let policy_text = env("GONGJIANG_PASSWORD_POLICY")
            .or(file.password_policy)
            .unwrap_or_else(|| "asvs".into());
        let password_policy = PasswordPolicy::parse(&policy_text).map_err(|_| {
            ConfigError(format!(
                "password_policy must be \"asvs\" or \"mlps\" (got {policy_text:?})"
            ))
        })?;
        let number = |key: &str,
                      file_value: Option<i64>,
                      default: i64,
                      min: i64,
                      max: i64|
         -> Result<i64, ConfigError> {
            let value = match env(&format!("GONGJIANG_{}", key.to_uppercase())) {
                Some(text) => text
                    .parse()
                    .map_err(|_| ConfigError(format!("{key}: not a whole number: {text:?}")))?,
                None => file_value.unwrap_or(default),
            };
            if value < min || value > max {
                return Err(ConfigError(format!(
                    "{key} must be between {min} and {max} (got {value})"
                )));
            }
            Ok(value)
        };
        Ok(Config {
            database_url,
            data_dir,
            listen,
            public_url: env("GONGJIANG_PUBLIC_URL")
                .or(file.public_url)
                .unwrap_or_default(),
            password_policy,
            session_idle_minutes: number(
                "session_idle_minutes",
                file.session_idle_minutes,
                30,
                5,
                24 * 60,
            )?,
            session_absolute_hours: number(
                "session_absolute_hours",
                file.session_absolute_hours,
                12,
                1,
                24 * 7,
            )?,
            max_body_bytes: usize::try_from(number(
                "max_body_bytes",
                file.max_body_bytes.and_then(|v| i64::try_from(v).ok()),
                1024 * 1024,
                16 * 1024,
                64 * 1024 * 1024,
            )?)
            .unwrap_or(1024 * 1024),
            round_rules: {
                let d = gongjiang_domain::rounds::RoundRules::default();
                let value = |key: &str, file: Option<i64>, default: u32, min: i64, max: i64| {
                    number(key, file, i64::from(default), min, max)
                        .map(|v| u32::try_from(v).unwrap_or(default))
                };
                gongjiang_domain::rounds::RoundRules {
                    min_intern_age: value(
                        "round_min_intern_age",
                        file.round_min_intern_age,
                        d.min_intern_age,
                        14,
                        18,
                    )?,
                    min_work_age: value(
                        "round_min_work_age",
                        file.round_min_work_age,
                        d.min_work_age,
                        14,
                        18,
                    )?,
                    host_intern_percent: value(
                        "round_host_intern_percent",
                        file.round_host_intern_percent,
                        d.host_intern_percent,
                        0,
                        100,
                    )?,
                    post_intern_percent: value(
                        "round_post_intern_percent",
                        file.round_post_intern_percent,
                        d.post_intern_percent,
                        0,
                        100,
                    )?,
                }
            },
            internship_rules: {
                let d = gongjiang_domain::training::InternshipRules::default();
                let value = |key: &str, file: Option<i64>, default: u32, min: i64, max: i64| {
                    number(key, file, i64::from(default), min, max)
                        .map(|v| u32::try_from(v).unwrap_or(default))
                };
                gongjiang_domain::training::InternshipRules {
                    pay_percent: value(
                        "internship_pay_percent",
                        file.internship_pay_percent,
                        d.pay_percent,
                        0,
                        100,
                    )?,
                    max_daily_hours: value(
                        "internship_max_daily_hours",
                        file.internship_max_daily_hours,
                        d.max_daily_hours,
                        1,
                        24,
                    )?,
                    max_weekly_hours: value(
                        "internship_max_weekly_hours",
                        file.internship_max_weekly_hours,
                        d.max_weekly_hours,
                        1,
                        168,
                    )?,
                    host_intern_percent: value(
                        "internship_host_intern_percent",
                        file.internship_host_intern_percent,
                        d.host_intern_percent,
                        0,
                        100,
                    )?,
                    post_intern_percent: value(
                        "internship_post_intern_percent",
                        file.internship_post_intern_percent,
                        d.post_intern_percent,
                        0,
                        100,
                    )?,
                    ratio_hard: match env("GONGJIANG_INTERNSHIP_RATIO_HARD") {
                        Some(v) => match v.trim() {
                            "true" | "1" => true,
                            "false" | "0" => false,
                            _ => {
                                return Err(ConfigError(format!(
                                    "internship_ratio_hard: expected true or false, got {v:?}"
                                )));
                            }
                        },
                        None => file.internship_ratio_hard.unwrap_or(d.ratio_hard),
                    },
                    min_months: value(
                        "internship_min_months",
                        file.internship_min_months,
                        d.min_months,
                        0,
                        60,
                    )?,
                    typical_months: value(
                        "internship_typical_months",
                        file.internship_typical_months,
                        d.typical_months,
                        1,
                        60,
                    )?,
                    max_months: value(
                        "internship_max_months",
                        file.internship_max_months,
                        d.max_months,
                        1,
                        60,
                    )?,
                    ..d
                }
            },
            mail: match file.mail {
                Some(mut m) => {
                    if let Some(p) = env("GONGJIANG_MAIL_PASSWORD") {
                        m.password = p;
                    }
                    if m.host.trim().is_empty() || m.from.trim().is_empty() {
                        return Err(ConfigError("[mail]: host and from must be set".into()));
                    }
                    if m.security == gongjiang_app::notifications::delivery::Security::None
                        && !matches!(m.host.as_str(), "127.0.0.1" | "localhost" | "::1")
                    {
                        return Err(ConfigError(
                            "[mail] security = \"none\" is only allowed for a relay on this machine (127.0.0.1)".into(),
                        ));
                    }
                    Some(m)
                }
                None => None,
            },
            webhook_hosts: file
                .webhook_hosts
                .unwrap_or_else(|| vec!["qyapi.weixin.qq.com".to_string()]),
        })
    }

    /// True for the embedded database.
    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }
}

/// The commented example printed by `gongjiang config example`.
pub const EXAMPLE: &str = r#"# gongjiang.toml — every key is optional; the values shown are the defaults.
# Each key can also be set by an environment variable GONGJIANG_<KEY> (upper case),
# and some by flags (--database-url, --data, --listen). Flags win over the
# environment, which wins over this file.

# Embedded SQLite under data_dir (default), or PostgreSQL for a province:
#   database_url = "postgres://gongjiang:secret@127.0.0.1:5432/gongjiang"
# database_url = "sqlite://data/gongjiang.db?mode=rwc"

# Where the embedded database lives.
data_dir = "data"

# Address and port to listen on. Use 0.0.0.0:8080 to serve the school intranet.
listen = "127.0.0.1:8080"

# The address people type. An https:// address turns on Secure cookies with the
# __Host- prefix (put a TLS-terminating proxy in front).
public_url = ""

# Password rules: "asvs" (OWASP ASVS 5: at least 8 characters, no common or
# context words, no composition rules) or "mlps" (等保 2.0: additionally three of
# upper case, lower case, digits and symbols).
password_policy = "asvs"

# A session ends after this many idle minutes, and after this many hours in any case.
session_idle_minutes = 30
session_absolute_hours = 12

# Largest accepted request body, in bytes.
max_body_bytes = 1048576

# Placement rounds (reference §9.1): the youngest age at the start of a
# position internship (INT-02) and of an apprenticeship or a job; position
# interns may not exceed these percentages of a host's in-service staff and of
# one post's staff (INT-08; some provinces say "generally").
round_min_intern_age = 16
round_min_work_age = 16
round_host_intern_percent = 10
round_post_intern_percent = 20

# Internships (reference §9.1), checked before an internship starts: pay at
# least this percentage of the same post's wage (INT-06); at most these hours
# a day and a week (INT-05); position interns of all schools at most these
# percentages of a host's and of a post's in-service staff (INT-08; set
# internship_ratio_hard = false where the province says "generally" to warn
# instead of block); warn below min and above typical months, block above max
# months (INT-09).
internship_pay_percent = 80
internship_max_daily_hours = 8
internship_max_weekly_hours = 40
internship_host_intern_percent = 10
internship_post_intern_percent = 20
internship_ratio_hard = true
internship_min_months = 3
internship_typical_months = 6
internship_max_months = 12

# Hosts a unit's chat-group robot (企业微信群机器人) may post to.
webhook_hosts = ["qyapi.weixin.qq.com"]

# Notifications by e-mail (each person chooses on their 通知 page). Without a
# [mail] table nothing is sent by mail. security: "starttls" (port 587),
# "tls" (port 465), or "none" (only for a relay on 127.0.0.1). The password
# can come from GONGJIANG_MAIL_PASSWORD instead.
# [mail]
# host = "smtp.example.edu.cn"
# port = 587
# security = "starttls"
# username = "gongjiang@example.edu.cn"
# password = ""
# from = "工匠平台 <gongjiang@example.edu.cn>"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_password_never_shows_in_debug_output() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/gj"),
            "postgres://app:***@db:5432/gj"
        );
        assert_eq!(
            redact("sqlite://data/gongjiang.db?mode=rwc"),
            "sqlite://data/gongjiang.db?mode=rwc"
        );
    }

    #[test]
    fn the_printed_example_parses_as_a_valid_configuration_file() {
        let parsed: FileLayer = toml::from_str(EXAMPLE).unwrap();
        assert_eq!(parsed.listen.as_deref(), Some("127.0.0.1:8080"));
        assert_eq!(parsed.password_policy.as_deref(), Some("asvs"));
        assert_eq!(parsed.round_host_intern_percent, Some(10));
    }

    #[test]
    fn an_unknown_key_in_the_file_is_named() {
        let err = toml::from_str::<FileLayer>("lisen = \"x\"")
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("lisen"), "{err}");
    }
}
