//! `gongjiang verify FILE`: checks a certificate credential offline.
//!
//! Only the keys given here are trusted — a DID document (`--did-document`) or
//! a public key with its id (`--public-key z6Mk… --kid did:web:…#key-1`) —
//! never a key found inside the credential. Status lists given with
//! `--status-list` are verified with the same keys and consulted for
//! revocation and suspension. Exit codes: 0 valid, 2 invalid (the reason is
//! printed), 1 a file could not be read, 3 a key or date argument is unusable.

use gongjiang_credentials::{PublicKey, PublicKeySet, StatusLists, VerificationMethodId, verify};
use gongjiang_domain::time_date::OffsetDateTime;
use gongjiang_domain::time_date::format_description::well_known::Rfc3339;
use std::path::PathBuf;
use std::process::ExitCode;

/// Verify a certificate credential file offline against trusted issuer keys.
#[derive(clap::Args)]
pub struct Args {
    /// The credential (JSON) to check.
    file: PathBuf,
    /// A DID document whose keys are trusted (repeatable).
    #[arg(long, value_name = "FILE")]
    did_document: Vec<PathBuf>,
    /// A trusted Ed25519 public key in multibase (`z6Mk…`); needs --kid.
    #[arg(long, value_name = "MULTIBASE", requires = "kid")]
    public_key: Option<String>,
    /// The verification method id of --public-key (`did:web:…#key-1`).
    #[arg(long, value_name = "ID", requires = "public_key")]
    kid: Option<String>,
    /// A published status list credential to check revocation and suspension (repeatable).
    #[arg(long, value_name = "FILE")]
    status_list: Vec<PathBuf>,
    /// Check as of this instant (RFC 3339) instead of now.
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
}

fn read(path: &PathBuf) -> Result<String, ExitCode> {
    std::fs::read_to_string(path).map_err(|e| {
        eprintln!("cannot read {}: {e}", path.display());
        ExitCode::from(1)
    })
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    let now = match &args.at {
        Some(text) => match OffsetDateTime::parse(text, &Rfc3339) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("--at is not an RFC 3339 instant: {e}");
                return ExitCode::from(3);
            }
        },
        None => OffsetDateTime::now_utc(),
    };
    let mut keys = PublicKeySet::new();
    for path in &args.did_document {
        let text = match read(path) {
            Ok(t) => t,
            Err(code) => return code,
        };
        let document = match serde_json::from_str(&text) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{} is not JSON: {e}", path.display());
                return ExitCode::from(3);
            }
        };
        if let Err(e) = keys.insert_did_document(&document) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(3);
        }
    }
    if let (Some(key), Some(kid)) = (&args.public_key, &args.kid) {
        match (
            PublicKey::from_multibase(key),
            VerificationMethodId::parse(kid),
        ) {
            (Ok(k), Ok(id)) => {
                keys.insert(id, k);
            }
            (Err(e), _) => {
                eprintln!("--public-key: {e}");
                return ExitCode::from(3);
            }
            (_, Err(e)) => {
                eprintln!("--kid: {e}");
                return ExitCode::from(3);
            }
        }
    }
    if args.did_document.is_empty() && args.public_key.is_none() {
        eprintln!(
            "没有可信的签发方公钥：请用 --did-document 或 --public-key/--kid 指定。\nNo trusted issuer key: give --did-document or --public-key with --kid."
        );
        return ExitCode::from(3);
    }
    let mut lists = StatusLists::new();
    for path in &args.status_list {
        let text = match read(path) {
            Ok(t) => t,
            Err(code) => return code,
        };
        if let Err(e) = lists.insert_credential(&text, &keys, now) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(3);
        }
    }
    let text = match read(&args.file) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let verification = verify(&text, &keys, now, &lists);
    println!("{verification}");
    if verification.is_valid() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
