//! Who is acting: a signed-in user acting for one organisation in one role,
//! or an anonymous visitor. Every use case receives one and asks the policy
//! table whether it may proceed.

use crate::error::{Error, Result};
use crate::policy::{self, Permission};
use gongjiang_domain::accounts::Role;
use gongjiang_domain::ids::{AllianceId, OrgId, UserId};
use gongjiang_domain::members::OrgKind;

/// How the actor proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A browser session (cookie).
    Session,
    /// A personal API token.
    ApiToken,
    /// The command line on the server itself.
    Cli,
}

/// A signed-in user acting for one organisation.
#[derive(Debug, Clone)]
pub struct User {
    /// The user.
    pub user_id: UserId,
    /// Their login (for the audit log).
    pub login: String,
    /// Their display name.
    pub display_name: String,
    /// The organisation they act for.
    pub org_id: OrgId,
    /// Its kind, read with the session (a page asks it several times: is
    /// this a school's queue, an employer's funnel…), so no use case looks
    /// the unit up again only to learn what it is.
    pub org_kind: OrgKind,
    /// The role they act as.
    pub role: Role,
    /// The alliance they act in.
    pub alliance_id: AllianceId,
    /// How they signed in.
    pub via: Via,
}

/// The one doing something.
#[derive(Debug, Clone)]
pub enum Actor {
    /// An anonymous visitor (public pages, the application form).
    Anonymous {
        /// The client's address, for the audit log and throttling.
        ip: String,
    },
    /// A signed-in user.
    User {
        /// Who.
        user: User,
        /// The client's address.
        ip: String,
    },
}

impl Actor {
    /// The signed-in user, or `Unauthenticated`.
    pub fn user(&self) -> Result<&User> {
        match self {
            Actor::User { user, .. } => Ok(user),
            Actor::Anonymous { .. } => Err(Error::Unauthenticated),
        }
    }

    /// The client's address.
    pub fn ip(&self) -> &str {
        match self {
            Actor::Anonymous { ip } | Actor::User { ip, .. } => ip,
        }
    }

    /// Succeeds when the policy table allows this actor `permission`.
    /// Anonymous actors get `Unauthenticated`, others `Forbidden`.
    pub fn require(&self, permission: Permission) -> Result<&User> {
        let user = self.user()?;
        if policy::allows(user, permission) {
            Ok(user)
        } else {
            tracing::info!(
                user.id = %user.user_id,
                org.id = %user.org_id,
                role = user.role.as_str(),
                permission = ?permission.kind(),
                "permission denied"
            );
            Err(Error::Forbidden)
        }
    }

    /// True when the policy allows it (for showing or hiding links; never for enforcing).
    pub fn may(&self, permission: Permission) -> bool {
        match self {
            Actor::User { user, .. } => policy::allows(user, permission),
            Actor::Anonymous { .. } => false,
        }
    }
}
