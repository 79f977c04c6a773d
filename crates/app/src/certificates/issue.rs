//! Issuing certificates: one candidate's, or a whole session's (in the
//! foreground or as a background job), numbered, signed and audited; a
//! result whose certificate was revoked waits for a rescore.

use super::*;

pub(super) fn skill_level(level: Level) -> Result<SkillLevel> {
    SkillLevel::from_code(level.digit()).ok_or_else(|| Error::Internal("level without code".into()))
}

pub(super) fn random_hex(bytes: usize) -> String {
    let mut b = vec![0u8; bytes];
    rand::fill(&mut b[..]);
    hex::encode(b)
}

/// Everything issuing for one session needs, loaded once.
struct Issuing {
    session: Session,
    institution: Institution,
    filing: Filing,
    issuer: Issuer,
    authorization: Authorization,
    alliance: Party,
    occupation: Occupation,
    occupation_name: String,
    key: IssuerKey,
    issued_on: Date,
    used: HashSet<i64>,
    next_serial: i64,
}

async fn prepare(
    conn: &mut AnyConnection,
    app: &App,
    actor: &Actor,
    session_id: EvaluationSessionId,
) -> Result<Issuing> {
    let session = load_session(conn, actor, session_id).await?;
    actor.require(Permission::IssueCertificates(session.org_id))?;
    let institution = gongjiang_store::evaluation::institution(conn, session.org_id)
        .await?
        .ok_or(Error::WrongState("certificate.no_filing".into()))?;
    let issued_on = app.now().date_cst();
    // CERT-01: an active filing covering the occupation and level on the issue date.
    let filing = gongjiang_store::evaluation::filings(conn, session.org_id)
        .await?
        .into_iter()
        .find(|f| f.covers(&session.occupation_code, session.level, issued_on))
        .ok_or(Error::WrongState("certificate.no_filing".into()))?;
    let org = gongjiang_store::members::get_org(conn, session.org_id)
        .await?
        .ok_or(Error::NotFound("organization"))?;
    let alliance = gongjiang_store::members::first_alliance(conn)
        .await?
        .ok_or(Error::NotSetUp)?;
    let secretariat_did = match alliance.host_org_id {
        Some(chair) => org_did(app, chair)?,
        None => alliance_did(app)?,
    };
    let did = org_did(app, session.org_id)?;
    let codes = InstitutionCodes::new(
        match institution.kind {
            InstitutionKind::Employer => gongjiang_credentials::InstitutionKind::Employer,
            InstitutionKind::Social => gongjiang_credentials::InstitutionKind::SocialOrganisation,
        },
        &institution.institution_code,
        &institution.province_code,
        &institution.site_code,
    )
    .map_err(internal)?;
    let occupation_name = gongjiang_store::demand::occupations(conn)
        .await?
        .into_iter()
        .find(|o| o.code == session.occupation_code)
        .map(|o| o.name)
        .unwrap_or_default();
    let authorization = Authorization {
        authorized_by: Party::new(&secretariat_did, &format!("{}秘书处", alliance.name))
            .map_err(internal)?,
        reference: filing.reference.clone(),
        issuer: did.clone(),
        occupation_code: filing.occupation_code.clone(),
        levels: filing
            .levels
            .iter()
            .map(|l| skill_level(*l))
            .collect::<Result<_>>()?,
        valid_from: date_field(&filing.valid_from).map_err(|_| internal("filing date"))?,
        valid_until: filing.valid_to.as_deref().and_then(|d| date_field(d).ok()),
    };
    let used = store::used_indexes(conn, session.org_id)
        .await?
        .into_iter()
        .flat_map(|(r, s)| [r, s])
        .collect();
    let year = i64::from(issued_on.year());
    Ok(Issuing {
        key: signing_key(conn, app, session.org_id).await?,
        next_serial: store::next_serial(conn, session.org_id, year).await?,
        issuer: Issuer {
            party: Party::new(&did, &org.name).map_err(internal)?,
            codes,
        },
        occupation: Occupation::new(&session.occupation_code, &occupation_name, None)
            .map_err(internal)?,
        alliance: Party::new(&alliance_did(app)?, &alliance.name).map_err(internal)?,
        occupation_name,
        authorization,
        institution,
        filing,
        session,
        issued_on,
        used,
    })
}

impl Issuing {
    /// A random free bit (the same number serves both lists).
    fn free_index(&mut self) -> Result<i64> {
        let limit = gongjiang_credentials::status::MIN_BITS as u64;
        for _ in 0..1000 {
            let i = i64::try_from(rand::random::<u64>() % limit).unwrap_or(0);
            if self.used.insert(i) {
                return Ok(i);
            }
        }
        Err(Error::Internal("status list is full".into()))
    }
}

async fn issue_one(
    conn: &mut AnyConnection,
    app: &App,
    actor: &Actor,
    ctx: &mut Issuing,
    candidate: &Candidate,
    check_live: bool,
) -> Result<Certificate> {
    if candidate.session_id != ctx.session.id {
        return Err(Error::NotFound("candidate"));
    }
    if candidate.passed != Some(true) {
        return Err(Error::WrongState("certificate.not_passed".into()));
    }
    if candidate.rescore_required {
        return Err(Error::WrongState("certificate.rescore_first".into()));
    }
    // The database refuses a second live certificate too; checking first gives the clear answer.
    // (A whole session has been checked once beforehand.)
    if check_live
        && store::of_candidate(conn, candidate.id)
            .await?
            .iter()
            .any(|c| c.status != "revoked")
    {
        return Err(Error::WrongState("certificate.already_issued".into()));
    }
    let trainee = gongjiang_store::supply::get_trainee(conn, candidate.trainee_id)
        .await?
        .ok_or(Error::NotFound("trainee"))?;
    let year = i64::from(ctx.issued_on.year());
    let serial = ctx.next_serial;
    if serial > 999_999 {
        return Err(Error::WrongState("certificate.serials_exhausted".into()));
    }
    let number_text = format!(
        "{}{:02}{}{:06}",
        ctx.issuer.codes.prefix(),
        year % 100,
        ctx.session.level.digit(),
        serial
    );
    let number =
        CertificateNumber::parse(&number_text, &NumberRules::default()).map_err(internal)?;
    let token = random_hex(16);
    let index = ctx.free_index()?;
    let slot = |purpose| StatusSlot {
        list: status_list_url(app, ctx.session.org_id, purpose),
        index: usize::try_from(index).unwrap_or(0),
    };
    let claims = CertificateClaims {
        credential_id: verify_url(app, &token),
        achievement_id: format!(
            "{}/achievements/{}/{}",
            base_url(app),
            ctx.session.occupation_code,
            ctx.session.level.digit()
        ),
        number,
        holder_name: MaskedName::parse(&trainee.name_masked).map_err(internal)?,
        // The platform's random person id, salted: says nothing about the person.
        holder_reference: Some(
            HolderReference::new(
                HolderIdentifierKind::PlatformPersonId,
                &trainee.id.to_string(),
                &random_hex(16),
            )
            .map_err(internal)?,
        ),
        occupation: ctx.occupation.clone(),
        level: skill_level(ctx.session.level)?,
        issued_on: ctx.issued_on,
        valid_until: None,
        issuer: ctx.issuer.clone(),
        authorization: ctx.authorization.clone(),
        alliance: ctx.alliance.clone(),
        status: CertificateStatus {
            revocation: slot(StatusPurpose::Revocation),
            suspension: Some(slot(StatusPurpose::Suspension)),
        },
    };
    let credential = sign(&claims, &ctx.key, odt(app.now())).map_err(internal)?;
    let me = actor.user()?;
    let certificate = Certificate {
        id: CertificateId::new(),
        candidate_id: candidate.id,
        trainee_id: trainee.id,
        org_id: ctx.session.org_id,
        number: number_text,
        issue_year: year,
        serial,
        occupation_code: ctx.session.occupation_code.clone(),
        occupation_name: ctx.occupation_name.clone(),
        subtype: "--".into(),
        level: ctx.session.level,
        holder_name_masked: trainee.name_masked.clone(),
        holder_id_type: "居民身份证".into(),
        holder_id_masked: trainee.id_masked.clone(),
        issued_on: iso(ctx.issued_on),
        token,
        kid: ctx.key.id().as_str().to_string(),
        credential: credential.to_string(),
        revocation_index: index,
        suspension_index: index,
        status: "valid".into(),
        status_reason: None,
        status_on: None,
        issued_by: me.login.clone(),
    };
    store::insert(conn, &certificate, app.now()).await?;
    ctx.next_serial += 1;
    let holder = crate::notifications::trainee_reader(conn, trainee.id).await?;
    let event = crate::notifications::Event::new("certificate.issued", "/me/record")
        .arg("number", &certificate.number)
        .arg("occupation", &certificate.occupation_name);
    crate::notifications::raise(conn, app, &holder, &event).await?;
    record(
        conn,
        app,
        actor,
        "certificate.issue",
        "certificate",
        &certificate.id.to_string(),
        Some(ctx.session.org_id.to_string()),
        json!(null),
        json!({"number": certificate.number, "candidate_id": candidate.id, "level": certificate.level,
            "occupation_code": certificate.occupation_code, "filing": ctx.filing.reference,
            "institution": ctx.institution.org_id, "kid": certificate.kid}),
    )
    .await?;
    Ok(certificate)
}

/// Issues the certificate of one passing result.
pub async fn issue(app: &App, actor: &Actor, candidate: CandidateId) -> Result<Certificate> {
    actor.user()?;
    let mut tx = app.db.write().await?;
    let c = gongjiang_store::evaluation::candidate(&mut tx, candidate)
        .await?
        .ok_or(Error::NotFound("candidate"))?;
    let mut ctx = prepare(&mut tx, app, actor, c.session_id).await?;
    let certificate = issue_one(&mut tx, app, actor, &mut ctx, &c, true).await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(certificate)
}

/// What issuing a whole session did.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SessionIssue {
    /// The session.
    pub session_id: EvaluationSessionId,
    /// Certificates issued now.
    pub issued: u64,
    /// Passing results that already had a certificate.
    pub already: u64,
    /// Passing results left without one, each with the reason.
    pub skipped: Vec<Skipped>,
}

/// A passing result bulk issuing left without a certificate.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Skipped {
    /// The result.
    pub candidate_id: CandidateId,
    /// The trainee, masked (`王*`).
    pub holder: String,
    /// Why: `rescore_first` (its certificate was revoked; score it again).
    pub reason: String,
}

/// Issues a certificate for every passing result of a session that has none,
/// in one transaction (all or nothing), reporting progress per certificate.
pub async fn issue_session(
    app: &App,
    actor: &Actor,
    session: EvaluationSessionId,
    progress: &Progress,
) -> Result<SessionIssue> {
    actor.user()?;
    let mut tx = app.db.write().await?;
    let mut ctx = prepare(&mut tx, app, actor, session).await?;
    let candidates = gongjiang_store::evaluation::candidates(&mut tx, session).await?;
    let live: HashSet<String> = store::live_candidates(&mut tx, ctx.session.org_id)
        .await?
        .into_iter()
        .collect();
    let passing: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.passed == Some(true))
        .collect();
    let mut skipped = Vec::new();
    for c in passing.iter().filter(|c| c.rescore_required) {
        let holder = gongjiang_store::supply::get_trainee(&mut tx, c.trainee_id)
            .await?
            .map(|t| t.name_masked)
            .unwrap_or_default();
        skipped.push(Skipped {
            candidate_id: c.id,
            holder,
            reason: "rescore_first".into(),
        });
    }
    let todo: Vec<&Candidate> = passing
        .iter()
        .copied()
        .filter(|c| !c.rescore_required && !live.contains(&c.id.to_string()))
        .collect();
    progress.stage("store", todo.len() as u64);
    for c in &todo {
        issue_one(&mut tx, app, actor, &mut ctx, c, false).await?;
        progress.advance(1);
    }
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(SessionIssue {
        session_id: session,
        issued: todo.len() as u64,
        already: (passing.len() - todo.len() - skipped.len()) as u64,
        skipped,
    })
}

/// Starts [`issue_session`] as a background job and returns its id.
pub async fn issue_session_in_background(
    app: &App,
    actor: &Actor,
    session: EvaluationSessionId,
) -> Result<JobId> {
    {
        let mut conn = app.db.read().await?;
        let s = load_session(&mut conn, actor, session).await?;
        actor.require(Permission::IssueCertificates(s.org_id))?;
    }
    let owner = actor.clone();
    let org = actor.user()?.org_id;
    crate::jobs::spawn(
        app,
        actor,
        "certificates.issue",
        Some(org),
        move |app, progress| async move {
            match issue_session(&app, &owner, session, &progress).await {
                Ok(done) => crate::jobs::Finish::Done(json!(done)),
                Err(e) => crate::jobs::Finish::Failed(e.to_string()),
            }
        },
    )
    .await
}
