//! RFC 8785 JSON Canonicalization Scheme (JCS) over `serde_json::Value`, and a
//! strict I-JSON parser for documents about to be verified.
//!
//! Members are sorted by the UTF-16 code units of their names, strings are
//! escaped as ECMAScript `JSON.stringify` escapes them, and numbers follow
//! ECMAScript `Number::toString`, so the bytes match any other JCS
//! implementation. Gongjiang's own credentials hold only strings, booleans and
//! objects; numbers are still handled in full for foreign documents.

use std::fmt::Write as _;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// 2^53 − 1: the largest integer every JSON implementation reads exactly (RFC 7493 §2.2).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Why a value could not be canonicalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JcsError {
    /// A number that is not finite cannot be written in JSON.
    NonFiniteNumber,
}

impl std::fmt::Display for JcsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("number is not finite")
    }
}

impl std::error::Error for JcsError {}

/// The JCS canonical form of `value`, as UTF-8 text.
///
/// ```
/// use serde_json::json;
/// let doc = json!({"b": [1, 2.50, "€"], "a": {"z": null, "\u{20ac}": true}});
/// assert_eq!(
///     gongjiang_credentials::jcs::canonicalize(&doc)?,
///     r#"{"a":{"z":null,"€":true},"b":[1,2.5,"€"]}"#,
/// );
/// # Ok::<(), gongjiang_credentials::jcs::JcsError>(())
/// ```
pub fn canonicalize(value: &Value) -> Result<String, JcsError> {
    let mut out = String::new();
    write_value(value, &mut out)?;
    Ok(out)
}

fn write_value(value: &Value, out: &mut String) -> Result<(), JcsError> {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(number) => write_number(number, out)?,
        Value::String(text) => write_string(text, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out)?;
            }
            out.push(']');
        }
        Value::Object(members) => write_object(members, out)?,
    }
    Ok(())
}

fn write_object(members: &Map<String, Value>, out: &mut String) -> Result<(), JcsError> {
    let mut sorted: Vec<(&String, &Value)> = members.iter().collect();
    // UTF-16 order differs from UTF-8 (and so from `Map`'s own order) for
    // names mixing characters above U+FFFF with U+E000..U+FFFF.
    sorted.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    out.push('{');
    for (i, (name, member)) in sorted.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(name, out);
        out.push(':');
        write_value(member, out)?;
    }
    out.push('}');
    Ok(())
}

fn write_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn write_number(number: &Number, out: &mut String) -> Result<(), JcsError> {
    if let Some(n) = number.as_u64().filter(|n| *n <= MAX_SAFE_INTEGER) {
        let _ = write!(out, "{n}");
        return Ok(());
    }
    if let Some(n) = number
        .as_i64()
        .filter(|n| n.unsigned_abs() <= MAX_SAFE_INTEGER)
    {
        let _ = write!(out, "{n}");
        return Ok(());
    }
    // Larger integers are IEEE doubles to every other JCS implementation.
    let double = number.as_f64().ok_or(JcsError::NonFiniteNumber)?;
    out.push_str(&format_number(double)?);
    Ok(())
}

/// ECMAScript `Number::toString(x)` (ECMA-262 §6.1.6.1.20), as JCS requires.
///
/// ECMAScript wants the fewest digits that read back as the same double and,
/// among those, the decimal closest to it (ties to even). Rust's `{:e}` gives
/// the fewest digits but not always the closest (1424953923781206.25 prints
/// as `…206.3`, ECMAScript says `…206.2`), so the digits are then rounded
/// exactly, half to even, to that length, and kept if they still read back.
pub fn format_number(x: f64) -> Result<String, JcsError> {
    if !x.is_finite() {
        return Err(JcsError::NonFiniteNumber);
    }
    if x == 0.0 {
        return Ok("0".to_owned()); // both +0 and -0
    }
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    let shortest = format!("{:e}", x.abs());
    let significant = shortest
        .split_once('e')
        .map_or(1, |(m, _)| m.chars().filter(char::is_ascii_digit).count());
    let closest = format!("{:.*e}", significant - 1, x.abs());
    let scientific = if closest.parse::<f64>() == Ok(x.abs()) {
        closest
    } else {
        shortest
    };
    let (mantissa, exponent) = scientific
        .split_once('e')
        .ok_or(JcsError::NonFiniteNumber)?;
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let exponent: i32 = exponent.parse().map_err(|_| JcsError::NonFiniteNumber)?;
    // x = 0.d1d2…dk × 10^n in ECMAScript's terms.
    let k = digits.len() as i32;
    let n = exponent + 1;
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        let (integer, fraction) = digits.split_at(n as usize);
        out.push_str(integer);
        out.push('.');
        out.push_str(fraction);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-n) as usize));
        out.push_str(&digits);
    } else {
        let (first, rest) = digits.split_at(1);
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        let e = n - 1;
        let _ = write!(out, "e{}{}", if e < 0 { '-' } else { '+' }, e.abs());
    }
    Ok(out)
}

/// Parses JSON text as I-JSON (RFC 7493): duplicate member names and integers
/// beyond ±(2^53 − 1) are refused, so that every reader of a signed document
/// sees the same values that were signed.
pub fn parse_strict(text: &str) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = StrictSeed.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

struct StrictSeed;

impl<'de> DeserializeSeed<'de> for StrictSeed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an I-JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        if v.unsigned_abs() > MAX_SAFE_INTEGER {
            return Err(E::custom("integer outside the I-JSON safe range"));
        }
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        if v > MAX_SAFE_INTEGER {
            return Err(E::custom("integer outside the I-JSON safe range"));
        }
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number is not finite"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(StrictSeed)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(name) = map.next_key::<String>()? {
            if members.contains_key(&name) {
                return Err(de::Error::custom(format!("duplicate member name {name:?}")));
            }
            let member = map.next_value_seed(StrictSeed)?;
            members.insert(name, member);
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn canon(text: &str) -> String {
        canonicalize(&serde_json::from_str::<Value>(text).unwrap()).unwrap()
    }

    #[test]
    fn rfc_8785_section_3_2_2_example_canonicalizes_as_published() {
        let input = r#"{
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }"#;
        assert_eq!(
            canon(input),
            r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        );
    }

    #[test]
    fn rfc_8785_section_3_2_3_names_sort_by_utf16_code_units() {
        let input = r#"{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}"#;
        let values: Vec<String> = {
            let canonical: Value = serde_json::from_str(&canon(input)).unwrap();
            let text = canon(input);
            // Read the values back in the order they were written.
            let mut order: Vec<(usize, String)> = canonical
                .as_object()
                .unwrap()
                .values()
                .map(|v| {
                    let s = v.as_str().unwrap().to_owned();
                    (text.find(&s).unwrap(), s)
                })
                .collect();
            order.sort();
            order.into_iter().map(|(_, s)| s).collect()
        };
        assert_eq!(
            values,
            [
                "Carriage Return",
                "One",
                "Control",
                "Latin Small Letter O With Diaeresis",
                "Euro Sign",
                "Emoji: Grinning Face",
                "Hebrew Letter Dalet With Dagesh"
            ]
        );
    }

    #[test]
    fn rfc_8785_appendix_b_numbers_format_as_ecmascript_does() {
        let cases: &[(u64, &str)] = &[
            (0x0000000000000000, "0"),
            (0x8000000000000000, "0"),
            (0x0000000000000001, "5e-324"),
            (0x8000000000000001, "-5e-324"),
            (0x7fefffffffffffff, "1.7976931348623157e+308"),
            (0xffefffffffffffff, "-1.7976931348623157e+308"),
            (0x4340000000000000, "9007199254740992"),
            (0xc340000000000000, "-9007199254740992"),
            (0x4430000000000000, "295147905179352830000"),
            (0x44b52d02c7e14af5, "9.999999999999997e+22"),
            (0x44b52d02c7e14af6, "1e+23"),
            (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
            (0x444b1ae4d6e2ef4e, "999999999999999700000"),
            (0x444b1ae4d6e2ef4f, "999999999999999900000"),
            (0x444b1ae4d6e2ef50, "1e+21"),
            (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
            (0x3eb0c6f7a0b5ed8d, "0.000001"),
            (0x41b3de4355555553, "333333333.3333332"),
            (0x41b3de4355555554, "333333333.33333325"),
            (0x41b3de4355555555, "333333333.3333333"),
            (0x41b3de4355555556, "333333333.3333334"),
            (0x41b3de4355555557, "333333333.33333343"),
            (0xbecbf647612f3696, "-0.0000033333333333333333"),
            (0x43143ff3c1cb0959, "1424953923781206.2"),
        ];
        for (bits, expected) in cases {
            assert_eq!(
                format_number(f64::from_bits(*bits)).unwrap(),
                *expected,
                "{bits:016x}"
            );
        }
    }

    #[test]
    fn large_integers_are_written_as_the_doubles_they_become() {
        assert_eq!(
            canonicalize(&json!(9007199254740993u64)).unwrap(),
            "9007199254740992"
        );
        assert_eq!(
            canonicalize(&json!(u64::MAX)).unwrap(),
            "18446744073709552000"
        );
        assert_eq!(
            canonicalize(&json!(-9007199254740991i64)).unwrap(),
            "-9007199254740991"
        );
    }

    #[test]
    fn control_characters_are_escaped_in_lowercase_hex_and_others_are_literal() {
        let doc = json!("\u{1f}\u{7f}\u{2028}é\u{1F600}/");
        assert_eq!(
            canonicalize(&doc).unwrap(),
            "\"\\u001f\u{7f}\u{2028}é\u{1F600}/\""
        );
    }

    #[test]
    fn strict_parsing_refuses_duplicate_member_names() {
        let err = parse_strict(r#"{"a": 1, "b": {"c": 1, "c": 2}}"#).unwrap_err();
        assert!(
            err.to_string().contains("duplicate member name \"c\""),
            "{err}"
        );
    }

    #[test]
    fn strict_parsing_refuses_unsafe_integers_and_trailing_text() {
        assert!(parse_strict("9007199254740992").is_err());
        assert!(parse_strict("-9007199254740992").is_err());
        assert_eq!(
            parse_strict("9007199254740991").unwrap(),
            json!(9007199254740991u64)
        );
        assert!(parse_strict("{} {}").is_err());
    }

    #[test]
    fn strict_parsing_refuses_lone_surrogates() {
        assert!(parse_strict(r#""\ud800""#).is_err());
    }

    #[test]
    fn strict_parsing_reads_numbers_as_numbers() {
        // Fails if serde_json's `arbitrary_precision` feature gets switched on
        // somewhere in the workspace, which changes how numbers reach a visitor.
        assert_eq!(parse_strict("[1, -2, 0.5]").unwrap(), json!([1, -2, 0.5]));
    }
}
