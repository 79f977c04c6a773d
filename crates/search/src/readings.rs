//! Pinyin readings of single characters, spelt the way people type them.
//!
//! The `pinyin` crate gives readings without tones but keeps `ü` and `ê`;
//! search boxes receive `v` (input-method habit) or `u`, and `e`.

use pinyin::{ToPinyin, ToPinyinMulti};

/// Every distinct toneless reading of `c`, most common first, spelt in ASCII.
///
/// A reading with `ü` appears twice, as `v` and as `u` (`吕` → `lv`, `lu`).
/// Empty when the `pinyin` data has no reading for `c`.
pub(crate) fn all(c: char) -> Vec<String> {
    let mut readings: Vec<String> = Vec::new();
    let Some(multi) = c.to_pinyin_multi() else {
        return readings;
    };
    for reading in multi {
        let plain = reading.plain();
        let mut spellings = vec![ascii(plain, 'v')];
        if plain.contains('ü') {
            spellings.push(ascii(plain, 'u'));
        }
        for spelling in spellings {
            if !spelling.is_empty() && !readings.contains(&spelling) {
                readings.push(spelling);
            }
        }
    }
    readings
}

/// The most common toneless reading of `c`, with `ü` spelt `v`, if it has one.
pub(crate) fn first(c: char) -> Option<String> {
    c.to_pinyin().map(|reading| ascii(reading.plain(), 'v'))
}

/// Spells a toneless reading in ASCII, writing `ü` as `u_umlaut`.
fn ascii(plain: &str, u_umlaut: char) -> String {
    plain
        .chars()
        .map(|c| match c {
            'ü' => u_umlaut,
            'ê' => 'e',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polyphonic_characters_have_every_reading_once() {
        assert_eq!(all('长'), ["zhang", "chang"]);
        assert_eq!(all('行'), ["xing", "hang", "heng"]);
        assert_eq!(all('重'), ["zhong", "chong", "tong"]);
        assert_eq!(all('曾'), ["ceng", "zeng"]);
        assert_eq!(all('单'), ["dan", "chan", "shan"]);
        assert_eq!(all('解'), ["jie", "xie"]);
    }

    #[test]
    fn u_umlaut_is_spelt_both_v_and_u() {
        assert_eq!(all('吕'), ["lv", "lu"]);
        assert_eq!(first('绿').as_deref(), Some("lv"));
    }

    #[test]
    fn characters_without_readings_have_none() {
        assert!(all('a').is_empty());
        assert!(all('1').is_empty());
        assert_eq!(first('·'), None);
    }
}
