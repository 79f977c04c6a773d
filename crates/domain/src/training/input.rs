//! Internship fields as typed in a form or a JSON body, and their
//! validation into [`InternshipFields`].

use super::{Hazard, InternshipKind, PremiumPayer, SpecialtyRelation};
use crate::demand::{date_field, integer_field, iso};
use crate::error::{FieldErrors, Problem};
use crate::ids::{DemandId, OrgId, TraineeId};
use crate::members::{name_field, text_field};
use serde::Serialize;

/// Internship fields as typed in a form or a JSON body (every value as text).
#[derive(Debug, Clone, Default)]
pub struct InternshipInput {
    /// `trainee_id`.
    pub trainee_id: String,
    /// `kind`: `cognitive` / `position` (or 认识实习 / 岗位实习 / 顶岗实习 / 跟岗实习).
    pub kind: String,
    /// `host_org_id`: a member unit.
    pub host_org_id: String,
    /// `demand_id`: the host's posted demand for this post, optional (enables the post cap of INT-08).
    pub demand_id: String,
    /// `post_name`.
    pub post_name: String,
    /// `school_supervisor`: a teacher's name.
    pub school_supervisor: String,
    /// `host_supervisor`: the enterprise supervisor's name.
    pub host_supervisor: String,
    /// `start_on`.
    pub start_on: String,
    /// `end_on`.
    pub end_on: String,
    /// `daily_hours`.
    pub daily_hours: String,
    /// `weekly_hours`.
    pub weekly_hours: String,
    /// `night_shift` (yes/no).
    pub night_shift: String,
    /// `overtime` (yes/no).
    pub overtime: String,
    /// `holiday_work` (yes/no): scheduled on statutory holidays.
    pub holiday_work: String,
    /// `pay_monthly` (yuan).
    pub pay_monthly: String,
    /// `reference_wage` (yuan): the same post's wage, optional.
    pub reference_wage: String,
    /// `fees_charged` (yuan).
    pub fees_charged: String,
    /// `intermediary` (yes/no): an agent or paid intermediary is involved.
    pub intermediary: String,
    /// `insurer`.
    pub insurer: String,
    /// `policy_no`.
    pub policy_no: String,
    /// `cover_from`.
    pub cover_from: String,
    /// `cover_to`.
    pub cover_to: String,
    /// `premium_payer`: `school` / `host` / `student`.
    pub premium_payer: String,
    /// `hazards`: hazard codes, comma separated or repeated.
    pub hazards: Vec<String>,
    /// `exception_filing_ref`: the filing of a specialty's exception (INT-05).
    pub exception_filing_ref: String,
    /// `specialty_relation`.
    pub specialty_relation: String,
    /// `relation_exception`: the approved exception for a cross-category post (INT-10).
    pub relation_exception: String,
    /// `self_found` (yes/no): the trainee chose the host themself (INT-14).
    pub self_found: String,
    /// `covers_typical_tasks` (yes/no): a teacher confirms the post covers typical work tasks (INT-09).
    pub covers_typical_tasks: String,
}

/// Validated internship fields; the trainee, host and demand are checked against the database by the caller.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct InternshipFields {
    /// The trainee.
    pub trainee_id: TraineeId,
    /// Kind.
    pub kind: InternshipKind,
    /// Host unit.
    pub host_org_id: OrgId,
    /// The host's demand for this post, if named.
    pub demand_id: Option<DemandId>,
    /// Post.
    pub post_name: String,
    /// School supervisor (name; may be empty: INT-13 warns).
    pub school_supervisor: String,
    /// Host supervisor (name; may be empty: INT-13 warns).
    pub host_supervisor: String,
    /// First day.
    pub start_on: String,
    /// Last day.
    pub end_on: String,
    /// Hours per day.
    pub daily_hours: i64,
    /// Hours per week.
    pub weekly_hours: i64,
    /// Night shifts.
    pub night_shift: bool,
    /// Overtime.
    pub overtime: bool,
    /// Work on statutory holidays.
    pub holiday_work: bool,
    /// Pay per month, yuan.
    pub pay_monthly: i64,
    /// The same post's wage, yuan, if known.
    pub reference_wage: Option<i64>,
    /// Fees charged to the trainee, yuan.
    pub fees_charged: i64,
    /// An intermediary is involved.
    pub intermediary: bool,
    /// Insurer.
    pub insurer: String,
    /// Policy number.
    pub policy_no: String,
    /// Cover from (empty when unknown).
    pub cover_from: String,
    /// Cover to (empty when unknown).
    pub cover_to: String,
    /// Premium payer, if given.
    pub premium_payer: Option<PremiumPayer>,
    /// Hazard flags of the post.
    pub hazards: Vec<Hazard>,
    /// Filing of a specialty exception for high-risk work.
    pub exception_filing_ref: String,
    /// Specialty relation.
    pub specialty_relation: SpecialtyRelation,
    /// Approved exception for a cross-category post.
    pub relation_exception: String,
    /// Self-found host.
    pub self_found: bool,
    /// A teacher confirmed that the post covers typical work tasks.
    pub covers_typical_tasks: bool,
}

fn yes_no(text: &str) -> Result<bool, Problem> {
    crate::demand::flag_field(text)
}

fn optional_date(text: &str) -> Result<String, Problem> {
    if text.trim().is_empty() {
        Ok(String::new())
    } else {
        date_field(text).map(iso)
    }
}

impl InternshipInput {
    /// Validates every field, reporting all problems at once. Rule breaches
    /// (overtime, low pay …) are not input errors: they are recorded and
    /// reported by [`check`](super::check) when the internship is to start.
    pub fn validate(&self) -> Result<InternshipFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let trainee = e.check(
            "trainee_id",
            self.trainee_id
                .trim()
                .parse::<TraineeId>()
                .map_err(|_| Problem::InvalidChoice),
        );
        let kind = e.check("kind", InternshipKind::parse_any(&self.kind));
        let host = e.check(
            "host_org_id",
            self.host_org_id
                .trim()
                .parse::<OrgId>()
                .map_err(|_| Problem::InvalidChoice),
        );
        let demand = if self.demand_id.trim().is_empty() {
            Some(None)
        } else {
            e.check(
                "demand_id",
                self.demand_id
                    .trim()
                    .parse::<DemandId>()
                    .map(Some)
                    .map_err(|_| Problem::InvalidChoice),
            )
        };
        let post = e.check("post_name", name_field(&self.post_name, 2, 60));
        let school_sup = e.check(
            "school_supervisor",
            text_field(&self.school_supervisor, 0, 40),
        );
        let host_sup = e.check("host_supervisor", text_field(&self.host_supervisor, 0, 40));
        let start = e.check("start_on", date_field(&self.start_on));
        let end = e.check("end_on", date_field(&self.end_on));
        if let (Some(s), Some(en)) = (start, end)
            && en < s
        {
            e.push("end_on", Problem::EndBeforeStart);
        }
        let daily = e.check("daily_hours", integer_field(&self.daily_hours, 1, 24));
        let weekly = e.check("weekly_hours", integer_field(&self.weekly_hours, 1, 168));
        let night = e.check("night_shift", yes_no(&self.night_shift));
        let overtime = e.check("overtime", yes_no(&self.overtime));
        let holiday = e.check("holiday_work", yes_no(&self.holiday_work));
        let pay = if self.pay_monthly.trim().is_empty() {
            Some(0)
        } else {
            e.check(
                "pay_monthly",
                integer_field(&self.pay_monthly, 0, 1_000_000),
            )
        };
        let reference = if self.reference_wage.trim().is_empty() {
            Some(None)
        } else {
            e.check(
                "reference_wage",
                integer_field(&self.reference_wage, 1, 1_000_000).map(Some),
            )
        };
        let fees = if self.fees_charged.trim().is_empty() {
            Some(0)
        } else {
            e.check(
                "fees_charged",
                integer_field(&self.fees_charged, 0, 1_000_000),
            )
        };
        let intermediary = e.check("intermediary", yes_no(&self.intermediary));
        let insurer = e.check("insurer", text_field(&self.insurer, 0, 60));
        let policy = e.check("policy_no", text_field(&self.policy_no, 0, 60));
        let cover_from = e.check("cover_from", optional_date(&self.cover_from));
        let cover_to = e.check("cover_to", optional_date(&self.cover_to));
        let payer = if self.premium_payer.trim().is_empty() {
            Some(None)
        } else {
            e.check(
                "premium_payer",
                PremiumPayer::parse(&self.premium_payer).map(Some),
            )
        };
        let mut hazards: Vec<Hazard> = Vec::new();
        for text in self.hazards.iter().flat_map(|h| h.split([',', '，'])) {
            if text.trim().is_empty() {
                continue;
            }
            match Hazard::parse(text) {
                Ok(h) if !hazards.contains(&h) => hazards.push(h),
                Ok(_) => {}
                Err(p) => {
                    e.push("hazards", p);
                    break;
                }
            }
        }
        let filing = e.check(
            "exception_filing_ref",
            text_field(&self.exception_filing_ref, 0, 100),
        );
        let relation = if self.specialty_relation.trim().is_empty() {
            Some(SpecialtyRelation::Matching)
        } else {
            e.check(
                "specialty_relation",
                SpecialtyRelation::parse(&self.specialty_relation),
            )
        };
        let relation_exception = e.check(
            "relation_exception",
            text_field(&self.relation_exception, 0, 200),
        );
        let self_found = e.check("self_found", yes_no(&self.self_found));
        let typical = e.check("covers_typical_tasks", yes_no(&self.covers_typical_tasks));
        if !e.is_empty() {
            return Err(e);
        }
        match (
            trainee, kind, host, demand, post, school_sup, host_sup, start, end, daily, weekly,
        ) {
            (
                Some(trainee_id),
                Some(kind),
                Some(host_org_id),
                Some(demand_id),
                Some(post_name),
                Some(school_supervisor),
                Some(host_supervisor),
                Some(s),
                Some(en),
                Some(daily_hours),
                Some(weekly_hours),
            ) => Ok(InternshipFields {
                trainee_id,
                kind,
                host_org_id,
                demand_id,
                post_name,
                school_supervisor,
                host_supervisor,
                start_on: iso(s),
                end_on: iso(en),
                daily_hours,
                weekly_hours,
                night_shift: night.unwrap_or_default(),
                overtime: overtime.unwrap_or_default(),
                holiday_work: holiday.unwrap_or_default(),
                pay_monthly: pay.unwrap_or_default(),
                reference_wage: reference.flatten(),
                fees_charged: fees.unwrap_or_default(),
                intermediary: intermediary.unwrap_or_default(),
                insurer: insurer.unwrap_or_default(),
                policy_no: policy.unwrap_or_default(),
                cover_from: cover_from.unwrap_or_default(),
                cover_to: cover_to.unwrap_or_default(),
                premium_payer: payer.flatten(),
                hazards,
                exception_filing_ref: filing.unwrap_or_default(),
                specialty_relation: relation.unwrap_or(SpecialtyRelation::Matching),
                relation_exception: relation_exception.unwrap_or_default(),
                self_found: self_found.unwrap_or_default(),
                covers_typical_tasks: typical.unwrap_or_default(),
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internship_input_names_each_bad_field() {
        let input = InternshipInput {
            trainee_id: "x".into(),
            kind: "实习".into(),
            host_org_id: OrgId::new().to_string(),
            post_name: "AOI 检测员".into(),
            start_on: "2027-09-01".into(),
            end_on: "2027-03-01".into(),
            daily_hours: "8".into(),
            weekly_hours: "40".into(),
            hazards: vec!["toxic,bogus".into()],
            ..Default::default()
        };
        let e = input.validate().unwrap_err();
        assert_eq!(e.for_field("trainee_id"), Some(&Problem::InvalidChoice));
        assert_eq!(e.for_field("kind"), Some(&Problem::InvalidChoice));
        assert_eq!(e.for_field("end_on"), Some(&Problem::EndBeforeStart));
        assert_eq!(e.for_field("hazards"), Some(&Problem::InvalidChoice));
    }
}
