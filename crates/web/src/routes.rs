//! Every route, in one readable list, each with who may use it.
//!
//! A route is added through [`Registry`], which records its method, path,
//! access rule and summary beside the handler. The list feeds the API docs
//! page, the OpenAPI document and the tests that walk every route as every
//! persona; a route cannot be added without saying who may use it.

use crate::state::AppState;
use crate::{api, assets, layers, pages};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodFilter, MethodRouter};
use gongjiang_app::policy::Kind;
use std::collections::BTreeMap;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in user (what they see is scoped by the use case).
    SignedIn,
    /// Signed-in users whose role holds this permission in the policy table.
    Policy(Kind),
}

/// A documented route.
#[derive(Debug, Clone)]
pub struct RouteSpec {
    /// HTTP method.
    pub method: Method,
    /// Path pattern (`/api/v1/organizations/{id}`).
    pub path: &'static str,
    /// Who may use it.
    pub access: Access,
    /// One line on what it does.
    pub summary: &'static str,
    /// For API routes: the JSON schema of the request body, if any.
    pub body: Option<fn() -> serde_json::Value>,
}

impl RouteSpec {
    /// True for JSON API routes.
    pub fn is_api(&self) -> bool {
        self.path.starts_with("/api/v1/")
    }
}

/// Collects routes and their specs.
pub struct Registry {
    methods: BTreeMap<&'static str, MethodRouter<AppState>>,
    specs: Vec<RouteSpec>,
}

fn filter(method: &Method) -> MethodFilter {
    match *method {
        Method::POST => MethodFilter::POST,
        Method::PUT => MethodFilter::PUT,
        Method::PATCH => MethodFilter::PATCH,
        Method::DELETE => MethodFilter::DELETE,
        _ => MethodFilter::GET,
    }
}

impl Registry {
    fn new() -> Self {
        Registry {
            methods: BTreeMap::new(),
            specs: Vec::new(),
        }
    }

    fn add<H, T>(
        mut self,
        method: Method,
        path: &'static str,
        access: Access,
        summary: &'static str,
        body: Option<fn() -> serde_json::Value>,
        handler: H,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let existing = self.methods.remove(path).unwrap_or_default();
        self.methods
            .insert(path, existing.on(filter(&method), handler));
        self.specs.push(RouteSpec {
            method,
            path,
            access,
            summary,
            body,
        });
        self
    }

    /// Adds a page or a body-less API route.
    pub fn route<H, T>(
        self,
        method: Method,
        path: &'static str,
        access: Access,
        summary: &'static str,
        handler: H,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(method, path, access, summary, None, handler)
    }

    /// Adds an API route with a JSON body described by `body`.
    pub fn json<H, T>(
        self,
        method: Method,
        path: &'static str,
        access: Access,
        summary: &'static str,
        body: fn() -> serde_json::Value,
        handler: H,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(method, path, access, summary, Some(body), handler)
    }

    /// Adds a route that accepts uploads up to the upload limit (imports).
    pub fn upload<H, T>(
        mut self,
        method: Method,
        path: &'static str,
        access: Access,
        summary: &'static str,
        limit: usize,
        handler: H,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let existing = self.methods.remove(path).unwrap_or_default();
        let route = MethodRouter::new()
            .on(filter(&method), handler)
            .layer(DefaultBodyLimit::max(limit));
        self.methods.insert(path, existing.merge(route));
        self.specs.push(RouteSpec {
            method,
            path,
            access,
            summary,
            body: None,
        });
        self
    }

    /// The documented routes.
    pub fn specs(&self) -> &[RouteSpec] {
        &self.specs
    }
}

use Access::{Policy, Public, SignedIn};

/// Every route of the platform, one per line.
#[rustfmt::skip]
pub fn registry() -> Registry {
    let upload_limit = crate::state::WebConfig::default().max_upload_bytes;
    let get = Method::GET;
    let post = Method::POST;
    Registry::new()
        // Pages
        .route(get.clone(), "/", Public, "home page", pages::home::show)
        .route(get.clone(), "/members", Public, "public member roster", pages::members::roster)
        .route(get.clone(), "/members.csv", Public, "the roster as CSV (same filters)", pages::members::roster_csv)
        .route(get.clone(), "/members.xlsx", Public, "the roster as a workbook (same filters)", pages::members::roster_xlsx)
        .route(get.clone(), "/members/{id}", Public, "organisation profile", pages::members::profile)
        .route(get.clone(), "/apply", Public, "membership application form", pages::members::apply_form)
        .route(post.clone(), "/apply", Public, "file a membership application", pages::members::apply)
        .route(get.clone(), "/login", Public, "sign-in form", pages::accounts::login_form)
        .route(post.clone(), "/login", Public, "sign in", pages::accounts::login)
        .route(post.clone(), "/logout", SignedIn, "sign out", pages::accounts::logout)
        .route(get.clone(), "/lang/{code}", Public, "switch the interface language", pages::home::switch_lang)
        .route(get.clone(), "/account", Policy(Kind::ManageOwnAccount), "my account", pages::accounts::account)
        .route(post.clone(), "/account/password", Policy(Kind::ManageOwnAccount), "change my password", pages::accounts::change_password)
        .route(post.clone(), "/account/switch", SignedIn, "act for another of my units", pages::accounts::switch)
        .route(post.clone(), "/account/tokens", Policy(Kind::ManageOwnAccount), "create an API token", pages::accounts::create_token)
        .route(post.clone(), "/account/tokens/{id}/revoke", Policy(Kind::ManageOwnAccount), "revoke an API token", pages::accounts::revoke_token)
        .route(get.clone(), "/org/{id}/edit", Policy(Kind::EditOrgProfile), "edit form of a unit's profile", pages::members::edit_form)
        .route(post.clone(), "/org/{id}/edit", Policy(Kind::EditOrgProfile), "save a unit's profile", pages::members::edit)
        .route(get.clone(), "/org/{id}/people", Policy(Kind::ViewOrgPrivate), "a unit's people and invitations", pages::accounts::people)
        .route(post.clone(), "/org/{id}/invitations", Policy(Kind::InviteStaff), "create an invitation link", pages::accounts::invite)
        .route(post.clone(), "/org/{id}/people/{user}/status", Policy(Kind::EditOrgProfile), "disable or enable a staff account", pages::accounts::set_status)
        .route(get.clone(), "/invite/{token}", Public, "invitation acceptance form", pages::accounts::invitation_form)
        .route(post.clone(), "/invite/{token}", Public, "accept an invitation", pages::accounts::accept_invitation)
        .route(get.clone(), "/admin/applications", Policy(Kind::ReviewApplications), "applications waiting for review", pages::admin::applications)
        .route(get.clone(), "/admin/memberships/{id}", Policy(Kind::ReviewApplications), "one membership, with decisions", pages::admin::membership)
        .route(post.clone(), "/admin/memberships/{id}/decide", Policy(Kind::ReviewApplications), "decide on a membership", pages::admin::decide)
        .route(get.clone(), "/admin/audit", Policy(Kind::BrowseOrgAudit), "browse the audit log", pages::admin::audit)
        .route(get.clone(), "/demands", Public, "talent demand board", pages::supply::demands)
        .route(get.clone(), "/demands.csv", Public, "the demand board as CSV", pages::supply::demands_csv)
        .route(get.clone(), "/demands.xlsx", Public, "the demand board as a workbook", pages::supply::demands_xlsx)
        .route(get.clone(), "/demands/new", Policy(Kind::ManageDemand), "form for a new demand", pages::supply::new_demand)
        .route(post.clone(), "/demands/new", Policy(Kind::ManageDemand), "post a demand", pages::supply::create_demand)
        .route(get.clone(), "/demands/{id}", Public, "one demand", pages::supply::demand_page)
        .route(get.clone(), "/demands/{id}/edit", Policy(Kind::ManageDemand), "form to change a demand", pages::supply::edit_demand)
        .route(post.clone(), "/demands/{id}/edit", Policy(Kind::ManageDemand), "change a demand", pages::supply::update_demand)
        .route(get.clone(), "/agreements", SignedIn, "agreements of my unit, with renewal flags", pages::cooperation::agreements)
        .route(get.clone(), "/agreements.csv", SignedIn, "the agreements I see as CSV (parties and the secretariat)", pages::cooperation::agreements_csv)
        .route(get.clone(), "/agreements.xlsx", SignedIn, "the agreements I see as a workbook (parties and the secretariat)", pages::cooperation::agreements_xlsx)
        .route(get.clone(), "/agreements/new", Policy(Kind::ManageAgreements), "form for a new agreement", pages::cooperation::new_agreement)
        .route(post.clone(), "/agreements/new", Policy(Kind::ManageAgreements), "record an agreement my unit is party to", pages::cooperation::create_agreement)
        .route(get.clone(), "/agreements/{id}", SignedIn, "one agreement with its files (parties and the secretariat)", pages::cooperation::agreement)
        .route(get.clone(), "/agreements/{id}/edit", Policy(Kind::ManageAgreements), "form to change an agreement", pages::cooperation::edit_agreement)
        .route(post.clone(), "/agreements/{id}/edit", Policy(Kind::ManageAgreements), "change an agreement", pages::cooperation::update_agreement)
        .upload(post.clone(), "/agreements/{id}/files", Policy(Kind::ManageAgreements), "attach a PDF, PNG or JPEG (multipart form, `file`)", pages::cooperation::UPLOAD_LIMIT, pages::cooperation::attach)
        .route(get.clone(), "/agreements/{id}/files/{file}", SignedIn, "download an attached file", pages::cooperation::download)
        .route(get.clone(), "/talent-gap", Public, "talent gap by occupation and level", pages::supply::talent_gap)
        .route(get.clone(), "/talent-gap.csv", Public, "talent gap as CSV (same year and order)", pages::supply::talent_gap_csv)
        .route(get.clone(), "/talent-gap.xlsx", Public, "talent gap as a workbook (same year and order)", pages::supply::talent_gap_xlsx)
        .route(get.clone(), "/school", Policy(Kind::ViewTrainees), "my school's majors, cohorts and trainees", pages::supply::school)
        .route(post.clone(), "/school/majors", Policy(Kind::ManageSupply), "add a major", pages::supply::add_major)
        .route(get.clone(), "/school/majors.csv", Policy(Kind::ViewTrainees), "my school's majors as CSV (the major import sheet's columns)", pages::school::majors_csv)
        .route(get.clone(), "/school/majors.xlsx", Policy(Kind::ViewTrainees), "my school's majors as a workbook (the major import sheet's columns)", pages::school::majors_xlsx)
        .route(get.clone(), "/school/majors/{id}/edit", Policy(Kind::ManageSupply), "form to change a major", pages::school::edit_major)
        .route(post.clone(), "/school/majors/{id}/edit", Policy(Kind::ManageSupply), "change a major", pages::school::update_major)
        .route(post.clone(), "/school/cohorts", Policy(Kind::ManageSupply), "add a cohort", pages::supply::add_cohort)
        .route(get.clone(), "/school/cohorts.csv", Policy(Kind::ViewTrainees), "my school's cohorts as CSV (the cohort import sheet's columns)", pages::school::cohorts_csv)
        .route(get.clone(), "/school/cohorts.xlsx", Policy(Kind::ViewTrainees), "my school's cohorts as a workbook (the cohort import sheet's columns)", pages::school::cohorts_xlsx)
        .route(get.clone(), "/school/cohorts/{id}/edit", Policy(Kind::ManageSupply), "form to change a cohort", pages::school::edit_cohort)
        .route(post.clone(), "/school/cohorts/{id}/edit", Policy(Kind::ManageSupply), "change a cohort", pages::school::update_cohort)
        .route(get.clone(), "/school/teachers", Policy(Kind::ViewTrainees), "my school's teachers, with the add form", pages::school::teachers)
        .route(post.clone(), "/school/teachers", Policy(Kind::ManageSupply), "add a teacher", pages::school::add_teacher)
        .route(get.clone(), "/school/teachers.csv", Policy(Kind::ViewTrainees), "my school's teachers as CSV (the teacher import sheet's columns)", pages::school::teachers_csv)
        .route(get.clone(), "/school/teachers.xlsx", Policy(Kind::ViewTrainees), "my school's teachers as a workbook (the teacher import sheet's columns)", pages::school::teachers_xlsx)
        .route(get.clone(), "/school/teachers/{id}/edit", Policy(Kind::ManageSupply), "form to change a teacher", pages::school::edit_teacher)
        .route(post.clone(), "/school/teachers/{id}/edit", Policy(Kind::ManageSupply), "change a teacher", pages::school::update_teacher)
        .route(get.clone(), "/catalogues", Public, "the segment tree and the occupation catalogue; the secretariat's segment form", pages::catalogues::catalogues)
        .route(post.clone(), "/catalogues/segments", Policy(Kind::ManageCatalogues), "add or change a segment", pages::catalogues::save_segment)
        .upload(post.clone(), "/catalogues/occupations", Policy(Kind::ManageCatalogues), "load the occupation catalogue from a file (all or nothing)", upload_limit, pages::catalogues::import_occupations)
        .route(get.clone(), "/catalogues/occupations/template.xlsx", Policy(Kind::ManageCatalogues), "the occupation file template", pages::catalogues::occupation_template)
        .route(get.clone(), "/enterprise-lists", Public, "the enterprises' core-product or technical-need list, alliance-wide (?list=, &segment=)", pages::enterprise_lists::lists)
        .route(get.clone(), "/enterprise-lists.csv", Public, "that list as shown, as CSV", pages::enterprise_lists::lists_csv)
        .route(get.clone(), "/enterprise-lists.xlsx", Public, "that list as shown, as a workbook", pages::enterprise_lists::lists_xlsx)
        .route(get.clone(), "/enterprise-lists/new", Policy(Kind::ManageDemand), "form to add to my enterprise's lists", pages::enterprise_lists::new_item)
        .route(post.clone(), "/enterprise-lists/new", Policy(Kind::ManageDemand), "add to my enterprise's lists", pages::enterprise_lists::create_item)
        .route(get.clone(), "/enterprise-lists/{id}/edit", Policy(Kind::ManageDemand), "form to change an item of my enterprise's lists", pages::enterprise_lists::edit_item)
        .route(post.clone(), "/enterprise-lists/{id}/edit", Policy(Kind::ManageDemand), "change an item of my enterprise's lists", pages::enterprise_lists::update_item)
        .route(get.clone(), "/faculty", SignedIn, "the alliance's faculty pool: teachers the member schools share (staff only)", pages::faculty::pool)
        .route(get.clone(), "/faculty.csv", SignedIn, "the faculty pool as filtered, as CSV", pages::faculty::pool_csv)
        .route(get.clone(), "/faculty.xlsx", SignedIn, "the faculty pool as filtered, as a workbook", pages::faculty::pool_xlsx)
        .route(post.clone(), "/school/trainees", Policy(Kind::ManageSupply), "add a trainee", pages::supply::add_trainee)
        .route(get.clone(), "/school/trainees/{id}/edit", Policy(Kind::ManageSupply), "form to change a trainee (identifiers masked, kept unless retyped)", pages::school::edit_trainee)
        .route(post.clone(), "/school/trainees/{id}/edit", Policy(Kind::ManageSupply), "change a trainee", pages::school::update_trainee)
        .route(get.clone(), "/school/trainees.csv", Policy(Kind::ViewTrainees), "my school's trainees as CSV (identifiers masked)", pages::supply::trainees_csv)
        .route(get.clone(), "/school/trainees.xlsx", Policy(Kind::ViewTrainees), "my school's trainees as a workbook (identifiers masked)", pages::supply::trainees_xlsx)
        .route(get.clone(), "/school/trainees/template.xlsx", Policy(Kind::ManageSupply), "the trainee import template (.xlsx)", pages::supply::trainee_template)
        .upload(post.clone(), "/school/trainees/import", Policy(Kind::ManageSupply), "import trainees from a file (all or nothing)", upload_limit, pages::supply::import_trainees)
        .route(post.clone(), "/school/trainees/{id}/reveal", Policy(Kind::RevealPersonalData), "show a trainee's identifiers (logged)", pages::supply::reveal)
        .route(get.clone(), "/rounds", SignedIn, "placement rounds", pages::rounds::list)
        .route(get.clone(), "/rounds/new", Policy(Kind::ManageRounds), "form for a new round", pages::rounds::new_form)
        .route(post.clone(), "/rounds/new", Policy(Kind::ManageRounds), "create a draft round", pages::rounds::create)
        .route(get.clone(), "/rounds/{id}", SignedIn, "a round: places, deadlines, what I can do in it", pages::rounds::show)
        .route(get.clone(), "/rounds/{id}/edit", Policy(Kind::ManageRounds), "form to change a draft round", pages::rounds::edit_form)
        .route(post.clone(), "/rounds/{id}/edit", Policy(Kind::ManageRounds), "change a draft round", pages::rounds::edit)
        .route(post.clone(), "/rounds/{id}/open", Policy(Kind::ManageRounds), "open a round for preferences", pages::rounds::open)
        .route(post.clone(), "/rounds/{id}/close", Policy(Kind::ManageRounds), "close a round (records the seed) and solve it", pages::rounds::close)
        .route(post.clone(), "/rounds/{id}/solve", Policy(Kind::ManageRounds), "solve a closed round again", pages::rounds::solve)
        .route(post.clone(), "/rounds/{id}/publish", Policy(Kind::ManageRounds), "publish a solved round", pages::rounds::publish)
        .route(get.clone(), "/rounds/{id}/review", Policy(Kind::ManageRounds), "the review before publishing", pages::rounds::review)
        .route(get.clone(), "/rounds/{id}/preferences", Policy(Kind::EnterPreferences), "my preferences, or a trainee's of my school", pages::rounds::preferences)
        .route(post.clone(), "/rounds/{id}/preferences", Policy(Kind::EnterPreferences), "save preferences", pages::rounds::save_preferences)
        .route(get.clone(), "/rounds/{id}/places/{demand}", Policy(Kind::RankApplicants), "applicants to one of my places and how they are ranked", pages::rounds::place)
        .route(post.clone(), "/rounds/{id}/places/{demand}/ranking", Policy(Kind::RankApplicants), "rank a place's applicants by a scoring rule", pages::rounds::save_ranking)
        .upload(post.clone(), "/rounds/{id}/places/{demand}/order", Policy(Kind::RankApplicants), "rank a place's applicants by an uploaded order", upload_limit, pages::rounds::upload_order)
        .route(get.clone(), "/rounds/{id}/places/{demand}/applicants.xlsx", Policy(Kind::RankApplicants), "a place's applicants as a workbook (to fill in ranks)", pages::rounds::applicants_xlsx)
        .route(post.clone(), "/rounds/{id}/places/{demand}/staffing", Policy(Kind::ManageDemand), "record in-service staff for the intern caps", pages::rounds::save_staffing)
        .route(get.clone(), "/rounds/{id}/result", SignedIn, "a trainee's result with its explanation", pages::rounds::result)
        .route(get.clone(), "/rounds/{id}/results", SignedIn, "admitted lists and cutoffs, or my school's results", pages::rounds::results)
        .route(post.clone(), "/school/trainees/account", Policy(Kind::ManageSupply), "link a trainee account to a trainee record", pages::rounds::link_account)
        // Employment (issue 5): records, follow-ups, the funnel, the trainee's own page
        .route(get.clone(), "/employment", Policy(Kind::ManageEmployment), "my unit's employment records, follow-ups due, placements to confirm", pages::employment::show)
        .route(post.clone(), "/employment/new", Policy(Kind::ManageEmployment), "record a job by hand", pages::employment::create)
        .route(post.clone(), "/employment/placements/{id}/confirm", Policy(Kind::ManageEmployment), "confirm a placement as a job", pages::employment::confirm)
        .route(post.clone(), "/employment/{id}/outcome", Policy(Kind::ManageEmployment), "enter a 6- or 12-month follow-up", pages::employment::outcome)
        .route(get.clone(), "/funnel", Policy(Kind::ViewFunnel), "talent funnel by cohort, major or enterprise", pages::employment::funnel)
        .route(get.clone(), "/funnel.xlsx", Policy(Kind::ViewFunnel), "the talent funnel as a workbook", pages::employment::funnel_xlsx)
        .route(get.clone(), "/me/record", Policy(Kind::ViewOwnRecord), "my path: school, cohort, placements, employment", pages::my_record::show)
        .route(get.clone(), "/me/record/export.json", Policy(Kind::ViewOwnRecord), "everything held about me as JSON (audited)", pages::my_record::export_json)
        .route(get.clone(), "/me/record/export.xlsx", Policy(Kind::ViewOwnRecord), "everything held about me as a workbook (audited)", pages::my_record::export_xlsx)
        // Training (培养) pages
        .route(get.clone(), "/internships", SignedIn, "internships I may see", pages::training::list)
        .route(get.clone(), "/internships/new", Policy(Kind::ManageTraining), "form for a new internship", pages::training::new_form)
        .route(post.clone(), "/internships/new", Policy(Kind::ManageTraining), "record an internship for a trainee of my school", pages::training::create)
        .route(get.clone(), "/internships/{id}", SignedIn, "one internship: rule check, documents, log, missing weeks, visits", pages::training::show)
        .route(get.clone(), "/internships/{id}/edit", Policy(Kind::ManageTraining), "form to change a draft or ready internship", pages::training::edit_form)
        .route(post.clone(), "/internships/{id}/edit", Policy(Kind::ManageTraining), "change a draft or ready internship", pages::training::update)
        .route(post.clone(), "/internships/{id}/status", Policy(Kind::ManageTraining), "draft ⇄ ready, finish, terminate", pages::training::set_status)
        .route(post.clone(), "/internships/{id}/start", Policy(Kind::ManageTraining), "start (refused with every failing rule listed)", pages::training::start)
        .route(post.clone(), "/internships/{id}/override", Policy(Kind::OverrideInternshipRules), "start despite hard failures, with a written reason", pages::training::override_start)
        .upload(post.clone(), "/internships/{id}/documents", Policy(Kind::ManageTraining), "attach a document (multipart: kind, file)", pages::training::UPLOAD_LIMIT, pages::training::attach)
        .route(get.clone(), "/internships/{id}/documents/{file}", SignedIn, "download an internship document", pages::training::download)
        .route(post.clone(), "/internships/{id}/log", Policy(Kind::WriteInternshipLog), "write my weekly log entry", pages::training::write_log)
        .route(post.clone(), "/internships/{id}/log/{entry}/review", Policy(Kind::SuperviseInterns), "confirm or query a log entry (host)", pages::training::review_log)
        .route(post.clone(), "/internships/{id}/visits", Policy(Kind::ManageTraining), "record a supervisor's visit", pages::training::record_visit)
        .route(get.clone(), "/training/majors/{id}", SignedIn, "a major's work-study structure", pages::training::structure)
        .route(post.clone(), "/training/majors/{id}/work-tasks", Policy(Kind::ManageTraining), "add a typical work task", pages::training::add_work_task)
        .route(post.clone(), "/training/work-tasks/{id}/courses", Policy(Kind::ManageTraining), "add an integrated course", pages::training::add_course)
        .route(post.clone(), "/training/courses/{id}/learning-tasks", Policy(Kind::ManageTraining), "add a learning task", pages::training::add_learning_task)
        .route(get.clone(), "/training/trainees/{id}", SignedIn, "a trainee's learning records and internships", pages::training::trainee)
        .route(post.clone(), "/training/trainees/{id}/learning", Policy(Kind::ManageTraining), "record a completed learning task", pages::training::record_learning)
        .route(get.clone(), "/jobs/{id}", SignedIn, "a background job I started: progress, then how it ended", pages::jobs::show)
        .route(get.clone(), "/jobs/{id}/report.xlsx", SignedIn, "the problem report of an import job I started (its owner only)", pages::jobs::report)
        .route(get.clone(), "/imports", SignedIn, "the imports I may run: templates and uploads (the use case decides who imports what)", pages::imports::page)
        .route(get.clone(), "/imports/{kind}/template.xlsx", SignedIn, "an import template (.xlsx: Chinese headers, example row, notes sheet) for those who may import it", pages::imports::template)
        .upload(post.clone(), "/imports/{kind}", SignedIn, "upload a file to import as a background job (organizations: secretariat; demand: an enterprise; majors, cohorts, teachers, trainees: a school)", upload_limit, pages::imports::upload)
        // Evaluation and certificates (issue 5)
        .route(get.clone(), "/verify/{token}", Public, "verify a certificate: validity, masked holder, occupation, level, issuer, date, status", pages::certificates::verify_page)
        .route(get.clone(), "/verify/{token}/credential.json", Public, "the signed credential (for gongjiang verify)", pages::certificates::credential)
        .route(get.clone(), "/verify/{token}/qr.svg", Public, "the QR code that opens the verify page", pages::certificates::qr)
        .route(get.clone(), "/orgs/{id}/did.json", Public, "an issuer's DID document (did:web) with its public keys", pages::certificates::did_document)
        .route(get.clone(), "/status/{id}/{purpose}", Public, "an issuer's signed status list (revocation or suspension)", pages::certificates::status_list)
        .route(get.clone(), "/certificates/{id}/print", SignedIn, "a certificate on one A4 page with its QR code", pages::certificates::print)
        .route(post.clone(), "/certificates/{id}/revoke", Policy(Kind::IssueCertificates), "revoke a certificate with a public reason", pages::evaluation::revoke)
        .route(get.clone(), "/evaluation", SignedIn, "evaluation institutions and sessions", pages::evaluation::list)
        .route(get.clone(), "/evaluation/sessions/new", Policy(Kind::RunEvaluations), "form for a session of my institution", pages::evaluation::new_session)
        .route(post.clone(), "/evaluation/sessions/new", Policy(Kind::RunEvaluations), "create a session of my institution (within its filings)", pages::evaluation::create_session)
        .route(get.clone(), "/evaluation/sessions/{id}", SignedIn, "a session: candidates, eligibility basis, scores, results, certificates", pages::evaluation::show)
        .route(post.clone(), "/evaluation/candidates/{id}/scores", Policy(Kind::RunEvaluations), "record a candidate's scores (the pass rule decides)", pages::evaluation::record_scores)
        .route(post.clone(), "/evaluation/sessions/{id}/certificates", Policy(Kind::IssueCertificates), "issue every passing result's certificate (a job)", pages::evaluation::issue_all)
        .route(get.clone(), "/api/docs", Public, "API documentation", api::docs::page)
        .route(get.clone(), "/api/openapi.json", Public, "OpenAPI 3.1 document", api::docs::openapi)
        .route(get.clone(), "/healthz", Public, "health: 200 when the database answers", api::docs::health)
        .route(get.clone(), "/assets/{name}", Public, "embedded static files", assets::serve)
        // JSON API
        .route(get.clone(), "/api/v1/members", Public, "active members, filtered and paginated", api::members::roster)
        .route(get.clone(), "/api/v1/segments", Public, "industry-chain segments", api::members::segments)
        .route(get.clone(), "/api/v1/organizations/{id}", Public, "an organisation's profile", api::members::profile)
        .json(Method::PUT, "/api/v1/organizations/{id}", Policy(Kind::EditOrgProfile), "replace an organisation's profile", api::members::profile_schema, api::members::update_profile)
        .route(get.clone(), "/api/v1/organizations/{id}/people", Policy(Kind::ViewOrgPrivate), "an organisation's people", api::accounts::people)
        .json(post.clone(), "/api/v1/applications", Public, "file a membership application", api::members::application_schema, api::members::apply)
        .route(get.clone(), "/api/v1/applications", Policy(Kind::ReviewApplications), "memberships by status (default: applied)", api::members::applications)
        .route(get.clone(), "/api/v1/memberships/{id}", SignedIn, "one membership", api::members::membership)
        .json(post.clone(), "/api/v1/memberships/{id}/decision", Policy(Kind::ReviewApplications), "approve, reject, suspend, reinstate, end, change tier", api::members::decision_schema, api::members::decide)
        .json(post.clone(), "/api/v1/session", Public, "sign in; sets the session cookie and returns the CSRF token", api::accounts::login_schema, api::accounts::login)
        .route(Method::DELETE, "/api/v1/session", SignedIn, "sign out", api::accounts::logout)
        .route(get.clone(), "/api/v1/me", SignedIn, "who I am and what I act as", api::accounts::me)
        .json(Method::PUT, "/api/v1/me/password", Policy(Kind::ManageOwnAccount), "change my password", api::accounts::password_schema, api::accounts::change_password)
        .route(get.clone(), "/api/v1/me/tokens", Policy(Kind::ManageOwnAccount), "my API tokens", api::accounts::tokens)
        .json(post.clone(), "/api/v1/me/tokens", Policy(Kind::ManageOwnAccount), "create an API token (secret shown once)", api::accounts::token_schema, api::accounts::create_token)
        .route(Method::DELETE, "/api/v1/me/tokens/{id}", Policy(Kind::ManageOwnAccount), "revoke an API token", api::accounts::revoke_token)
        .route(get.clone(), "/api/v1/invitations", Policy(Kind::InviteStaff), "my unit's invitations", api::accounts::invitations)
        .json(post.clone(), "/api/v1/invitations", Policy(Kind::InviteStaff), "create an invitation (secret shown once)", api::accounts::invitation_schema, api::accounts::invite)
        .json(post.clone(), "/api/v1/invitations/accept", Public, "accept an invitation, creating an account", api::accounts::accept_schema, api::accounts::accept)
        .route(get.clone(), "/api/v1/catalogues", Public, "skill levels, occupations and industry segments", api::supply::catalogues)
        .json(post.clone(), "/api/v1/segments", Policy(Kind::ManageCatalogues), "add or change a segment of the chain tree", api::supply::segment_schema, api::supply::save_segment)
        .upload(post.clone(), "/api/v1/occupations/import", Policy(Kind::ManageCatalogues), "load the occupation catalogue from a CSV body (all or nothing)", upload_limit, api::supply::import_occupations)
        .route(get.clone(), "/api/v1/demands", Public, "talent demand, filtered (drafts only for their enterprise)", api::supply::demands)
        .json(post.clone(), "/api/v1/demands", Policy(Kind::ManageDemand), "post a talent demand for my enterprise", api::supply::demand_schema, api::supply::create_demand)
        .route(get.clone(), "/api/v1/demands/{id}", Public, "one talent demand", api::supply::demand)
        .json(Method::PUT, "/api/v1/demands/{id}", Policy(Kind::ManageDemand), "change a talent demand", api::supply::demand_schema, api::supply::update_demand)
        .route(get.clone(), "/api/v1/enterprise-items", Public, "an enterprise list: core products or technical needs (?list=, &org_id=)", api::supply::items)
        .json(post.clone(), "/api/v1/enterprise-items", Policy(Kind::ManageDemand), "add to my enterprise's product or technical-need list", api::supply::item_schema, api::supply::create_item)
        .json(Method::PUT, "/api/v1/enterprise-items/{id}", Policy(Kind::ManageDemand), "change a list item", api::supply::item_schema, api::supply::update_item)
        .route(get.clone(), "/api/v1/majors", Public, "majors (of one school with org_id)", api::supply::majors)
        .json(post.clone(), "/api/v1/majors", Policy(Kind::ManageSupply), "add a major to my school", api::supply::major_schema, api::supply::create_major)
        .json(Method::PUT, "/api/v1/majors/{id}", Policy(Kind::ManageSupply), "change a major", api::supply::major_schema, api::supply::update_major)
        .route(get.clone(), "/api/v1/cohorts", Public, "cohorts (of one school with org_id)", api::supply::cohorts)
        .json(post.clone(), "/api/v1/cohorts", Policy(Kind::ManageSupply), "add a cohort to my school", api::supply::cohort_schema, api::supply::create_cohort)
        .route(get.clone(), "/api/v1/teachers", SignedIn, "my school's teachers (org_id) or the shared faculty pool", api::supply::teachers)
        .json(post.clone(), "/api/v1/teachers", Policy(Kind::ManageSupply), "add a teacher to my school", api::supply::teacher_schema, api::supply::create_teacher)
        .json(Method::PUT, "/api/v1/teachers/{id}", Policy(Kind::ManageSupply), "change a teacher", api::supply::teacher_schema, api::supply::update_teacher)
        .route(get.clone(), "/api/v1/trainees", Policy(Kind::ViewTrainees), "trainees of my school (masked)", api::supply::trainees)
        .json(post.clone(), "/api/v1/trainees", Policy(Kind::ManageSupply), "add a trainee to my school", api::supply::trainee_schema, api::supply::create_trainee)
        .upload(post.clone(), "/api/v1/trainees/import", Policy(Kind::ManageSupply), "import trainees from a CSV body (all or nothing; 422 lists each bad row)", upload_limit, api::supply::import_trainees)
        .upload(post.clone(), "/api/v1/imports/{kind}", SignedIn, "import organizations (secretariat), demand (an enterprise; ?org_id=), majors, cohorts, teachers or trainees (a school) from a CSV or .xlsx body (all or nothing; 422 lists each bad row)", upload_limit, api::supply::import_kind)
        .route(get.clone(), "/api/v1/trainees/{id}", Policy(Kind::ViewTrainees), "one trainee (masked)", api::supply::trainee)
        .json(Method::PUT, "/api/v1/trainees/{id}", Policy(Kind::ManageSupply), "change a trainee", api::supply::trainee_schema, api::supply::update_trainee)
        .json(post.clone(), "/api/v1/trainees/{id}/reveal", Policy(Kind::RevealPersonalData), "full ID and phone numbers, with a reason (logged)", api::supply::reveal_schema, api::supply::reveal)
        .route(get.clone(), "/api/v1/agreements", SignedIn, "agreements my unit is party to (all for the secretariat)", api::cooperation::list)
        .json(post.clone(), "/api/v1/agreements", Policy(Kind::ManageAgreements), "record an agreement my unit is party to", api::cooperation::agreement_schema, api::cooperation::create)
        .route(get.clone(), "/api/v1/agreements/{id}", SignedIn, "one agreement with its files", api::cooperation::get)
        .json(Method::PUT, "/api/v1/agreements/{id}", Policy(Kind::ManageAgreements), "change an agreement", api::cooperation::agreement_schema, api::cooperation::update)
        .upload(post.clone(), "/api/v1/agreements/{id}/files", Policy(Kind::ManageAgreements), "attach a PDF, PNG or JPEG (body = file, ?name=)", 5 * 1024 * 1024, api::cooperation::attach)
        .route(get.clone(), "/api/v1/agreements/{id}/files/{file}", SignedIn, "download an attached file", api::cooperation::download)
        .route(get.clone(), "/api/v1/rounds", SignedIn, "placement rounds (drafts only for the secretariat)", api::rounds::list)
        .json(post.clone(), "/api/v1/rounds", Policy(Kind::ManageRounds), "create a draft round", api::rounds::round_schema, api::rounds::create)
        .route(get.clone(), "/api/v1/rounds/{id}", SignedIn, "a round with its places", api::rounds::get)
        .json(Method::PUT, "/api/v1/rounds/{id}", Policy(Kind::ManageRounds), "change a draft round", api::rounds::round_schema, api::rounds::update)
        .route(post.clone(), "/api/v1/rounds/{id}/open", Policy(Kind::ManageRounds), "open a round for preferences (seats fixed now)", api::rounds::open)
        .route(post.clone(), "/api/v1/rounds/{id}/close", Policy(Kind::ManageRounds), "close a round, record the lottery seed, solve it", api::rounds::close)
        .route(post.clone(), "/api/v1/rounds/{id}/solve", Policy(Kind::ManageRounds), "solve a closed round again", api::rounds::solve)
        .route(get.clone(), "/api/v1/rounds/{id}/review", Policy(Kind::ManageRounds), "placed, choices, fill, maximum-placement comparison, violations", api::rounds::review)
        .route(post.clone(), "/api/v1/rounds/{id}/publish", Policy(Kind::ManageRounds), "publish: create placements, freeze the round", api::rounds::publish)
        .route(get.clone(), "/api/v1/rounds/{id}/preferences", Policy(Kind::EnterPreferences), "my preferences (?trainee_id= for a teacher)", api::rounds::preferences)
        .json(Method::PUT, "/api/v1/rounds/{id}/preferences", Policy(Kind::EnterPreferences), "replace preferences (recorded with who entered them)", api::rounds::preferences_schema, api::rounds::set_preferences)
        .route(get.clone(), "/api/v1/rounds/{id}/participants", Policy(Kind::EnterPreferences), "my school's participants and whether they applied", api::rounds::participants)
        .route(get.clone(), "/api/v1/rounds/{id}/places/{demand}/applicants", Policy(Kind::RankApplicants), "applicants to one of my places (masked), in ranking order", api::rounds::applicants)
        .json(Method::PUT, "/api/v1/rounds/{id}/places/{demand}/ranking", Policy(Kind::RankApplicants), "rank a place's applicants by a scoring rule or an order", api::rounds::ranking_schema, api::rounds::set_ranking)
        .upload(post.clone(), "/api/v1/rounds/{id}/places/{demand}/order", Policy(Kind::RankApplicants), "an order as a CSV or .xlsx body (排名, 申请人编号); 422 lists each bad row", upload_limit, api::rounds::upload_order)
        .route(get.clone(), "/api/v1/rounds/{id}/result", SignedIn, "a trainee's result with its explanation (?trainee_id= for staff)", api::rounds::result)
        .route(get.clone(), "/api/v1/rounds/{id}/admitted", SignedIn, "my places' admitted lists and cutoffs (all for the secretariat)", api::rounds::admitted)
        .route(get.clone(), "/api/v1/rounds/{id}/school-results", Policy(Kind::EnterPreferences), "my school's trainees' results", api::rounds::school_results)
        .route(get.clone(), "/api/v1/rounds/{id}/export/instance.hr1", Policy(Kind::ManageRounds), "the solved instance (hr1)", api::rounds::export_instance)
        .route(get.clone(), "/api/v1/rounds/{id}/export/assignment.txt", Policy(Kind::ManageRounds), "the stable assignment (check with gongjiang match --check)", api::rounds::export_assignment)
        .route(get.clone(), "/api/v1/rounds/{id}/export/round.xlsx", Policy(Kind::ManageRounds), "trainees and places with results as a workbook", api::rounds::export_xlsx)
        .route(get.clone(), "/api/v1/notices", SignedIn, "what I should know about rounds", api::rounds::notices)
        .json(Method::PUT, "/api/v1/organizations/{id}/staffing", Policy(Kind::ManageDemand), "an enterprise's in-service staff (intern caps)", api::rounds::staffing_schema, api::rounds::org_staffing)
        .json(Method::PUT, "/api/v1/demands/{id}/staffing", Policy(Kind::ManageDemand), "a post's in-service staff (intern caps)", api::rounds::staffing_schema, api::rounds::demand_staffing)
        .json(Method::PUT, "/api/v1/trainees/{id}/account", Policy(Kind::ManageSupply), "link a trainee account to a trainee record", api::rounds::account_schema, api::rounds::link_account)
        // Employment (issue 5)
        .route(get.clone(), "/api/v1/employment", Policy(Kind::ManageEmployment), "my unit's employment records and placements to confirm", api::employment::overview)
        .json(post.clone(), "/api/v1/employment", Policy(Kind::ManageEmployment), "record a job by hand (school: trainee_id; employer: id_number)", api::employment::job_schema, api::employment::create)
        .route(get.clone(), "/api/v1/employment/reminders", Policy(Kind::ManageEmployment), "follow-ups due for my unit", api::employment::reminders)
        .route(get.clone(), "/api/v1/employment/{id}", Policy(Kind::ManageEmployment), "one employment record with its follow-ups", api::employment::get)
        .json(post.clone(), "/api/v1/employment/{id}/outcomes", Policy(Kind::ManageEmployment), "enter the 6- or 12-month follow-up", api::employment::outcome_schema, api::employment::outcome)
        .json(post.clone(), "/api/v1/placements/{id}/employment", Policy(Kind::ManageEmployment), "confirm a placement as a job", api::employment::job_schema, api::employment::confirm)
        .route(get.clone(), "/api/v1/funnel", Policy(Kind::ViewFunnel), "talent funnel (?by=cohort|major|enterprise)", api::employment::funnel)
        .route(get.clone(), "/api/v1/me/record", Policy(Kind::ViewOwnRecord), "my path so far", api::employment::my_record)
        .route(get.clone(), "/api/v1/me/record/export", Policy(Kind::ViewOwnRecord), "everything held about me, identifiers in full (audited)", api::employment::export_mine)
        .route(get.clone(), "/api/v1/trainees/{id}/record/export", Policy(Kind::ManageSupply), "a trainee's data for their school, masked (audited)", api::employment::export_trainee)
        .route(get.clone(), "/api/v1/jobs/{id}", SignedIn, "a background job I started: status, progress, outcome", api::jobs::get)
        // Training (培养): work-study structure, learning records, internships
        .route(get.clone(), "/api/v1/majors/{id}/structure", SignedIn, "a major's work-study structure: work tasks → courses → learning tasks", api::training::structure)
        .json(post.clone(), "/api/v1/majors/{id}/work-tasks", Policy(Kind::ManageTraining), "add a typical work task to a major of my school", api::training::structure_schema, api::training::add_work_task)
        .json(Method::PUT, "/api/v1/work-tasks/{id}", Policy(Kind::ManageTraining), "change a work task", api::training::structure_schema, api::training::update_work_task)
        .json(post.clone(), "/api/v1/work-tasks/{id}/courses", Policy(Kind::ManageTraining), "add an integrated course to a work task", api::training::structure_schema, api::training::add_course)
        .json(Method::PUT, "/api/v1/courses/{id}", Policy(Kind::ManageTraining), "change a course", api::training::structure_schema, api::training::update_course)
        .json(post.clone(), "/api/v1/courses/{id}/learning-tasks", Policy(Kind::ManageTraining), "add a learning task (planned hours) to a course", api::training::structure_schema, api::training::add_learning_task)
        .json(Method::PUT, "/api/v1/learning-tasks/{id}", Policy(Kind::ManageTraining), "change a learning task", api::training::structure_schema, api::training::update_learning_task)
        .route(get.clone(), "/api/v1/trainees/{id}/learning", SignedIn, "a trainee's completed learning tasks (school staff, secretariat, the trainee)", api::training::learning)
        .json(post.clone(), "/api/v1/trainees/{id}/learning", Policy(Kind::ManageTraining), "record a learning task a trainee of my school completed", api::training::learning_schema, api::training::record_learning)
        .route(get.clone(), "/api/v1/trainees/{id}/internships", SignedIn, "a trainee's internships and whether they have interned", api::training::trainee_internships)
        .route(get.clone(), "/api/v1/internships", SignedIn, "internships I may see (my school's, at my enterprise, my own; all for the secretariat)", api::training::list)
        .json(post.clone(), "/api/v1/internships", Policy(Kind::ManageTraining), "record an internship (draft) for a trainee of my school", api::training::internship_schema, api::training::create)
        .route(get.clone(), "/api/v1/internships/{id}", SignedIn, "one internship: documents, rule check, log, missing weeks, visits", api::training::get)
        .json(Method::PUT, "/api/v1/internships/{id}", Policy(Kind::ManageTraining), "change a draft or ready internship", api::training::internship_schema, api::training::update)
        .route(get.clone(), "/api/v1/internships/{id}/check", SignedIn, "the rule check INT-01…INT-14 as it stands", api::training::check)
        .json(post.clone(), "/api/v1/internships/{id}/status", Policy(Kind::ManageTraining), "draft ⇄ ready, finish, terminate", api::training::status_schema, api::training::set_status)
        .route(post.clone(), "/api/v1/internships/{id}/start", Policy(Kind::ManageTraining), "start: 409 with every failure when a hard rule fails", api::training::start)
        .json(post.clone(), "/api/v1/internships/{id}/override", Policy(Kind::OverrideInternshipRules), "start despite hard failures, with a written reason (audited)", api::training::override_schema, api::training::override_start)
        .upload(post.clone(), "/api/v1/internships/{id}/documents", Policy(Kind::ManageTraining), "attach a PDF, PNG or JPEG (body = file, ?kind=agreement|guardian_consent|consent_form&name=)", 5 * 1024 * 1024, api::training::attach)
        .route(get.clone(), "/api/v1/internships/{id}/documents/{file}", SignedIn, "download an internship document", api::training::download)
        .json(Method::PUT, "/api/v1/internships/{id}/log", Policy(Kind::WriteInternshipLog), "write my weekly log entry", api::training::log_schema, api::training::write_log)
        .json(post.clone(), "/api/v1/internships/{id}/log/{entry}/review", Policy(Kind::SuperviseInterns), "confirm or query a log entry (host)", api::training::review_schema, api::training::review_log)
        .json(post.clone(), "/api/v1/internships/{id}/visits", Policy(Kind::ManageTraining), "record a supervisor's visit", api::training::visit_schema, api::training::record_visit)
        // Evaluation and certificates (issue 5)
        .route(get.clone(), "/api/v1/evaluation/institutions", SignedIn, "evaluation institutions with their filings (mine; all for the secretariat)", api::evaluation::institutions)
        .json(Method::PUT, "/api/v1/evaluation/institutions/{id}", Policy(Kind::ManageEvaluationInstitutions), "register a member unit as an evaluation institution", api::evaluation::institution_schema, api::evaluation::register)
        .json(post.clone(), "/api/v1/evaluation/institutions/{id}/filings", Policy(Kind::ManageEvaluationInstitutions), "record a filing: occupation, levels, period", api::evaluation::filing_schema, api::evaluation::add_filing)
        .route(get.clone(), "/api/v1/evaluation/sessions", SignedIn, "evaluation sessions (my institution's; all for the secretariat)", api::evaluation::sessions)
        .json(post.clone(), "/api/v1/evaluation/sessions", Policy(Kind::RunEvaluations), "create a session of my institution (within its filings)", api::evaluation::session_schema, api::evaluation::create_session)
        .route(get.clone(), "/api/v1/evaluation/sessions/{id}", SignedIn, "a session with its candidates (masked) and results", api::evaluation::session)
        .route(get.clone(), "/api/v1/evaluation/sessions/{id}/eligibility", Policy(Kind::RunEvaluations), "check a trainee's eligibility (?trainee_id=) with the evidence", api::evaluation::eligibility)
        .json(post.clone(), "/api/v1/evaluation/sessions/{id}/candidates", Policy(Kind::RunEvaluations), "admit a trainee when eligible (422 explains a refusal)", api::evaluation::candidate_schema, api::evaluation::add_candidate)
        .route(post.clone(), "/api/v1/evaluation/sessions/{id}/certificates", Policy(Kind::IssueCertificates), "issue every passing result's certificate (a job; 202 with Location while running)", api::certificates::issue_session)
        .json(Method::PUT, "/api/v1/evaluation/candidates/{id}/scores", Policy(Kind::RunEvaluations), "record scores; the pass rule decides (409 once certified)", api::evaluation::scores_schema, api::evaluation::scores)
        .route(post.clone(), "/api/v1/evaluation/candidates/{id}/certificate", Policy(Kind::IssueCertificates), "issue the certificate of a passing result (once)", api::certificates::issue)
        .route(get.clone(), "/api/v1/trainees/{id}/evaluations", SignedIn, "a trainee's evaluation results and certificates", api::evaluation::of_trainee)
        .route(get.clone(), "/api/v1/certificates", SignedIn, "my institution's certificates (all for the secretariat)", api::certificates::list)
        .route(get.clone(), "/api/v1/certificates/{id}", SignedIn, "one certificate", api::certificates::get)
        .json(post.clone(), "/api/v1/certificates/{id}/revoke", Policy(Kind::IssueCertificates), "revoke for good, with a public reason", api::certificates::reason_schema, api::certificates::revoke)
        .json(post.clone(), "/api/v1/certificates/{id}/suspend", Policy(Kind::IssueCertificates), "suspend, with a public reason", api::certificates::reason_schema, api::certificates::suspend)
        .route(post.clone(), "/api/v1/certificates/{id}/reinstate", Policy(Kind::IssueCertificates), "lift a suspension", api::certificates::reinstate)
        .route(get.clone(), "/api/v1/audit", Policy(Kind::BrowseOrgAudit), "audit entries (secretariat: all; unit admin: own unit)", api::audit::list)
}

/// The access rule of a matched route (`None` for unknown routes, served by the fallback).
pub fn access_of(method: &Method, path: &str) -> Option<Access> {
    static TABLE: std::sync::OnceLock<Vec<(Method, &'static str, Access)>> =
        std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        registry()
            .specs()
            .iter()
            .map(|s| (s.method.clone(), s.path, s.access))
            .collect()
    });
    let method = if *method == Method::HEAD {
        &Method::GET
    } else {
        method
    };
    table
        .iter()
        .find(|(m, p, _)| m == method && *p == path)
        .map(|(_, _, a)| *a)
}

/// The router with every route and layer.
pub fn router(state: AppState) -> Router {
    let registry = registry();
    let mut router = Router::new();
    for (path, methods) in registry.methods {
        router = router.route(path, methods);
    }
    let max_body = state.web.max_body_bytes;
    router
        .fallback(pages::home::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            layers::context,
        ))
        .layer(DefaultBodyLimit::max(max_body))
        // The outer guard refuses anything over the upload limit before reading it;
        // ordinary requests are held to `max_body` by the extractors and the CSRF check.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            state.web.max_upload_bytes.max(max_body),
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            std::time::Duration::from_secs(30),
        ))
        // Outermost, so that refusals made by the layers above carry the headers too.
        .layer(axum::middleware::from_fn(layers::security_headers))
        .with_state(state)
}
