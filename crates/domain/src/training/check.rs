//! The internship rules INT-01…INT-14 of reference §9.1 as one pure
//! function, [`check`], over the [`Facts`], returning every failure.

use super::{
    Facts, Hazard, InternshipKind, InternshipRules, PremiumPayer, RuleFailure, Severity,
    SpecialtyRelation, months_between,
};
use crate::rounds::{age_on, year_of_study};

/// Every rule of reference §9.1 the internship breaks, hard ones first in
/// rule order, then soft ones. Empty when it may start without a word.
///
/// INT-01, INT-04 (venue, intermediary), INT-07, INT-12 and INT-13 apply to
/// both kinds; the others to position internships only (§9: "rules apply to
/// position internships unless stated otherwise").
pub fn check(f: &Facts, rules: &InternshipRules) -> Vec<RuleFailure> {
    use Severity::{Hard, Soft};
    let mut out = Vec::new();
    let position = f.kind == InternshipKind::Position;
    let age = age_on(f.birth_date, f.start_on);
    let minor = age < rules.adult_age;

    // INT-01: a host that is a legal person or registered organisation.
    if !f.host_is_legal_entity {
        out.push(RuleFailure::new("INT-01", "host_not_legal_entity", Hard));
    }
    // INT-02: no position internship in grade 1 or under 16.
    if position {
        if age < rules.min_age {
            out.push(
                RuleFailure::new("INT-02", "under_age", Hard)
                    .with("age", age)
                    .with("min", rules.min_age),
            );
        }
        match f.entry_year {
            Some(entry) if year_of_study(entry, f.start_on) <= 1 => {
                out.push(RuleFailure::new("INT-02", "first_year", Hard))
            }
            Some(_) => {}
            None => out.push(RuleFailure::new("INT-02", "no_cohort", Hard)),
        }
    }
    // INT-03: work forbidden for minors and for women.
    if position && minor && f.hazards.contains(&Hazard::MinorForbidden) {
        out.push(RuleFailure::new("INT-03", "minor_forbidden_work", Hard).with("age", age));
    }
    if position && f.female && f.hazards.contains(&Hazard::FemaleForbidden) {
        out.push(RuleFailure::new("INT-03", "female_forbidden_work", Hard));
    }
    // INT-04: no entertainment venue, no intermediary, no heavy labour.
    if f.hazards.contains(&Hazard::EntertainmentVenue) {
        out.push(RuleFailure::new("INT-04", "entertainment_venue", Hard));
    }
    if f.intermediary {
        out.push(RuleFailure::new("INT-04", "intermediary", Hard));
    }
    if position && f.hazards.contains(&Hazard::HeavyLabour) {
        out.push(RuleFailure::new("INT-04", "heavy_labour", Hard));
    }
    // INT-05: working time and high-risk work.
    if position {
        if f.night_shift {
            out.push(RuleFailure::new("INT-05", "night_shift", Hard));
        }
        if f.overtime {
            out.push(RuleFailure::new("INT-05", "overtime", Hard));
        }
        if f.holiday_work {
            out.push(RuleFailure::new("INT-05", "holiday_work", Hard));
        }
        if f.daily_hours > i64::from(rules.max_daily_hours) {
            out.push(
                RuleFailure::new("INT-05", "daily_hours", Hard)
                    .with("hours", f.daily_hours)
                    .with("max", rules.max_daily_hours),
            );
        }
        if f.weekly_hours > i64::from(rules.max_weekly_hours) {
            out.push(
                RuleFailure::new("INT-05", "weekly_hours", Hard)
                    .with("hours", f.weekly_hours)
                    .with("max", rules.max_weekly_hours),
            );
        }
        let high_risk: Vec<&str> = f
            .hazards
            .iter()
            .filter(|h| h.is_high_risk())
            .map(|h| h.as_str())
            .collect();
        if !high_risk.is_empty() {
            let severity = if f.exception_filing_ref.trim().is_empty() {
                Hard
            } else {
                Soft
            };
            let code = if severity == Hard {
                "high_risk"
            } else {
                "high_risk_filed"
            };
            out.push(
                RuleFailure::new("INT-05", code, severity).with("hazards", high_risk.join(",")),
            );
        }
    }
    // INT-06: pay at least a percentage of the same post's wage.
    if position {
        match f.reference_wage {
            None => out.push(RuleFailure::new("INT-06", "no_reference_wage", Soft)),
            Some(reference) => {
                if f.pay_monthly * 100 < i64::from(rules.pay_percent) * reference {
                    out.push(
                        RuleFailure::new("INT-06", "pay_too_low", Hard)
                            .with("pay", f.pay_monthly)
                            .with("percent", rules.pay_percent)
                            .with("reference", reference),
                    );
                }
            }
        }
    }
    // INT-07: no fees.
    if f.fees_charged != 0 {
        out.push(RuleFailure::new("INT-07", "fees_charged", Hard).with("fees", f.fees_charged));
    }
    // INT-08: intern ratios, counting interns of all schools.
    if position {
        let severity = if rules.ratio_hard { Hard } else { Soft };
        match f.host_staff {
            None => out.push(RuleFailure::new("INT-08", "host_staff_missing", severity)),
            Some(staff) => {
                let interns = f.host_interns + 1;
                if interns * 100 > i64::from(rules.host_intern_percent) * staff {
                    out.push(
                        RuleFailure::new("INT-08", "host_ratio", severity)
                            .with("interns", interns)
                            .with("staff", staff)
                            .with("percent", rules.host_intern_percent),
                    );
                }
            }
        }
        if f.names_post {
            match f.post_staff {
                None => out.push(RuleFailure::new("INT-08", "post_staff_missing", Soft)),
                Some(staff) => {
                    let interns = f.post_interns + 1;
                    if interns * 100 > i64::from(rules.post_intern_percent) * staff {
                        out.push(
                            RuleFailure::new("INT-08", "post_ratio", severity)
                                .with("interns", interns)
                                .with("staff", staff)
                                .with("percent", rules.post_intern_percent),
                        );
                    }
                }
            }
        }
    }
    // INT-09: duration and content.
    if position {
        let months = months_between(f.start_on, f.end_on);
        if months > i64::from(rules.max_months) {
            out.push(
                RuleFailure::new("INT-09", "too_long", Hard)
                    .with("months", months)
                    .with("max", rules.max_months),
            );
        } else if months < i64::from(rules.min_months) {
            out.push(
                RuleFailure::new("INT-09", "short", Soft)
                    .with("months", months)
                    .with("min", rules.min_months),
            );
        } else if months > i64::from(rules.typical_months) {
            out.push(
                RuleFailure::new("INT-09", "long", Soft)
                    .with("months", months)
                    .with("typical", rules.typical_months),
            );
        }
        if !f.covers_typical_tasks {
            out.push(RuleFailure::new(
                "INT-09",
                "typical_tasks_unconfirmed",
                Soft,
            ));
        }
    }
    // INT-10: specialty relation.
    if position
        && f.specialty_relation == SpecialtyRelation::CrossCategory
        && f.relation_exception.trim().is_empty()
    {
        out.push(RuleFailure::new("INT-10", "cross_category", Hard));
    }
    // INT-11: agreement, guardian, consent form.
    if position {
        if !f.has_agreement {
            out.push(RuleFailure::new("INT-11", "no_agreement", Hard));
        }
        if minor && !f.has_guardian_consent {
            out.push(RuleFailure::new("INT-11", "no_guardian_signature", Hard).with("age", age));
        }
        if !f.self_found && !f.has_consent_form {
            out.push(RuleFailure::new("INT-11", "no_consent_form", Hard));
        }
    }
    // INT-12: insurance over the whole period, never paid by the student.
    if f.insurer.trim().is_empty() || f.policy_no.trim().is_empty() {
        out.push(RuleFailure::new("INT-12", "no_insurance", Hard));
    } else {
        match (f.cover_from, f.cover_to) {
            (Some(from), Some(to)) if from <= f.start_on && to >= f.end_on => {}
            _ => out.push(RuleFailure::new("INT-12", "cover_gap", Hard)),
        }
    }
    match f.premium_payer {
        Some(PremiumPayer::School | PremiumPayer::Host) => {}
        Some(PremiumPayer::Student) => {
            out.push(RuleFailure::new("INT-12", "student_pays_premium", Hard))
        }
        None => out.push(RuleFailure::new("INT-12", "no_premium_payer", Hard)),
    }
    // INT-13: both supervisors.
    if !f.has_school_supervisor {
        out.push(RuleFailure::new("INT-13", "no_school_supervisor", Soft));
    }
    if !f.has_host_supervisor {
        out.push(RuleFailure::new("INT-13", "no_host_supervisor", Soft));
    }
    // INT-14: a minor who declines the school's arrangement does so with the guardian.
    if position && f.self_found && minor && !f.has_guardian_consent {
        out.push(RuleFailure::new(
            "INT-14",
            "self_found_without_guardian",
            Hard,
        ));
    }
    out.sort_by_key(|r| r.severity == Soft);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Problem;
    use time::macros::date;

    /// Facts of an internship that passes every rule: an adult third-year
    /// trainee, 8 h/day and 40 h/week, fair pay, insured, all documents.
    fn clean() -> Facts {
        Facts {
            kind: InternshipKind::Position,
            host_is_legal_entity: true,
            start_on: date!(2027 - 03 - 01),
            end_on: date!(2027 - 08 - 31),
            birth_date: date!(2006 - 05 - 01),
            female: false,
            entry_year: Some(2024),
            hazards: Vec::new(),
            exception_filing_ref: String::new(),
            intermediary: false,
            night_shift: false,
            overtime: false,
            holiday_work: false,
            daily_hours: 8,
            weekly_hours: 40,
            pay_monthly: 3200,
            reference_wage: Some(4000),
            fees_charged: 0,
            host_staff: Some(100),
            host_interns: 9,
            names_post: true,
            post_staff: Some(10),
            post_interns: 1,
            covers_typical_tasks: true,
            specialty_relation: SpecialtyRelation::Matching,
            relation_exception: String::new(),
            has_agreement: true,
            has_guardian_consent: false,
            has_consent_form: true,
            insurer: "示例保险公司".into(),
            policy_no: "P2027-001".into(),
            cover_from: Some(date!(2027 - 03 - 01)),
            cover_to: Some(date!(2027 - 08 - 31)),
            premium_payer: Some(PremiumPayer::School),
            has_school_supervisor: true,
            has_host_supervisor: true,
            self_found: false,
        }
    }

    fn codes(f: &Facts) -> Vec<(String, String, Severity)> {
        check(f, &InternshipRules::default())
            .into_iter()
            .map(|r| (r.rule, r.code, r.severity))
            .collect()
    }

    fn fails(f: &Facts, rule: &str, code: &str, severity: Severity) {
        let found = codes(f);
        assert!(
            found
                .iter()
                .any(|(r, c, s)| r == rule && c == code && *s == severity),
            "expected {rule} {code} {severity:?}, got {found:?}"
        );
    }

    #[test]
    fn a_clean_internship_breaks_no_rule_even_at_every_limit() {
        assert_eq!(codes(&clean()), vec![]);
    }

    #[test]
    fn int_01_the_host_must_be_a_legal_entity() {
        let f = Facts {
            host_is_legal_entity: false,
            ..clean()
        };
        fails(&f, "INT-01", "host_not_legal_entity", Severity::Hard);
        assert_eq!(
            InternshipKind::parse_any("顶岗实习"),
            Ok(InternshipKind::Position)
        );
        assert_eq!(
            InternshipKind::parse_any("跟岗实习"),
            Ok(InternshipKind::Position)
        );
        assert_eq!(
            InternshipKind::parse_any("认识实习"),
            Ok(InternshipKind::Cognitive)
        );
        assert_eq!(
            InternshipKind::parse_any("勤工俭学"),
            Err(Problem::InvalidChoice)
        );
    }

    #[test]
    fn int_02_no_position_internship_under_16_or_in_the_first_year() {
        let young = Facts {
            birth_date: date!(2011 - 03 - 02),
            has_guardian_consent: true,
            ..clean()
        };
        fails(&young, "INT-02", "under_age", Severity::Hard);
        let sixteen_that_day = Facts {
            birth_date: date!(2011 - 03 - 01),
            has_guardian_consent: true,
            ..clean()
        };
        assert!(
            !codes(&sixteen_that_day)
                .iter()
                .any(|(_, c, _)| c == "under_age")
        );
        let first_year = Facts {
            entry_year: Some(2026),
            ..clean()
        };
        fails(&first_year, "INT-02", "first_year", Severity::Hard);
        let no_cohort = Facts {
            entry_year: None,
            ..clean()
        };
        fails(&no_cohort, "INT-02", "no_cohort", Severity::Hard);
        let cognitive = Facts {
            kind: InternshipKind::Cognitive,
            entry_year: Some(2026),
            birth_date: date!(2012 - 01 - 01),
            ..clean()
        };
        assert_eq!(
            codes(&cognitive),
            vec![],
            "a visit is not a position internship"
        );
    }

    #[test]
    fn int_03_minors_and_women_are_kept_from_work_forbidden_to_them() {
        let minor = Facts {
            birth_date: date!(2010 - 01 - 01),
            hazards: vec![Hazard::MinorForbidden],
            has_guardian_consent: true,
            ..clean()
        };
        fails(&minor, "INT-03", "minor_forbidden_work", Severity::Hard);
        let adult = Facts {
            hazards: vec![Hazard::MinorForbidden],
            ..clean()
        };
        assert_eq!(codes(&adult), vec![]);
        let woman = Facts {
            female: true,
            hazards: vec![Hazard::FemaleForbidden],
            ..clean()
        };
        fails(&woman, "INT-03", "female_forbidden_work", Severity::Hard);
        let man = Facts {
            hazards: vec![Hazard::FemaleForbidden],
            ..clean()
        };
        assert_eq!(codes(&man), vec![]);
    }

    #[test]
    fn int_04_no_entertainment_venue_intermediary_or_heavy_labour() {
        for (hazard, code) in [
            (Hazard::EntertainmentVenue, "entertainment_venue"),
            (Hazard::HeavyLabour, "heavy_labour"),
        ] {
            let f = Facts {
                hazards: vec![hazard],
                ..clean()
            };
            fails(&f, "INT-04", code, Severity::Hard);
        }
        let agent = Facts {
            intermediary: true,
            ..clean()
        };
        fails(&agent, "INT-04", "intermediary", Severity::Hard);
    }

    #[test]
    fn int_05_no_nights_overtime_holidays_long_days_or_unfiled_high_risk_work() {
        for (f, code) in [
            (
                Facts {
                    night_shift: true,
                    ..clean()
                },
                "night_shift",
            ),
            (
                Facts {
                    overtime: true,
                    ..clean()
                },
                "overtime",
            ),
            (
                Facts {
                    holiday_work: true,
                    ..clean()
                },
                "holiday_work",
            ),
            (
                Facts {
                    daily_hours: 9,
                    ..clean()
                },
                "daily_hours",
            ),
            (
                Facts {
                    weekly_hours: 44,
                    ..clean()
                },
                "weekly_hours",
            ),
            (
                Facts {
                    hazards: vec![Hazard::Toxic],
                    ..clean()
                },
                "high_risk",
            ),
        ] {
            fails(&f, "INT-05", code, Severity::Hard);
        }
        let filed = Facts {
            hazards: vec![Hazard::Height],
            exception_filing_ref: "黄人社备〔2027〕3号".into(),
            ..clean()
        };
        fails(&filed, "INT-05", "high_risk_filed", Severity::Soft);
        assert!(
            check(&filed, &InternshipRules::default())
                .iter()
                .all(|r| !r.is_hard())
        );
    }

    #[test]
    fn int_06_pay_is_at_least_the_configured_share_of_the_posts_wage() {
        let low = Facts {
            pay_monthly: 3199,
            ..clean()
        };
        fails(&low, "INT-06", "pay_too_low", Severity::Hard);
        let failure = check(&low, &InternshipRules::default())
            .into_iter()
            .find(|r| r.code == "pay_too_low")
            .unwrap();
        assert_eq!(
            failure.params,
            vec![
                ("pay".to_string(), "3199".to_string()),
                ("percent".to_string(), "80".to_string()),
                ("reference".to_string(), "4000".to_string())
            ]
        );
        let stricter = InternshipRules {
            pay_percent: 90,
            ..InternshipRules::default()
        };
        assert!(
            check(&clean(), &stricter)
                .iter()
                .any(|r| r.code == "pay_too_low"),
            "the percentage comes from configuration"
        );
        let unknown = Facts {
            reference_wage: None,
            ..clean()
        };
        fails(&unknown, "INT-06", "no_reference_wage", Severity::Soft);
    }

    #[test]
    fn int_07_no_fees() {
        let f = Facts {
            fees_charged: 500,
            ..clean()
        };
        fails(&f, "INT-07", "fees_charged", Severity::Hard);
        let cognitive = Facts {
            kind: InternshipKind::Cognitive,
            ..f
        };
        fails(&cognitive, "INT-07", "fees_charged", Severity::Hard);
    }

    #[test]
    fn int_08_interns_of_all_schools_stay_within_a_tenth_of_the_host_and_a_fifth_of_the_post() {
        let host = Facts {
            host_interns: 10,
            ..clean()
        };
        fails(&host, "INT-08", "host_ratio", Severity::Hard);
        let post = Facts {
            post_interns: 2,
            ..clean()
        };
        fails(&post, "INT-08", "post_ratio", Severity::Hard);
        let unknown = Facts {
            host_staff: None,
            ..clean()
        };
        fails(&unknown, "INT-08", "host_staff_missing", Severity::Hard);
        let post_unknown = Facts {
            post_staff: None,
            ..clean()
        };
        fails(
            &post_unknown,
            "INT-08",
            "post_staff_missing",
            Severity::Soft,
        );
        let no_post = Facts {
            names_post: false,
            post_staff: None,
            post_interns: 99,
            ..clean()
        };
        assert_eq!(codes(&no_post), vec![]);
        let soft = InternshipRules {
            ratio_hard: false,
            ..InternshipRules::default()
        };
        assert!(
            check(&host, &soft)
                .iter()
                .any(|r| r.code == "host_ratio" && r.severity == Severity::Soft),
            "configurable to a warning"
        );
    }

    #[test]
    fn int_09_duration_warns_outside_three_to_six_months_and_blocks_over_twelve() {
        let short = Facts {
            end_on: date!(2027 - 04 - 30),
            cover_to: Some(date!(2027 - 04 - 30)),
            ..clean()
        };
        fails(&short, "INT-09", "short", Severity::Soft);
        let long = Facts {
            end_on: date!(2027 - 12 - 31),
            cover_to: Some(date!(2027 - 12 - 31)),
            ..clean()
        };
        fails(&long, "INT-09", "long", Severity::Soft);
        let too_long = Facts {
            end_on: date!(2028 - 03 - 31),
            cover_to: Some(date!(2028 - 03 - 31)),
            ..clean()
        };
        fails(&too_long, "INT-09", "too_long", Severity::Hard);
        let unconfirmed = Facts {
            covers_typical_tasks: false,
            ..clean()
        };
        fails(
            &unconfirmed,
            "INT-09",
            "typical_tasks_unconfirmed",
            Severity::Soft,
        );
        assert_eq!(
            months_between(date!(2027 - 03 - 01), date!(2027 - 08 - 31)),
            6
        );
        assert_eq!(
            months_between(date!(2027 - 03 - 15), date!(2027 - 09 - 13)),
            5
        );
    }

    #[test]
    fn int_10_cross_category_posts_need_an_approved_exception() {
        let cross = Facts {
            specialty_relation: SpecialtyRelation::CrossCategory,
            ..clean()
        };
        fails(&cross, "INT-10", "cross_category", Severity::Hard);
        let approved = Facts {
            relation_exception: "教务处批准 2027-02-01".into(),
            ..cross
        };
        assert_eq!(codes(&approved), vec![]);
        let close = Facts {
            specialty_relation: SpecialtyRelation::Close,
            ..clean()
        };
        assert_eq!(codes(&close), vec![]);
    }

    #[test]
    fn int_11_agreement_guardian_and_consent_form_before_the_start() {
        let none = Facts {
            has_agreement: false,
            ..clean()
        };
        fails(&none, "INT-11", "no_agreement", Severity::Hard);
        let minor = Facts {
            birth_date: date!(2010 - 01 - 01),
            ..clean()
        };
        fails(&minor, "INT-11", "no_guardian_signature", Severity::Hard);
        let minor_signed = Facts {
            has_guardian_consent: true,
            ..minor
        };
        assert_eq!(codes(&minor_signed), vec![]);
        let no_form = Facts {
            has_consent_form: false,
            ..clean()
        };
        fails(&no_form, "INT-11", "no_consent_form", Severity::Hard);
        let self_found = Facts {
            has_consent_form: false,
            self_found: true,
            ..clean()
        };
        assert_eq!(
            codes(&self_found),
            vec![],
            "the consent form is for school-arranged internships"
        );
    }

    #[test]
    fn int_12_insurance_covers_the_whole_period_and_the_student_never_pays() {
        let none = Facts {
            policy_no: String::new(),
            ..clean()
        };
        fails(&none, "INT-12", "no_insurance", Severity::Hard);
        let gap = Facts {
            cover_to: Some(date!(2027 - 08 - 30)),
            ..clean()
        };
        fails(&gap, "INT-12", "cover_gap", Severity::Hard);
        let student = Facts {
            premium_payer: Some(PremiumPayer::Student),
            ..clean()
        };
        fails(&student, "INT-12", "student_pays_premium", Severity::Hard);
        let nobody = Facts {
            premium_payer: None,
            ..clean()
        };
        fails(&nobody, "INT-12", "no_premium_payer", Severity::Hard);
        let host_pays = Facts {
            premium_payer: Some(PremiumPayer::Host),
            ..clean()
        };
        assert_eq!(codes(&host_pays), vec![]);
    }

    #[test]
    fn int_13_both_supervisors_are_named_or_a_warning_is_shown() {
        let f = Facts {
            has_school_supervisor: false,
            has_host_supervisor: false,
            ..clean()
        };
        fails(&f, "INT-13", "no_school_supervisor", Severity::Soft);
        fails(&f, "INT-13", "no_host_supervisor", Severity::Soft);
        assert!(
            check(&f, &InternshipRules::default())
                .iter()
                .all(|r| !r.is_hard())
        );
    }

    #[test]
    fn int_14_a_self_found_host_faces_the_same_rules_and_a_minor_chooses_with_the_guardian() {
        let minor_alone = Facts {
            self_found: true,
            has_consent_form: false,
            birth_date: date!(2010 - 01 - 01),
            ..clean()
        };
        fails(
            &minor_alone,
            "INT-14",
            "self_found_without_guardian",
            Severity::Hard,
        );
        let same_rules = Facts {
            self_found: true,
            overtime: true,
            ..clean()
        };
        fails(&same_rules, "INT-05", "overtime", Severity::Hard);
    }

    #[test]
    fn every_failure_is_listed_hard_ones_first() {
        let bad = Facts {
            overtime: true,
            fees_charged: 100,
            has_host_supervisor: false,
            reference_wage: None,
            ..clean()
        };
        let found = check(&bad, &InternshipRules::default());
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[0].is_hard() && found[1].is_hard());
        assert!(!found[2].is_hard() && !found[3].is_hard());
    }
}
