//! Organisations and their membership of an alliance: kinds, tiers, the
//! application → approval → suspension / leaving workflow, and the rules that
//! decide which step may follow which.

use crate::error::{FieldErrors, Problem};
use crate::ids::{AllianceId, MembershipId, OrgId, UserId};
use crate::lifecycle::Lifecycle;
use crate::time::Timestamp;
use crate::values::CreditCode;
use serde::Serialize;

macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable text stored in the database and used in URLs and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            /// Parses the stored text; `Problem::InvalidChoice` for anything else.
            pub fn parse(text: &str) -> Result<Self, Problem> {
                match text.trim() {
                    $($text => Ok($name::$variant),)+
                    "" => Err(Problem::Required),
                    _ => Err(Problem::InvalidChoice),
                }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use string_enum;

string_enum!(
    /// What kind of unit an organisation is.
    OrgKind {
        /// 技工院校: technical schools, senior technical schools, technician colleges.
        TechnicalCollege = "technical_college",
        /// 中职 / 高职: vocational schools under the education system.
        VocationalSchool = "vocational_school",
        /// 企业.
        Enterprise = "enterprise",
        /// 行业协会.
        Association = "association",
        /// 科研院所.
        ResearchInstitute = "research_institute",
        /// 政府 / 事业单位.
        GovernmentAgency = "government_agency",
    }
);

impl OrgKind {
    /// Schools supply trainees; the others do not.
    pub fn is_school(self) -> bool {
        matches!(self, OrgKind::TechnicalCollege | OrgKind::VocationalSchool)
    }
}

string_enum!(
    /// A member's place in the alliance's governance, highest first.
    Tier {
        /// 理事长单位: exactly one per alliance.
        Chair = "chair",
        /// 副理事长单位.
        ViceChair = "vice_chair",
        /// 常务理事单位.
        StandingCouncil = "standing_council",
        /// 理事单位.
        Council = "council",
        /// 成员单位.
        Member = "member",
    }
);

impl Tier {
    /// Sort rank: the chair first.
    pub fn rank(self) -> i64 {
        match self {
            Tier::Chair => 0,
            Tier::ViceChair => 1,
            Tier::StandingCouncil => 2,
            Tier::Council => 3,
            Tier::Member => 4,
        }
    }
}

string_enum!(
    /// Where a membership stands.
    MembershipStatus {
        /// Applied, waiting for the secretariat.
        Applied = "applied",
        /// Approved and active.
        Active = "active",
        /// Application rejected (with a reason).
        Rejected = "rejected",
        /// Temporarily suspended by the secretariat.
        Suspended = "suspended",
        /// Left the alliance (voluntarily or removed).
        Left = "left",
    }
);

/// An application is approved or rejected once; an active member may be
/// suspended and reinstated, and an active or suspended member may leave.
/// Which of the moves into active is meant (approval or reinstatement) is the
/// step's to say: see [`Membership::approve`] and [`Membership::reinstate`].
impl Lifecycle for MembershipStatus {
    fn may_move_to(self, to: MembershipStatus) -> bool {
        use MembershipStatus::*;
        matches!(
            (self, to),
            (Applied, Active | Rejected)
                | (Active, Suspended)
                | (Suspended, Active)
                | (Active | Suspended, Left)
        )
    }
}

/// An organisation as stored.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Organization {
    /// Its id.
    pub id: OrgId,
    /// Kind of unit.
    pub kind: OrgKind,
    /// Official name.
    pub name: String,
    /// Other names the same institution carries (一校两牌, 曾用名).
    pub other_names: Vec<String>,
    /// Short name (简称).
    pub short_name: String,
    /// Unified social credit code.
    pub credit_code: String,
    /// City (e.g. 黄石市).
    pub city: String,
    /// District or county.
    pub district: String,
    /// Street address.
    pub address: String,
    /// Web site.
    pub website: String,
    /// A short introduction.
    pub intro: String,
    /// Industry segments (codes).
    pub segments: Vec<String>,
    /// True for generated demo units that do not exist.
    pub is_fictional: bool,
    /// Created.
    pub created_at: Timestamp,
    /// Last changed.
    pub updated_at: Timestamp,
}

/// The editable profile of an organisation, validated.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct OrgProfile {
    /// Kind of unit.
    pub kind: OrgKind,
    /// Official name.
    pub name: String,
    /// Other names.
    pub other_names: Vec<String>,
    /// Short name.
    pub short_name: String,
    /// Unified social credit code.
    pub credit_code: CreditCode,
    /// City.
    pub city: String,
    /// District.
    pub district: String,
    /// Address.
    pub address: String,
    /// Web site (`http://` or `https://`), or empty.
    pub website: String,
    /// Introduction.
    pub intro: String,
    /// Segment codes; checked against the segment table by the caller.
    pub segments: Vec<String>,
}

/// Raw profile fields as typed by a user, before validation.
#[derive(Debug, Clone, Default)]
pub struct OrgProfileInput {
    /// `kind`.
    pub kind: String,
    /// `name`.
    pub name: String,
    /// `other_names`, one per line or separated by `、`/`,`.
    pub other_names: String,
    /// `short_name`.
    pub short_name: String,
    /// `credit_code`.
    pub credit_code: String,
    /// `city`.
    pub city: String,
    /// `district`.
    pub district: String,
    /// `address`.
    pub address: String,
    /// `website`.
    pub website: String,
    /// `intro`.
    pub intro: String,
    /// `segments`.
    pub segments: Vec<String>,
}

/// Trims `text` and checks it is between `min` and `max` characters.
pub fn text_field(text: &str, min: usize, max: usize) -> Result<String, Problem> {
    let trimmed = text.trim();
    let count = trimmed.chars().count();
    if count == 0 && min > 0 {
        return Err(Problem::Required);
    }
    if count < min {
        return Err(Problem::TooShort { min });
    }
    if count > max {
        return Err(Problem::TooLong { max });
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(Problem::InvalidFormat);
    }
    if let Some(c) = trimmed.chars().find(|c| is_direction_control(*c)) {
        return Err(invisible(c));
    }
    Ok(trimmed.to_string())
}

/// A one-line name or title: no line breaks, no angle brackets, and no
/// invisible character (a name must look like what it is).
pub fn name_field(text: &str, min: usize, max: usize) -> Result<String, Problem> {
    let value = text_field(text, min, max)?;
    if value.contains(['\n', '\r', '\t', '<', '>']) {
        return Err(Problem::InvalidFormat);
    }
    if let Some(c) = value.chars().find(|c| is_invisible(*c)) {
        return Err(invisible(c));
    }
    Ok(value)
}

/// The bidirectional embedding, override and isolate controls (and the
/// marks): they reorder what is shown, so `abc\u{202E}gpj.exe` reads as
/// `abcexe.jpg`. Refused in every text.
fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that show nothing: zero-width space, joiners, word joiner,
/// the byte-order mark, soft hyphen, the invisible operators and the Hangul
/// fillers. Refused in names and titles (free text may join emoji with
/// them).
pub(crate) fn is_invisible(c: char) -> bool {
    is_direction_control(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200D}'
                | '\u{2060}'..='\u{2064}'
                | '\u{3164}'
                | '\u{FEFF}'
                | '\u{FFA0}'
        )
}

fn invisible(c: char) -> Problem {
    Problem::InvisibleCharacter {
        code_point: format!("U+{:04X}", u32::from(c)),
    }
}

impl OrgProfileInput {
    /// Validates every field, reporting all problems at once.
    pub fn validate(&self) -> Result<OrgProfile, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = errors.check("kind", OrgKind::parse(&self.kind));
        let name = errors.check("name", name_field(&self.name, 2, 100));
        let mut other_names = Vec::new();
        for part in self.other_names.split(['\n', ',', '，', '、', ';', '；']) {
            if part.trim().is_empty() {
                continue;
            }
            if let Some(n) = errors.check("other_names", name_field(part, 2, 100))
                && !other_names.contains(&n)
            {
                other_names.push(n);
            }
        }
        if other_names.len() > 5 {
            errors.push("other_names", Problem::OutOfRange { min: 0, max: 5 });
        }
        let short_name = errors.check("short_name", name_field(&self.short_name, 0, 30));
        let credit_code = errors.check("credit_code", CreditCode::parse(&self.credit_code));
        let city = errors.check("city", name_field(&self.city, 2, 20));
        let district = errors.check("district", name_field(&self.district, 0, 20));
        let address = errors.check("address", name_field(&self.address, 0, 200));
        let website = errors.check("website", website_field(&self.website));
        let intro = errors.check("intro", text_field(&self.intro, 0, 2000));
        let mut segments: Vec<String> = Vec::new();
        for s in &self.segments {
            let s = s.trim();
            if !s.is_empty() && !segments.iter().any(|x| x == s) {
                segments.push(s.to_string());
            }
        }
        match (
            kind,
            name,
            short_name,
            credit_code,
            city,
            district,
            address,
            website,
            intro,
        ) {
            (
                Some(kind),
                Some(name),
                Some(short_name),
                Some(credit_code),
                Some(city),
                Some(district),
                Some(address),
                Some(website),
                Some(intro),
            ) if errors.is_empty() => Ok(OrgProfile {
                kind,
                name,
                other_names,
                short_name,
                credit_code,
                city,
                district,
                address,
                website,
                intro,
                segments,
            }),
            _ => Err(errors),
        }
    }
}

fn website_field(text: &str) -> Result<String, Problem> {
    let value = name_field(text, 0, 200)?;
    if value.is_empty() {
        return Ok(value);
    }
    let lower = value.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://"))
        || value.contains([' ', '"', '\''])
    {
        return Err(Problem::InvalidFormat);
    }
    Ok(value)
}

/// A unit's membership of an alliance, from its application on.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Membership {
    /// Its id.
    pub id: MembershipId,
    /// The alliance.
    pub alliance_id: AllianceId,
    /// The member organisation.
    pub org_id: OrgId,
    /// Where it stands.
    pub status: MembershipStatus,
    /// The tier the unit asked for.
    pub requested_tier: Tier,
    /// The tier granted on approval.
    pub tier: Option<Tier>,
    /// Applicant's contact person.
    pub contact_name: String,
    /// Applicant's contact phone (personal data: shown masked).
    pub contact_phone: String,
    /// Applicant's contact e-mail.
    pub contact_email: String,
    /// Why the unit wants to join.
    pub statement: String,
    /// When it applied.
    pub applied_at: Timestamp,
    /// When the secretariat decided.
    pub decided_at: Option<Timestamp>,
    /// Who decided.
    pub decided_by: Option<UserId>,
    /// The reason given with a rejection (or a note with an approval).
    pub decision_reason: String,
    /// When it became active.
    pub joined_at: Option<Timestamp>,
    /// When it left.
    pub ended_at: Option<Timestamp>,
    /// Why it was suspended or left.
    pub end_reason: String,
    /// Last change.
    pub updated_at: Timestamp,
}

/// A membership step refused by the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a membership that is {from} cannot be {action}")]
pub struct WrongState {
    /// Where the membership stands.
    pub from: MembershipStatus,
    /// What was attempted.
    pub action: &'static str,
}

impl Membership {
    fn require(
        &self,
        allowed: &[MembershipStatus],
        action: &'static str,
    ) -> Result<(), WrongState> {
        if allowed.contains(&self.status) {
            Ok(())
        } else {
            Err(WrongState {
                from: self.status,
                action,
            })
        }
    }

    /// A move of the workflow: refused unless the membership stands in one
    /// of `from` (the step's own starting points) and the move to `to` is
    /// one the status allows.
    fn step(
        &self,
        from: &[MembershipStatus],
        to: MembershipStatus,
        action: &'static str,
    ) -> Result<MembershipStatus, WrongState> {
        self.require(from, action)?;
        self.status.move_to(to).map_err(|_| WrongState {
            from: self.status,
            action,
        })
    }

    /// Approves an application with a tier.
    pub fn approve(
        &self,
        tier: Tier,
        by: UserId,
        note: String,
        now: Timestamp,
    ) -> Result<Membership, WrongState> {
        let status = self.step(
            &[MembershipStatus::Applied],
            MembershipStatus::Active,
            "approved",
        )?;
        Ok(Membership {
            status,
            tier: Some(tier),
            decided_at: Some(now),
            decided_by: Some(by),
            decision_reason: note,
            joined_at: Some(now),
            updated_at: now,
            ..self.clone()
        })
    }

    /// Rejects an application; the reason is shown to the applicant.
    pub fn reject(
        &self,
        by: UserId,
        reason: String,
        now: Timestamp,
    ) -> Result<Membership, WrongState> {
        let status = self.step(
            &[MembershipStatus::Applied],
            MembershipStatus::Rejected,
            "rejected",
        )?;
        Ok(Membership {
            status,
            decided_at: Some(now),
            decided_by: Some(by),
            decision_reason: reason,
            updated_at: now,
            ..self.clone()
        })
    }

    /// Suspends an active member.
    pub fn suspend(&self, reason: String, now: Timestamp) -> Result<Membership, WrongState> {
        let status = self.step(
            &[MembershipStatus::Active],
            MembershipStatus::Suspended,
            "suspended",
        )?;
        Ok(Membership {
            status,
            end_reason: reason,
            updated_at: now,
            ..self.clone()
        })
    }

    /// Lifts a suspension.
    pub fn reinstate(&self, now: Timestamp) -> Result<Membership, WrongState> {
        let status = self.step(
            &[MembershipStatus::Suspended],
            MembershipStatus::Active,
            "reinstated",
        )?;
        Ok(Membership {
            status,
            end_reason: String::new(),
            updated_at: now,
            ..self.clone()
        })
    }

    /// Ends the membership (the unit leaves or is removed).
    pub fn leave(&self, reason: String, now: Timestamp) -> Result<Membership, WrongState> {
        let status = self.step(
            &[MembershipStatus::Active, MembershipStatus::Suspended],
            MembershipStatus::Left,
            "ended",
        )?;
        Ok(Membership {
            status,
            ended_at: Some(now),
            end_reason: reason,
            updated_at: now,
            ..self.clone()
        })
    }

    /// Moves an active member to another tier.
    pub fn change_tier(&self, tier: Tier, now: Timestamp) -> Result<Membership, WrongState> {
        self.require(&[MembershipStatus::Active], "moved to another tier")?;
        Ok(Membership {
            tier: Some(tier),
            updated_at: now,
            ..self.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::assert_moves;

    #[test]
    fn names_refuse_invisible_and_direction_changing_characters_and_name_them() {
        for (text, code) in [
            ("示例\u{202E}公司", "U+202E"),
            ("示例\u{200B}公司", "U+200B"),
            ("\u{FEFF}示例公司", "U+FEFF"),
            ("示例\u{2067}公司", "U+2067"),
        ] {
            assert_eq!(
                name_field(text, 2, 60),
                Err(Problem::InvisibleCharacter {
                    code_point: code.into()
                }),
                "{text:?}"
            );
        }
        assert_eq!(
            name_field("鄂东技师学院", 2, 60).as_deref(),
            Ok("鄂东技师学院")
        );
        // Free text refuses the direction controls but keeps a joined emoji.
        assert!(matches!(
            text_field("说明\u{202E}txt.exe", 0, 100),
            Err(Problem::InvisibleCharacter { .. })
        ));
        assert!(text_field("维修工 👨\u{200D}🔧", 0, 100).is_ok());
    }

    fn applied() -> Membership {
        Membership {
            id: MembershipId::new(),
            alliance_id: AllianceId::new(),
            org_id: OrgId::new(),
            status: MembershipStatus::Applied,
            requested_tier: Tier::Member,
            tier: None,
            contact_name: "张三".into(),
            contact_phone: "13812345678".into(),
            contact_email: String::new(),
            statement: String::new(),
            applied_at: Timestamp(1),
            decided_at: None,
            decided_by: None,
            decision_reason: String::new(),
            joined_at: None,
            ended_at: None,
            end_reason: String::new(),
            updated_at: Timestamp(1),
        }
    }

    #[test]
    fn an_application_can_be_approved_once_and_then_not_rejected() {
        let by = UserId::new();
        let active = applied()
            .approve(Tier::Council, by, String::new(), Timestamp(5))
            .unwrap();
        assert_eq!(active.status, MembershipStatus::Active);
        assert_eq!(active.tier, Some(Tier::Council));
        assert_eq!(active.joined_at, Some(Timestamp(5)));
        let refused = active.reject(by, "迟了".into(), Timestamp(6)).unwrap_err();
        assert_eq!(refused.from, MembershipStatus::Active);
    }

    #[test]
    fn a_suspended_member_can_be_reinstated_or_leave_but_not_be_approved() {
        let by = UserId::new();
        let suspended = applied()
            .approve(Tier::Member, by, String::new(), Timestamp(2))
            .unwrap()
            .suspend("未缴会费".into(), Timestamp(3))
            .unwrap();
        assert!(
            suspended
                .approve(Tier::Member, by, String::new(), Timestamp(4))
                .is_err()
        );
        assert_eq!(
            suspended.reinstate(Timestamp(4)).unwrap().status,
            MembershipStatus::Active
        );
        assert_eq!(
            suspended
                .leave("自愿退出".into(), Timestamp(4))
                .unwrap()
                .status,
            MembershipStatus::Left
        );
    }

    #[test]
    fn a_membership_is_decided_once_then_suspended_reinstated_or_ended() {
        use MembershipStatus::*;
        assert_moves(
            MembershipStatus::ALL,
            &[
                (Applied, Active),
                (Applied, Rejected),
                (Active, Suspended),
                (Suspended, Active),
                (Active, Left),
                (Suspended, Left),
            ],
        );
    }

    #[test]
    fn a_profile_with_a_bad_credit_code_and_no_city_names_both_fields() {
        let input = OrgProfileInput {
            kind: "enterprise".into(),
            name: "黄石示例电路科技有限公司".into(),
            credit_code: "91350100M000100Y44".into(),
            ..Default::default()
        };
        let errors = input.validate().unwrap_err();
        assert!(matches!(
            errors.for_field("credit_code"),
            Some(Problem::CheckCharacterMismatch { expected: '3' })
        ));
        assert_eq!(errors.for_field("city"), Some(&Problem::Required));
        assert_eq!(errors.for_field("name"), None);
    }

    #[test]
    fn other_names_are_split_on_chinese_separators_and_deduplicated() {
        let input = OrgProfileInput {
            kind: "technical_college".into(),
            name: "鄂东技师学院".into(),
            other_names: "湖北工程职业学院、湖北工程职业学院\n黄石技师学院".into(),
            credit_code: "91350100M000100Y43".into(),
            city: "黄石市".into(),
            ..Default::default()
        };
        let profile = input.validate().unwrap();
        assert_eq!(
            profile.other_names,
            vec!["湖北工程职业学院", "黄石技师学院"]
        );
    }

    #[test]
    fn a_website_must_be_http_or_https() {
        assert_eq!(
            website_field("javascript:alert(1)"),
            Err(Problem::InvalidFormat)
        );
        assert_eq!(
            website_field("https://example.edu.cn").unwrap(),
            "https://example.edu.cn"
        );
        assert_eq!(website_field("").unwrap(), "");
    }

    #[test]
    fn kinds_round_trip_through_their_stored_text() {
        for kind in OrgKind::ALL {
            assert_eq!(OrgKind::parse(kind.as_str()), Ok(*kind));
        }
        assert_eq!(OrgKind::parse("bank"), Err(Problem::InvalidChoice));
        assert_eq!(Tier::parse(""), Err(Problem::Required));
    }
}
