//! The talent chain in the demo, after the alliance, its trainees and the
//! placement round are loaded: the work-study structure of a few majors,
//! completed learning tasks, internships (in progress with weekly logs, one
//! ready, one draft that fails the rules, finished ones of the last two years'
//! graduates), employment with 6- and 12-month follow-ups (some due now),
//! and an evaluation institution whose passing candidates hold certificates
//! (one revoked).
//!
//! Everything goes through the use cases (`training`, `employment`,
//! `evaluation`, `certificates`) acting as the demo accounts, so the demo
//! obeys the same rules and leaves the same audit trail as real use. Two
//! exceptions, both with the use case's own checks repeated: weekly log
//! entries of trainees who have no account (only the demo trainee has one)
//! are stored directly, and acting for units without a demo account uses a
//! stand-in user `demo`. Dates are relative to today and choices fixed, so
//! the same day gives the same demo; signing keys and verify tokens are
//! random, as they must be.

mod plans;
mod steps;

use crate::App;
use crate::demo::Loaded;
use crate::error::{Error, Result};
use gongjiang_domain::accounts::Role;
use gongjiang_domain::demand::iso;
use gongjiang_domain::employment::{EmploymentInput, OutcomeInput, add_months};
use gongjiang_domain::evaluation::{FilingInput, InstitutionInput, ScoresInput, SessionInput};
use gongjiang_domain::ids::{MajorId, OrgId};
use gongjiang_domain::members::OrgKind;
use gongjiang_domain::supply::{Cohort, Trainee, TraineeStatus};
use gongjiang_domain::training::{
    self as rules, InternshipStatus, LearningRecordInput, LearningTask,
};
use plans::{ASSESSORS, DISPLAY, LOG_TEXT, plan_for};
use steps::{
    account, age_on, internship, internship_input, log_without_account, review, stand_in,
    structure, trainees_of, yes,
};
use time::{Date, Duration};

/// What the chain loader added.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Typical work tasks (with their courses and learning tasks).
    pub work_tasks: usize,
    /// Learning tasks.
    pub learning_tasks: usize,
    /// Completed learning tasks recorded.
    pub learning_records: usize,
    /// Internships of every status.
    pub internships: usize,
    /// Weekly log entries.
    pub log_entries: usize,
    /// Employment records.
    pub employment: usize,
    /// Follow-ups entered.
    pub follow_ups: usize,
    /// Certificates issued (one of them revoked).
    pub certificates: usize,
}

/// Loads the chain into a demo whose schools, trainees and round are loaded
/// (`demo_scale::load` calls it last).
pub async fn load(app: &App, loaded: &Loaded) -> Result<Report> {
    let mut report = Report::default();
    let today = app.now().date_cst();
    let year = i64::from(today.year());
    let school = account(app, loaded, "school-admin", loaded.school, Role::OrgAdmin).await?;
    let hr = account(app, loaded, "hr", loaded.enterprise, Role::Staff).await?;
    let trainee_account = account(app, loaded, "trainee", loaded.school, Role::Trainee).await?;
    let secretariat = account(app, loaded, "secretariat", loaded.chair, Role::Secretariat).await?;
    let writer = stand_in(app, loaded, loaded.school, Role::Trainee).await?;
    let (majors, cohorts, chair_majors, others, me) = {
        let mut conn = app.db.read().await?;
        let majors = gongjiang_store::supply::majors(&mut conn, Some(loaded.school)).await?;
        let cohorts = gongjiang_store::supply::cohorts(&mut conn, Some(loaded.school)).await?;
        let chair_majors = gongjiang_store::supply::majors(&mut conn, Some(loaded.chair)).await?;
        let (roster, _) = gongjiang_store::members::roster(
            &mut conn,
            loaded.alliance,
            &Default::default(),
            0,
            10_000,
        )
        .await?;
        let others: Vec<OrgId> = roster
            .iter()
            .filter(|e| e.org.kind == OrgKind::Enterprise && e.org.id != loaded.enterprise)
            .map(|e| e.org.id)
            .take(4)
            .collect();
        let user = gongjiang_store::accounts::user_by_login(&mut conn, "trainee")
            .await?
            .ok_or_else(|| Error::Internal("no demo trainee account".into()))?;
        let me = gongjiang_store::rounds::trainee_of_user(&mut conn, user.id)
            .await?
            .ok_or_else(|| Error::Internal("the demo trainee account is not linked".into()))?;
        (majors, cohorts, chair_majors, others, me)
    };
    let other = *others
        .first()
        .ok_or_else(|| Error::Internal("the demo has one enterprise only".into()))?;
    {
        // The intern caps (INT-08) need every host's staff.
        let mut tx = app.db.write().await?;
        for (k, &org) in others.iter().enumerate() {
            gongjiang_store::rounds::set_enterprise_staff(
                &mut tx,
                org,
                600 + 150 * i64::try_from(k).unwrap_or(0),
                app.now(),
            )
            .await?;
        }
        tx.commit().await.map_err(gongjiang_store::Error::from)?;
    }

    // 1. Work-study structures: every major of the demo school, and the chair's display major.
    let mut tasks_of: Vec<(MajorId, Vec<LearningTask>)> = Vec::new();
    for m in &majors {
        let tasks = structure(app, &school, m.id, plan_for(m), &mut report).await?;
        tasks_of.push((m.id, tasks));
    }
    if let Some(m) = chair_majors.iter().find(|m| m.name.contains("显示")) {
        let chair_staff = stand_in(app, loaded, loaded.chair, Role::OrgAdmin).await?;
        structure(app, &chair_staff, m.id, DISPLAY, &mut report).await?;
    }

    // 2. Completed learning tasks: the demo trainee, and the first trainees of each cohort past its first year.
    let mut by_cohort: Vec<(Cohort, Vec<Trainee>)> = Vec::new();
    for c in cohorts.iter().filter(|c| c.entry_year <= year) {
        by_cohort.push((c.clone(), trainees_of(app, c).await?));
    }
    for (c, list) in &by_cohort {
        let Some((_, tasks)) = tasks_of.iter().find(|(m, _)| *m == c.major_id) else {
            continue;
        };
        let grade = year - c.entry_year + 1;
        if grade < 2 {
            continue;
        }
        let sample = list
            .iter()
            .filter(|t| t.id == me)
            .chain(list.iter().filter(|t| t.id != me).take(6));
        for (n, t) in sample.enumerate() {
            let done =
                if t.id == me { 4 } else { 1 + n % 4 } + usize::try_from(grade - 2).unwrap_or(0);
            for (k, task) in tasks.iter().take(done).enumerate() {
                let on = today - Duration::days(i64::try_from(20 + 14 * (done - k)).unwrap_or(20));
                crate::training::record_learning(
                    app,
                    &school,
                    t.id,
                    &LearningRecordInput {
                        learning_task_id: task.id.to_string(),
                        hours: (task.fields.hours + i64::try_from(n % 3).unwrap_or(0) * 2)
                            .to_string(),
                        place: if k % 3 == 2 { "enterprise" } else { "school" }.into(),
                        assessor: ASSESSORS[(n + k) % ASSESSORS.len()].into(),
                        completed_on: iso(on),
                    },
                )
                .await?;
                report.learning_records += 1;
            }
        }
    }

    // 3. Internships of the third-year cohorts.
    let monday = rules::week_of(today);
    let third: Vec<&Trainee> = by_cohort
        .iter()
        .filter(|(c, _)| c.entry_year == year - 2)
        .flat_map(|(_, l)| l.iter())
        .collect();
    let me_trainee =
        third.iter().find(|t| t.id == me).copied().ok_or_else(|| {
            Error::Internal("the demo trainee is not in a third-year cohort".into())
        })?;
    // The demo trainee: a cognitive internship at the demo enterprise, five weeks in.
    {
        let start = monday - Duration::weeks(4);
        let input = internship_input(
            me_trainee,
            loaded.enterprise,
            "认识实习·生产线跟岗（演示）",
            start,
            monday + Duration::days(11),
            1500,
            true,
            false,
        );
        let i = internship(
            app,
            &school,
            &input,
            me_trainee,
            InternshipStatus::InProgress,
            &mut report,
        )
        .await?;
        // Weeks 1–2 confirmed, week 3 queried, week 4 missing, this week waiting for review.
        for w in 0..5i64 {
            if w == 3 {
                continue;
            }
            let week = start + Duration::weeks(w);
            let e = crate::training::write_log(
                app,
                &trainee_account,
                i.id,
                &iso(week),
                LOG_TEXT[usize::try_from(w).unwrap_or(0) % LOG_TEXT.len()],
            )
            .await?;
            if w < 4 {
                review(app, &hr, i.id, &e, w == 2, &mut report).await?;
            } else {
                report.log_entries += 1;
            }
        }
        crate::training::record_visit(
            app,
            &school,
            i.id,
            &iso(start + Duration::days(9)),
            "到企业看望学员，了解跟岗安排与安全培训情况，带教师傅反馈良好。",
        )
        .await?;
    }
    // Position internships in progress: trainees already marked as interning.
    let interns: Vec<&Trainee> = third
        .iter()
        .filter(|t| t.id != me && t.status == TraineeStatus::Interning)
        .copied()
        .take(5)
        .collect();
    let other_host = stand_in(app, loaded, other, Role::OrgAdmin).await?;
    for (n, t) in interns.iter().enumerate() {
        let start = monday - Duration::weeks(i64::try_from(8 + n).unwrap_or(8));
        let end = add_months(start, 6) - Duration::days(1);
        let (host, host_actor, post) = if n < 3 {
            (loaded.enterprise, &hr, "岗位实习·工艺操作（演示）")
        } else {
            (other, &other_host, "岗位实习·设备维护（演示）")
        };
        let input = internship_input(
            t,
            host,
            post,
            start,
            end,
            3600 + 100 * i64::try_from(n).unwrap_or(0),
            false,
            false,
        );
        let i = internship(
            app,
            &school,
            &input,
            t,
            InternshipStatus::InProgress,
            &mut report,
        )
        .await?;
        let weeks = i64::try_from(8 + n).unwrap_or(8);
        for w in 0..=weeks {
            // Some weeks are missing (n = 1, 3); one entry is queried (n = 0).
            if (n == 1 && (w == 3 || w == 4)) || (n == 3 && w == 6) {
                continue;
            }
            let text = LOG_TEXT[usize::try_from(w).unwrap_or(0) % LOG_TEXT.len()];
            let e = log_without_account(app, &writer, &i, start + Duration::weeks(w), text).await?;
            if w + 1 < weeks {
                review(app, host_actor, i.id, &e, n == 0 && w == 5, &mut report).await?;
            } else {
                report.log_entries += 1;
            }
        }
        if n == 0 {
            crate::training::record_visit(
                app,
                &school,
                i.id,
                &iso(start + Duration::weeks(4)),
                "巡查实习岗位，核对工时记录与保险，学员适应良好。",
            )
            .await?;
        }
    }
    // One ready to start next month, and one draft the rules refuse: a minor on a night-shift post.
    let waiting: Vec<&Trainee> = third
        .iter()
        .filter(|t| t.id != me && t.status == TraineeStatus::Enrolled)
        .copied()
        .collect();
    if let Some(t) = waiting.first() {
        let start = rules::week_of(add_months(today, 1));
        let input = internship_input(
            t,
            loaded.enterprise,
            "岗位实习·品质检验（演示）",
            start,
            add_months(start, 6) - Duration::days(1),
            3800,
            false,
            false,
        );
        internship(
            app,
            &school,
            &input,
            t,
            InternshipStatus::Ready,
            &mut report,
        )
        .await?;
    }
    if let Some(t) = waiting
        .iter()
        .skip(1)
        .find(|t| age_on(t, add_months(today, 1)) < 18)
    {
        let start = rules::week_of(add_months(today, 1));
        let input = internship_input(
            t,
            loaded.enterprise,
            "岗位实习·夜班压合操作（演示）",
            start,
            add_months(start, 6) - Duration::days(1),
            3000,
            false,
            true,
        );
        internship(
            app,
            &school,
            &input,
            t,
            InternshipStatus::Draft,
            &mut report,
        )
        .await?;
    }

    // 4. Last years' graduates: a finished internship (kept on by the host) and a job with follow-ups.
    let my_cohort = by_cohort
        .iter()
        .find(|(_, l)| l.iter().any(|t| t.id == me))
        .map(|(c, l)| (c.clone(), l.clone()));
    let my_major = my_cohort
        .as_ref()
        .and_then(|(c, _)| majors.iter().find(|m| m.id == c.major_id))
        .or_else(|| majors.iter().find(|m| !m.occupations.is_empty()));
    let graduates = match my_major {
        Some(m) => crate::demo::scale::graduates(app, loaded.school, m).await?,
        None => Vec::new(),
    };
    let employers = [
        loaded.enterprise,
        other,
        others.get(1).copied().unwrap_or(other),
    ];
    for (c, list) in &graduates {
        let older = c.graduation_year == year - 2;
        for (n, t) in list.iter().enumerate() {
            let employer = employers[n % employers.len()];
            // July 1 of the graduation year, or June for interns kept on.
            let graduation = Date::from_calendar_date(
                i32::try_from(c.graduation_year).unwrap_or(today.year()),
                time::Month::July,
                1,
            )
            .map_err(|e| Error::Internal(e.to_string()))?;
            let kept_on = n % 2 == 0 && n < 16;
            if kept_on {
                let start = rules::week_of(add_months(graduation, -6));
                let end = graduation - Duration::days(1);
                let input = internship_input(
                    t,
                    employer,
                    "岗位实习·生产操作（演示）",
                    start,
                    end,
                    3400,
                    false,
                    false,
                );
                internship(
                    app,
                    &school,
                    &input,
                    t,
                    InternshipStatus::Finished,
                    &mut report,
                )
                .await?;
            }
            if n % 10 == 9 {
                continue; // about one in ten has no job recorded (further study, the army …)
            }
            let start = if kept_on {
                graduation
            } else {
                graduation + Duration::days(i64::try_from(n % 20).unwrap_or(0))
            };
            let job = crate::employment::record_by_hand(
                app,
                &school,
                &crate::employment::ManualInput {
                    trainee_id: t.id.to_string(),
                    job: EmploymentInput {
                        employer_org_id: employer.to_string(),
                        post: ["工艺操作员", "品质检验员", "设备维护技术员"][n % 3].into(),
                        start_on: iso(start),
                        wage: (4200 + 100 * i64::try_from(n % 8).unwrap_or(0)).to_string(),
                    },
                    ..Default::default()
                },
            )
            .await?;
            report.employment += 1;
            // Follow-ups: the older year has both (two 12-month ones left due, one left the job);
            // the recent one has its 6-month follow-up for every other record, the rest due now.
            let enter: &[i64] = if older {
                if n % 7 == 3 { &[6] } else { &[6, 12] }
            } else if n % 2 == 1 {
                &[6]
            } else {
                &[]
            };
            for &months in enter {
                if add_months(start, months) > today {
                    continue;
                }
                let still = !(months == 12 && n % 5 == 4);
                let by = if employer == loaded.enterprise && n % 3 == 0 {
                    &hr
                } else {
                    &school
                };
                crate::employment::record_outcome(
                    app,
                    by,
                    job.id,
                    &OutcomeInput {
                        months: months.to_string(),
                        still_employed: yes(still),
                        wage: if still {
                            (4400 + 150 * months + 100 * i64::try_from(n % 5).unwrap_or(0))
                                .to_string()
                        } else {
                            String::new()
                        },
                        note: if still {
                            String::new()
                        } else {
                            "已离职，转至外地企业".into()
                        },
                    },
                )
                .await?;
                report.follow_ups += 1;
            }
        }
    }

    // 5. Evaluation: the demo school as an institution, a level-4 session of
    // the demo trainee's occupation, certificates for those who pass (one revoked).
    // The demo trainee and their classmates are eligible in their final year
    // (from September); last year's graduates of the same major always are.
    let occupation = my_major.and_then(|m| m.occupations.first().cloned());
    if let (Some((_, classmates)), Some(occupation)) = (my_cohort, occupation) {
        crate::evaluation::register_institution(
            app,
            &secretariat,
            loaded.school,
            &InstitutionInput {
                kind: "S".into(),
                institution_code: "0000".into(),
                province_code: "42".into(),
                site_code: "000101".into(),
            },
        )
        .await?;
        crate::evaluation::add_filing(
            app,
            &secretariat,
            loaded.school,
            &FilingInput {
                occupation_code: occupation.clone(),
                levels: vec!["level4".into(), "level3".into()],
                filed_with: "湖北省人力资源和社会保障厅".into(),
                reference: format!("鄂人社评备〔{}〕12号（演示）", year - 1),
                valid_from: format!("{}-01-01", year - 1),
                valid_to: format!("{}-12-31", year + 2),
            },
        )
        .await?;
        let session = crate::evaluation::create_session(
            app,
            &school,
            &SessionInput {
                occupation_code: occupation.clone(),
                level: "level4".into(),
                held_on: iso(today - Duration::days(10)),
                venue: "示例学院实训楼 A201（演示）".into(),
                examiners: "程老师、柯师傅".into(),
            },
        )
        .await?;
        let candidates: Vec<&Trainee> = classmates
            .iter()
            .filter(|t| t.id == me)
            .chain(classmates.iter().filter(|t| t.id != me).take(9))
            .chain(graduates.iter().rev().flat_map(|(_, l)| l.iter()).take(5))
            .collect();
        for (n, t) in candidates.iter().enumerate() {
            // Not eligible (outside the final year): skipped, as the school would.
            let Ok(c) = crate::evaluation::add_candidate(app, &school, session.id, t.id).await?
            else {
                continue;
            };
            let (theory, practical) = if n % 5 == 4 {
                (55, 72)
            } else {
                (68 + (n % 4) * 7, 71 + (n % 3) * 8)
            };
            crate::evaluation::record_scores(
                app,
                &school,
                c.id,
                &ScoresInput {
                    theory: theory.to_string(),
                    practical: practical.to_string(),
                    review: String::new(),
                },
            )
            .await?;
        }
        let issued = crate::certificates::issue_session(
            app,
            &school,
            session.id,
            &crate::progress::Progress::new(),
        )
        .await?;
        report.certificates = usize::try_from(issued.issued).unwrap_or(0);
        // Newest first: all were issued today, so the highest number leads.
        let (list, _) = crate::certificates::list(app, &school, 1, 200).await?;
        if let Some(c) = list
            .iter()
            .filter(|c| c.trainee_id != me)
            .max_by_key(|c| c.number.clone())
        {
            crate::certificates::revoke(
                app,
                &school,
                c.id,
                "成绩录入有误，已撤销并将重新评定（演示）",
            )
            .await?;
        }
    }
    Ok(report)
}
