//! Training pages: internships (list, form, one internship with its rule
//! check, documents, log and visits), a major's work-study structure, and a
//! trainee's training record (learning tasks and internships).

use crate::i18n::{self, Lang};
use gongjiang_domain::training::RuleFailure;

/// A rule failure as a sentence: `INT-05 每日工作 9 小时，超过 8 小时。`
pub fn failure_text(lang: Lang, f: &RuleFailure) -> String {
    let mut text = i18n::tr(lang, &format!("int.{}", f.code)).to_string();
    for (key, value) in &f.params {
        let shown = if key == "hazards" {
            value
                .split(',')
                .map(|h| i18n::choice(lang, "hazard", h))
                .collect::<Vec<_>>()
                .join(if lang == Lang::Zh { "、" } else { ", " })
        } else {
            value.clone()
        };
        text = text.replace(&format!("{{{key}}}"), &shown);
    }
    format!("{} {}", f.rule, text)
}
