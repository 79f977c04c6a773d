//! Printable paperwork of an internship, as schools hand it to 教育局 and
//! 人社局: the tripartite agreement (三方协议) filled from the internship's
//! facts, the weekly-log booklet and the supervisor's visit record, each an
//! A4 sheet with a print button and the way back. Open to whoever may see
//! the internship; names are shown as that reader sees them.

use super::*;

/// Which paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Paper {
    Agreement,
    Logs,
    Visits,
}

impl Paper {
    fn parse(text: &str) -> Option<Paper> {
        match text {
            "agreement" => Some(Paper::Agreement),
            "logs" => Some(Paper::Logs),
            "visits" => Some(Paper::Visits),
            _ => None,
        }
    }
}

#[derive(Template)]
#[template(path = "training/internship_print.html")]
struct PrintPage {
    l: Layout,
    id: String,
    heading: &'static str,
    agreement: bool,
    logs_booklet: bool,
    visits_record: bool,
    facts: Vec<Fact>,
    school: String,
    host: String,
    trainee: String,
    logs: Vec<LogLine>,
    visits: Vec<(String, String, String)>,
    printed_on: String,
}

/// `GET /internships/{id}/print/{paper}` (`agreement`, `logs`, `visits`).
pub async fn print(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, paper)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let id: InternshipId = id
        .parse()
        .map_err(|_| PageError::new(lang, Error::NotFound("internship")))?;
    let paper =
        Paper::parse(&paper).ok_or_else(|| PageError::new(lang, Error::NotFound("page")))?;
    let v = training::get(&state.app, &ctx.actor, id).await?;
    let (school, host, trainee) = (
        v.school_name.clone(),
        v.host_name.clone(),
        format!("{} {}", v.student_no, v.trainee_name),
    );
    let page = detail(&state, &ctx, v, Vec::new(), FormErrors::default());
    render(
        lang,
        &PrintPage {
            heading: match paper {
                Paper::Agreement => "paper.agreement",
                Paper::Logs => "paper.logs",
                Paper::Visits => "paper.visits",
            },
            agreement: paper == Paper::Agreement,
            logs_booklet: paper == Paper::Logs,
            visits_record: paper == Paper::Visits,
            id: page.id,
            facts: page.facts,
            school,
            host,
            trainee,
            logs: page.logs,
            visits: page.visits,
            printed_on: gongjiang_domain::demand::iso(state.app.now().date_cst()),
            l: page.l,
        },
    )
}
