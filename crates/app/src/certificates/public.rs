//! What anyone may read without signing in: issuers' DID documents, the
//! published status lists, a certificate's public check and its signed JSON.

use super::*;

pub(super) async fn public_keys(conn: &mut AnyConnection, org: OrgId) -> Result<PublicKeySet> {
    let mut set = PublicKeySet::new();
    for k in store::keys(conn, org).await? {
        let id = VerificationMethodId::parse(&k.kid).map_err(internal)?;
        set.insert(
            id,
            PublicKey::from_multibase(&k.public_multibase).map_err(internal)?,
        );
    }
    Ok(set)
}

/// An organisation's DID document (public); not found before it has a key.
pub async fn did_document(app: &App, org: OrgId) -> Result<Value> {
    let mut conn = app.db.read().await?;
    let keys = public_keys(&mut conn, org).await?;
    if keys.is_empty() {
        return Err(Error::NotFound("did document"));
    }
    Ok(keys.did_document(&org_did(app, org)?))
}

pub(super) async fn status_list(
    conn: &mut AnyConnection,
    app: &App,
    org: OrgId,
    purpose: StatusPurpose,
) -> Result<StatusList> {
    let mut list = StatusList::new(
        &status_list_url(app, org, purpose),
        &org_did(app, org)?,
        purpose,
    )
    .map_err(internal)?;
    let status = match purpose {
        StatusPurpose::Revocation => "revoked",
        StatusPurpose::Suspension => "suspended",
    };
    for e in store::status_entries(conn, org, status).await? {
        let day = date_field(&e.on).map_err(|_| internal("status date"))?;
        let note = StatusNote::new(&e.reason, day).map_err(internal)?;
        list.set(usize::try_from(e.index).unwrap_or(0), note)
            .map_err(internal)?;
    }
    Ok(list)
}

/// The issuer's `purpose` list as far as `c` is concerned: its own bit set,
/// with its reason and day, when it is revoked or suspended for that purpose.
fn own_status(app: &App, c: &Certificate, purpose: StatusPurpose) -> Result<StatusList> {
    let mut list = StatusList::new(
        &status_list_url(app, c.org_id, purpose),
        &org_did(app, c.org_id)?,
        purpose,
    )
    .map_err(internal)?;
    let (status, index) = match purpose {
        StatusPurpose::Revocation => ("revoked", c.revocation_index),
        StatusPurpose::Suspension => ("suspended", c.suspension_index),
    };
    if c.status == status {
        let day = date_field(c.status_on.as_deref().unwrap_or_default())
            .map_err(|_| internal("status date"))?;
        let note = StatusNote::new(c.status_reason.as_deref().unwrap_or_default(), day)
            .map_err(internal)?;
        list.set(usize::try_from(index).unwrap_or(0), note)
            .map_err(internal)?;
    }
    Ok(list)
}

/// An organisation's status list as a signed credential (public), valid for
/// [`STATUS_LIST_DAYS`] from now.
pub async fn published_status_list(app: &App, org: OrgId, purpose: StatusPurpose) -> Result<Value> {
    let mut conn = app.db.read().await?;
    let Some(k) = store::keys(&mut conn, org).await?.pop() else {
        return Err(Error::NotFound("status list"));
    };
    let key = open_key(app, &k)?;
    let list = status_list(&mut conn, app, org, purpose).await?;
    let now = odt(app.now());
    list.to_credential(&key, now, Some(now + Duration::days(STATUS_LIST_DAYS)), now)
        .map_err(internal)
}

/// What the public verify page shows: nothing personal beyond the masked name.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PublicCheck {
    /// `valid`, or the reason code (`revoked`, `suspended`, `bad_signature`…).
    pub outcome: String,
    /// Whether the signature checked out.
    pub signature_ok: bool,
    /// Certificate name.
    pub certificate_name: String,
    /// Number.
    pub number: String,
    /// Masked holder name.
    pub holder_name: String,
    /// Occupation code.
    pub occupation_code: String,
    /// Occupation name.
    pub occupation_name: String,
    /// 工种/职业方向.
    pub subtype: String,
    /// Level wording.
    pub level: String,
    /// Issuer name.
    pub issuer: String,
    /// Issuer DID.
    pub issuer_id: String,
    /// Who authorized the issuer, and the filing reference.
    pub authorized_by: String,
    /// Filing reference.
    pub authorization_reference: String,
    /// Issue date.
    pub issued_on: String,
    /// Revocation or suspension reason.
    pub status_reason: Option<String>,
    /// Since when.
    pub status_on: Option<String>,
}

/// Verifies the certificate a token names, against the issuer's published
/// keys and the platform's current status lists (public).
pub async fn check(app: &App, token: &str) -> Result<(PublicCheck, Certificate)> {
    let mut conn = app.db.read().await?;
    let c = store::by_token(&mut conn, token)
        .await?
        .ok_or(Error::NotFound("certificate"))?;
    let keys = public_keys(&mut conn, c.org_id).await?;
    // The verifier reads only this credential's own bit of each list, so the
    // lists are built with that bit alone, from the certificate's own row:
    // the same answer as the published lists give, without reading every
    // revoked or suspended certificate of the issuer on each check.
    let mut lists = StatusLists::new();
    for purpose in [StatusPurpose::Revocation, StatusPurpose::Suspension] {
        lists.insert(own_status(app, &c, purpose)?);
    }
    let v = gongjiang_credentials::verify(&c.credential, &keys, odt(app.now()), &lists);
    let (outcome, reason, on) = match &v.outcome {
        Outcome::Valid => ("valid".to_string(), None, None),
        Outcome::Invalid(
            r @ (Reason::Revoked { reason, date } | Reason::Suspended { reason, date }),
        ) => (r.code().to_string(), reason.clone(), date.map(iso)),
        Outcome::Invalid(r) => (r.code().to_string(), None, None),
    };
    let d = v.details.as_ref();
    let view = PublicCheck {
        outcome,
        signature_ok: d.is_some(),
        certificate_name: d.map(|d| d.certificate_name.clone()).unwrap_or_default(),
        number: d.map(|d| d.number.clone()).unwrap_or_default(),
        holder_name: d.map(|d| d.holder_name.clone()).unwrap_or_default(),
        occupation_code: d.map(|d| d.occupation_code.clone()).unwrap_or_default(),
        occupation_name: d.map(|d| d.occupation_name.clone()).unwrap_or_default(),
        subtype: d.map(|d| d.subtype.clone()).unwrap_or_default(),
        level: d.map(|d| d.level.wording().to_string()).unwrap_or_default(),
        issuer: d.map(|d| d.issuer_name.clone()).unwrap_or_default(),
        issuer_id: d.map(|d| d.issuer_id.clone()).unwrap_or_default(),
        authorized_by: d.map(|d| d.authorized_by.clone()).unwrap_or_default(),
        authorization_reference: d
            .map(|d| d.authorization_reference.clone())
            .unwrap_or_default(),
        issued_on: d.map(|d| iso(d.issued_on)).unwrap_or_default(),
        status_reason: reason,
        status_on: on,
    };
    Ok((view, c))
}

/// The signed credential JSON a token names, exactly as issued (public: it
/// carries only the masked name).
pub async fn credential(app: &App, token: &str) -> Result<(String, String)> {
    let mut conn = app.db.read().await?;
    let c = store::by_token(&mut conn, token)
        .await?
        .ok_or(Error::NotFound("certificate"))?;
    Ok((c.number, c.credential))
}
