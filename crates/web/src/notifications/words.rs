//! The words of a notification, for the centre and for the e-mails and
//! robot messages the outbox sends (composed in the platform's first
//! language, Simplified Chinese, since a message has no reader's cookie).

use crate::i18n::{self, Lang};
use gongjiang_app::notifications::delivery::{Compose, Composed};

/// The text of a notification of `kind` with `args`, in `lang`.
pub fn text(lang: Lang, kind: &str, args: &serde_json::Map<String, serde_json::Value>) -> String {
    let args: Vec<(&str, String)> = args
        .iter()
        .map(|(k, v)| {
            (
                k.as_str(),
                v.as_str().map_or_else(|| v.to_string(), str::to_string),
            )
        })
        .collect();
    i18n::tr_args(lang, &format!("notify.{kind}"), &args)
}

/// Composes the outbox's messages from this crate's words.
pub struct Words;

impl Compose for Words {
    fn compose(
        &self,
        kind: &str,
        args: &serde_json::Map<String, serde_json::Value>,
        link: &str,
    ) -> Composed {
        let lang = Lang::Zh;
        let subject = format!(
            "{} · {}",
            i18n::tr(lang, &format!("subject.{kind}")),
            i18n::tr(lang, "app.name")
        );
        let text = format!(
            "{}\n\n{} {link}\n",
            text(lang, kind, args),
            i18n::tr(lang, "notifications.link")
        );
        Composed { subject, text }
    }
}

/// Every kind of notification the use cases raise (the words test reads it).
pub const KINDS: &[&str] = &[
    "log.submitted",
    "log.revised",
    "log.queried",
    "application.filed",
    "membership.approved",
    "membership.rejected",
    "round.opened",
    "round.deadline",
    "round.published",
    "followup.due",
    "agreement.renewal",
    "certificate.issued",
    "certificate.revoked",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_words_and_subject_in_both_languages() {
        for kind in KINDS {
            for lang in Lang::ALL {
                let t = text(lang, kind, &serde_json::Map::new());
                assert_ne!(t, "?", "notify.{kind} in {lang:?}");
                assert_ne!(
                    i18n::tr(lang, &format!("subject.{kind}")),
                    "?",
                    "subject.{kind}"
                );
            }
        }
    }

    #[test]
    fn a_message_names_its_facts_and_carries_its_link() {
        let mut args = serde_json::Map::new();
        args.insert("week".into(), "2026-11-30".into());
        let m = Words.compose("log.submitted", &args, "https://gj.example/internships/1");
        assert!(m.subject.starts_with("实习周志待确认"), "{}", m.subject);
        assert!(m.text.contains("2026-11-30"), "{}", m.text);
        assert!(
            m.text.contains("https://gj.example/internships/1"),
            "{}",
            m.text
        );
    }
}
