//! Gongjiang's use cases, one module per area, and the one place where
//! permissions are decided.
//!
//! Every function takes the [`App`] (database, clock, settings), the acting
//! [`Actor`](actor::Actor) and its input, checks the actor's permission through
//! the policy table in [`policy`], applies the domain rules, and writes the
//! change together with its audit entry in one transaction. The web pages, the
//! JSON API and the CLI all call these functions, so a rule lives once.
//!
//! The areas: [`members`] (applications, review, roster), [`accounts`]
//! (sign-in, sessions, invitations, tokens), [`catalogues`] (industry-chain
//! segments, occupations), [`supply`] (majors, cohorts, trainees), [`demand`]
//! (talent demand), [`imports`] (all-or-nothing sheet imports), [`rounds`]
//! (placement rounds), [`training`] (work-study structure, learning records,
//! internships), [`employment`] (records, follow-ups, the trainee's path, the
//! funnel), [`evaluation`] (skill evaluation), [`certificates`] (signed
//! credentials), [`cooperation`] (school–enterprise agreements), [`audit`]
//! (the audit log), [`jobs`] (background work) and [`demo`] (the demo data).
//! The kits they share are files beside them: [`actor`], [`clock`], [`error`],
//! [`passwords`], [`pii`], [`policy`], [`progress`] and [`exports`].
//!
//! Layout: every area is a folder `src/<area>/`, named as in every other
//! crate, whose files follow the area's data flow (one topic each, none much
//! past 800 lines) and whose `mod.rs` re-exports their public items, so a
//! caller always writes `gongjiang_app::<area>::item`.

pub mod accounts;
pub mod actor;
pub mod aggregates;
pub mod audit;
pub mod catalogues;
pub mod certificates;
pub mod clock;
pub mod cooperation;
pub mod demand;
pub mod demo;
pub mod employment;
pub mod error;
pub mod evaluation;
pub mod exports;
pub mod imports;
pub mod jobs;
pub mod members;
pub mod notifications;
pub mod passwords;
pub mod pii;
pub mod policy;
pub mod privacy;
pub mod progress;
pub mod rounds;
pub mod supply;
pub mod training;

pub use actor::Actor;
pub use clock::{Clock, ManualClock, SystemClock};
pub use demo::scale as demo_scale;
pub use error::{Error, Result};
pub use gongjiang_store::{Db, Readiness};

use gongjiang_domain::accounts::PasswordPolicy;
use std::sync::Arc;

/// Settings the use cases need (a subset of the server's configuration).
#[derive(Debug, Clone)]
pub struct Settings {
    /// True when serving the demo: demo accounts may sign in.
    pub demo_mode: bool,
    /// Which password rules apply to new passwords.
    pub password_policy: PasswordPolicy,
    /// Minutes of inactivity after which a session ends.
    pub session_idle_minutes: i64,
    /// Hours after which a session ends however active it is.
    pub session_absolute_hours: i64,
    /// Days an invitation link stays valid.
    pub invitation_days: i64,
    /// Thresholds of the placement rounds' eligibility rules and intern caps.
    pub round_rules: gongjiang_domain::rounds::RoundRules,
    /// Thresholds of the internship rules INT-01…INT-14 (checked before an internship starts).
    pub internship_rules: gongjiang_domain::training::InternshipRules,
    /// The address people use (`https://gongjiang.example`): certificates'
    /// verify links, issuers' did:web identifiers and status lists are made from it.
    pub public_url: String,
    /// Pass mark of every assessed part of a skill evaluation (SKL-04), out of 100.
    pub evaluation_pass_mark: i64,
    /// How long, after a change, a costly aggregate (the alliance's funnel)
    /// may still be served as counted before it is recounted in the
    /// background; 0 recounts at once (`app::aggregates`).
    pub aggregate_fresh_seconds: i64,
    /// The mail server notifications are sent through; none: no e-mail.
    pub mail: Option<notifications::delivery::MailSettings>,
    /// Hosts a unit's chat-group robot may be on (企业微信's by default).
    pub webhook_hosts: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            demo_mode: false,
            password_policy: PasswordPolicy::Asvs,
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            invitation_days: 7,
            round_rules: gongjiang_domain::rounds::RoundRules::default(),
            internship_rules: gongjiang_domain::training::InternshipRules::default(),
            public_url: "https://gongjiang.example".into(),
            evaluation_pass_mark: 60,
            aggregate_fresh_seconds: 0,
            mail: None,
            webhook_hosts: vec!["qyapi.weixin.qq.com".into()],
        }
    }
}

/// Everything a use case needs: the database, the clock and the settings.
#[derive(Clone)]
pub struct App {
    /// The database.
    pub db: Db,
    /// The clock (a manual one in tests).
    pub clock: Arc<dyn Clock>,
    /// Settings.
    pub settings: Settings,
    /// Bounds concurrent password hashing (argon2 uses 19 MiB each).
    pub hashing: passwords::Hasher,
    /// Seals and indexes personal identifiers.
    pub vault: pii::Vault,
    /// The jobs this instance is running.
    pub jobs: jobs::Running,
    /// The talent funnels as last counted, by scope and grouping.
    pub funnels: aggregates::Kept<employment::Funnel>,
    /// The alliance's employment by school or employer, as last counted, by
    /// grouping and day.
    pub alliance_employment: aggregates::Kept<employment::AllianceEmployment>,
    /// The talent gap as last counted, by year.
    pub talent_gaps: aggregates::Kept<Vec<demand::GapLine>>,
    /// The whole roster in its order, as last read.
    pub rosters: aggregates::Kept<Vec<gongjiang_store::members::RosterEntry>>,
    /// The alliance's id once read (it never changes; see
    /// [`members::alliance_id`]).
    pub alliance_id: Arc<std::sync::OnceLock<gongjiang_domain::ids::AllianceId>>,
    /// The skill ladder, occupations and segments, as last read.
    pub catalogues: aggregates::Kept<demand::Catalogues>,
    /// The cities of the demand board's city filter, by draft scope.
    pub demand_cities: aggregates::Kept<Vec<String>>,
    /// How many demands the board shows unfiltered, by draft scope.
    pub demand_totals: aggregates::Kept<i64>,
}

impl App {
    /// Builds the application over an open, migrated database.
    pub fn new(db: Db, clock: Arc<dyn Clock>, settings: Settings, vault: pii::Vault) -> App {
        App {
            db,
            clock,
            settings,
            hashing: passwords::Hasher::new(2),
            vault,
            jobs: jobs::Running::default(),
            funnels: aggregates::Kept::default(),
            alliance_employment: aggregates::Kept::default(),
            talent_gaps: aggregates::Kept::default(),
            rosters: aggregates::Kept::exact(),
            alliance_id: Arc::default(),
            catalogues: aggregates::Kept::exact(),
            demand_cities: aggregates::Kept::exact(),
            demand_totals: aggregates::Kept::exact(),
        }
    }

    /// Now, by the application's clock.
    pub fn now(&self) -> gongjiang_domain::Timestamp {
        self.clock.now()
    }
}
