//! Search and sort keys for Chinese names of organisations and people.
//!
//! [`search_keys`] turns a name into one lowercase string holding the name
//! itself, its full pinyin and its pinyin initials, under every reading of
//! every polyphonic character, so that `鄂东技师学院` is found by `鄂东`,
//! `edongjishi` or `edjs`, and `重庆` by `cq` as well as `zq`. The keys are
//! stored next to the row and rebuilt from the store; [`matches`] tests a
//! query normalised by [`normalize_query`] against them. [`sort_key`] orders
//! names by pinyin. Pure: no I/O.
//!
//! ```
//! use gongjiang_search::{matches, normalize_query, search_keys};
//!
//! let keys = search_keys("重庆长江技师学院");
//! assert!(matches(&keys, &normalize_query("CQ CJ")));
//! assert!(matches(&keys, &normalize_query("chongqing")));
//! assert!(!matches(&keys, &normalize_query("beijing")));
//! ```

mod readings;

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

/// Names whose readings combine in more ways than this are indexed under a
/// bounded subset of combinations (see [`search_keys`]).
const MAX_COMBINATIONS: usize = 32;

/// In the bounded case, how many combinations that differ from the most
/// common reading in one character are kept.
const MAX_SINGLE_CHANGES: usize = 32;

/// Search keys for `text`: one lowercase string of space-separated keys.
///
/// The keys are:
/// - the text itself, NFKC-normalised, lower-cased, without whitespace;
/// - its full pinyin without tones, syllables run together (`edongjishixueyuan`);
/// - its pinyin initials (`edjsxy`).
///
/// Letters and digits that are not Chinese stay as they are in the pinyin
/// and initials keys (`PCB协会` → `pcbxiehui`, `pcbxh`); punctuation is left
/// out of them. `ü` is spelt both `v` and `u`.
///
/// The pinyin keys are produced for every combination of readings when there
/// are at most 32 combinations (`长江` → `changjiang`, `zhangjiang`, `cj`,
/// `zj`). Beyond that, the keys cover the most common reading of every
/// character, plus each combination that changes a single character to
/// another reading (the first 32 such changes), so a query matches as long
/// as it reads at most one character unusually.
///
/// Meant for names and short titles: the output grows with the text's length
/// times the number of combinations.
pub fn search_keys(text: &str) -> String {
    let original = normalize_query(text);
    let units: Vec<Unit> = original.chars().filter_map(Unit::of).collect();
    let mut keys = Keys::default();
    keys.push(original.clone());
    let choices = combinations(&units);
    for choice in &choices {
        keys.push(spell(&units, choice, Form::Full));
    }
    for choice in &choices {
        keys.push(spell(&units, choice, Form::Initials));
    }
    keys.0.join(" ")
}

/// Normalises a search query the way [`search_keys`] normalises names: NFKC,
/// lower case, whitespace removed (`" ＥＤ js "` → `"edjs"`).
pub fn normalize_query(q: &str) -> String {
    q.nfkc()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// True when `query` occurs inside one of the space-separated `keys`.
///
/// `query` should come from [`normalize_query`]; an empty query matches
/// everything, so an empty search box filters nothing.
pub fn matches(keys: &str, query: &str) -> bool {
    query.is_empty() || keys.split(' ').any(|key| key.contains(query))
}

/// A key that orders Chinese names by pinyin: the most common reading of
/// each character, syllables separated by spaces so that `xi an` (西安) comes
/// before `xian` (先) and `an` before `ba` (`鄂东技师学院` → `e dong ji shi xue yuan`).
///
/// Other characters are kept, NFKC-normalised and lower-cased, in runs
/// between the syllables (`PCB协会` → `pcb xie hui`); whitespace only
/// separates. Names with equal keys (`张` and `章`) need a tie-breaker, such
/// as the name itself.
pub fn sort_key(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut run = String::new();
    for c in text.nfkc().flat_map(char::to_lowercase) {
        if c.is_whitespace() {
            flush(&mut run, &mut words);
        } else if let Some(syllable) = readings::first(c) {
            flush(&mut run, &mut words);
            words.push(syllable);
        } else {
            run.push(c);
        }
    }
    flush(&mut run, &mut words);
    words.join(" ")
}

/// Moves a non-empty run of other characters into `words`.
fn flush(run: &mut String, words: &mut Vec<String>) {
    if !run.is_empty() {
        words.push(std::mem::take(run));
    }
}

/// One character of a name as it appears in the pinyin keys.
enum Unit {
    /// A character with pinyin: its readings, most common first (never empty).
    Syllables(Vec<String>),
    /// A letter, digit or Chinese character without pinyin data, kept as itself.
    Literal(char),
}

impl Unit {
    /// The unit for `c`, or `None` for punctuation and symbols.
    fn of(c: char) -> Option<Unit> {
        let readings = readings::all(c);
        if !readings.is_empty() {
            Some(Unit::Syllables(readings))
        } else if c.is_alphanumeric() {
            Some(Unit::Literal(c))
        } else {
            None
        }
    }

    /// How many readings this unit has.
    fn count(&self) -> usize {
        match self {
            Unit::Syllables(readings) => readings.len(),
            Unit::Literal(_) => 1,
        }
    }
}

/// Which pinyin key to spell.
#[derive(Clone, Copy)]
enum Form {
    Full,
    Initials,
}

/// Spells `units` with reading `choice[i]` for unit `i`.
fn spell(units: &[Unit], choice: &[usize], form: Form) -> String {
    let mut key = String::new();
    for (unit, &pick) in units.iter().zip(choice) {
        match unit {
            Unit::Literal(c) => key.push(*c),
            Unit::Syllables(readings) => {
                let reading = readings.get(pick).map_or("", String::as_str);
                match form {
                    Form::Full => key.push_str(reading),
                    Form::Initials => key.extend(reading.chars().next()),
                }
            }
        }
    }
    key
}

/// The reading choices to index: all of them when there are at most
/// [`MAX_COMBINATIONS`], otherwise the most common reading and single changes.
fn combinations(units: &[Unit]) -> Vec<Vec<usize>> {
    let counts: Vec<usize> = units.iter().map(Unit::count).collect();
    let total = counts
        .iter()
        .try_fold(1usize, |product, &count| product.checked_mul(count))
        .filter(|&product| product <= MAX_COMBINATIONS);
    let most_common = vec![0; units.len()];
    match total {
        Some(total) => {
            let mut all = Vec::with_capacity(total);
            let mut choice = most_common;
            loop {
                all.push(choice.clone());
                if !advance(&mut choice, &counts) {
                    return all;
                }
            }
        }
        None => {
            let single_changes = counts.iter().enumerate().flat_map(|(position, &count)| {
                let base = &most_common;
                (1..count).map(move |pick| {
                    let mut choice = base.clone();
                    choice[position] = pick;
                    choice
                })
            });
            let mut bounded = vec![most_common.clone()];
            bounded.extend(single_changes.take(MAX_SINGLE_CHANGES));
            bounded
        }
    }
}

/// Steps `choice` to the next combination like an odometer; false after the last one.
fn advance(choice: &mut [usize], counts: &[usize]) -> bool {
    for (pick, &count) in choice.iter_mut().zip(counts).rev() {
        *pick += 1;
        if *pick < count {
            return true;
        }
        *pick = 0;
    }
    false
}

/// Keys in first-seen order, without repeats or empty keys.
#[derive(Default)]
struct Keys(Vec<String>, HashSet<String>);

impl Keys {
    fn push(&mut self, key: String) {
        if !key.is_empty() && self.1.insert(key.clone()) {
            self.0.push(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(text: &str, query: &str) -> bool {
        matches(&search_keys(text), &normalize_query(query))
    }

    #[test]
    fn a_college_is_found_by_characters_full_pinyin_and_initials() {
        for query in [
            "鄂东",
            "技师学院",
            "edjs",
            "edongjishi",
            "edjsxy",
            "xueyuan",
            "EDJS",
        ] {
            assert!(finds("鄂东技师学院", query), "{query}");
        }
        for query in ["edx", "wuhan", "鄂西"] {
            assert!(!finds("鄂东技师学院", query), "{query}");
        }
    }

    #[test]
    fn the_keys_list_the_text_then_full_pinyin_then_initials() {
        // 技 also has the rare reading qí, and is indexed under it too.
        assert_eq!(
            search_keys("鄂东技师学院"),
            "鄂东技师学院 edongjishixueyuan edongqishixueyuan edjsxy edqsxy"
        );
    }

    #[test]
    fn chongqing_is_found_under_every_reading_of_zhong() {
        for query in ["cq", "zq", "chongqing", "zhongqing", "重庆"] {
            assert!(finds("重庆", query), "{query}");
        }
    }

    #[test]
    fn changjiang_is_found_under_both_readings_of_chang() {
        assert_eq!(search_keys("长江"), "长江 zhangjiang changjiang zj cj");
    }

    #[test]
    fn common_polyphonic_characters_are_indexed_under_each_reading() {
        let cases: [(&str, &[&str]); 4] = [
            ("银行", &["yinhang", "yinxing", "yh", "yx"]),
            ("曾", &["ceng", "zeng", "c", "z"]),
            ("单", &["dan", "chan", "shan"]),
            ("解", &["jie", "xie"]),
        ];
        for (text, queries) in cases {
            for query in queries {
                assert!(finds(text, query), "{text} by {query}");
            }
        }
    }

    #[test]
    fn latin_letters_and_digits_stay_in_the_pinyin_keys() {
        let keys = search_keys("PCB协会");
        assert!(keys.split(' ').any(|key| key == "pcbxh"), "{keys}");
        assert!(keys.split(' ').any(|key| key == "pcbxiehui"), "{keys}");
        assert!(keys.split(' ').any(|key| key == "pcb协会"), "{keys}");
        assert!(finds("第3中学", "d3zx"));
        assert!(finds("ＡＢＣ 汽车", "abcqc"));
    }

    #[test]
    fn punctuation_is_left_out_of_the_pinyin_keys() {
        assert!(finds("鄂东技师学院（黄石）", "edjsxyhs"));
        assert!(finds("鄂东技师学院（黄石）", "(黄石)"));
    }

    #[test]
    fn u_umlaut_can_be_typed_as_v_or_u() {
        assert!(finds("吕梁", "lvliang"));
        assert!(finds("吕梁", "luliang"));
    }

    #[test]
    fn empty_text_has_no_keys_and_an_empty_query_matches_everything() {
        assert_eq!(search_keys(""), "");
        assert_eq!(search_keys(" \u{3000}"), "");
        assert!(!matches("", "a"));
        assert!(matches("", ""));
        assert!(matches(&search_keys("鄂东"), ""));
    }

    #[test]
    fn queries_are_normalised_to_lower_case_without_spaces() {
        assert_eq!(normalize_query(" ＥＤ js\u{3000}"), "edjs");
        assert_eq!(normalize_query("重 庆"), "重庆");
        assert_eq!(normalize_query(""), "");
    }

    #[test]
    fn many_polyphonic_characters_keep_the_common_and_single_change_readings() {
        // 重 3 × 长 2 × 行 3 × 会 2 = 36 combinations, beyond the bound.
        let text = "重庆长江行业协会";
        let keys = search_keys(text);
        for query in [
            "zqzjxyxh",
            "cqzjxyxh",
            "zqcjxyxh",
            "zqzjhyxh",
            "cq",
            "cj",
            "hangye",
            "chongqing",
            "重庆长江",
        ] {
            assert!(matches(&keys, query), "{query} in {keys}");
        }
        assert!(
            keys.split(' ').count() <= 1 + 2 * (1 + MAX_SINGLE_CHANGES),
            "{keys}"
        );
    }

    #[test]
    fn long_names_stay_bounded() {
        let text = "长行重曾单解".repeat(20);
        let keys = search_keys(&text);
        assert!(keys.split(' ').count() <= 1 + 2 * (1 + MAX_SINGLE_CHANGES));
        assert!(matches(&keys, &"zhangxingzhongcengdanjie".repeat(20)));
    }

    #[test]
    fn sort_keys_separate_syllables() {
        assert_eq!(sort_key("鄂东技师学院"), "e dong ji shi xue yuan");
        assert_eq!(sort_key("PCB协会"), "pcb xie hui");
        assert_eq!(sort_key("第3中学"), "di 3 zhong xue");
        assert_eq!(sort_key(""), "");
    }

    #[test]
    fn sort_keys_order_names_by_pinyin() {
        let mut names = vec!["先锋机械", "北京理工", "西安航空", "安徽职院", "八一中学"];
        names.sort_by_key(|name| sort_key(name));
        assert_eq!(
            names,
            ["安徽职院", "八一中学", "北京理工", "西安航空", "先锋机械"]
        );
    }

    #[test]
    fn sort_keys_use_the_most_common_reading() {
        assert_eq!(sort_key("重庆"), "zhong qing");
        assert_eq!(sort_key("银行"), "yin xing");
        assert_eq!(sort_key("吕"), "lv");
    }
}
