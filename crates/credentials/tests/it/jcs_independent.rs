//! A second JCS canonicalizer, written differently on purpose, checked against
//! the crate's on tricky documents and on random ones; and the crate's number
//! formatting checked against ECMAScript output recorded from Node.js.
//!
//! This one walks UTF-16 code units throughout: member names become `Vec<u16>`
//! keys of a `BTreeMap` (whose order is then the JCS order), strings are
//! escaped unit by unit, and numbers are re-laid from Rust's plain decimal
//! `Display` rather than from its scientific form.

use std::collections::BTreeMap;

use gongjiang_credentials::jcs;
use proptest::prelude::*;
use serde_json::{Map, Number, Value, json};

fn independent(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number(n),
        Value::String(s) => string(s),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(independent).collect::<Vec<_>>().join(",")
        ),
        Value::Object(members) => {
            let sorted: BTreeMap<Vec<u16>, String> = members
                .iter()
                .map(|(name, member)| {
                    (
                        name.encode_utf16().collect(),
                        format!("{}:{}", string(name), independent(member)),
                    )
                })
                .collect();
            format!("{{{}}}", sorted.into_values().collect::<Vec<_>>().join(","))
        }
    }
}

fn string(text: &str) -> String {
    let mut units: Vec<u16> = vec![u16::from(b'"')];
    for unit in text.encode_utf16() {
        let escape = match unit {
            0x22 => Some("\\\"".to_owned()),
            0x5c => Some("\\\\".to_owned()),
            0x08 => Some("\\b".to_owned()),
            0x0c => Some("\\f".to_owned()),
            0x0a => Some("\\n".to_owned()),
            0x0d => Some("\\r".to_owned()),
            0x09 => Some("\\t".to_owned()),
            u if u < 0x20 => Some(format!("\\u00{u:02x}")),
            _ => None,
        };
        match escape {
            Some(e) => units.extend(e.encode_utf16()),
            None => units.push(unit),
        }
    }
    units.push(u16::from(b'"'));
    String::from_utf16(&units).unwrap()
}

fn number(n: &Number) -> String {
    if let Some(i) = n.as_i64().filter(|i| i.unsigned_abs() < (1 << 53)) {
        return i.to_string();
    }
    if let Some(u) = n.as_u64().filter(|u| *u < (1 << 53)) {
        return u.to_string();
    }
    let x = n.as_f64().unwrap();
    if x == 0.0 {
        return "0".into();
    }
    // `Display` writes every digit, no exponent: "0.000001234", "12300000".
    let plain = format!("{}", x.abs());
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let all: String = format!("{int}{frac}");
    let lead = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_start_matches('0').trim_end_matches('0').to_owned();
    let point = int.len() as i64 - lead as i64; // ECMAScript's n
    let k = digits.len() as i64;
    let body = if k <= point && point <= 21 {
        format!("{digits}{}", "0".repeat((point - k) as usize))
    } else if 0 < point && point <= 21 {
        format!(
            "{}.{}",
            &digits[..point as usize],
            &digits[point as usize..]
        )
    } else if -6 < point && point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else {
        let e = point - 1;
        let mantissa = if k == 1 {
            digits.clone()
        } else {
            format!("{}.{}", &digits[..1], &digits[1..])
        };
        format!("{mantissa}e{}{}", if e < 0 { "-" } else { "+" }, e.abs())
    };
    if x < 0.0 { format!("-{body}") } else { body }
}

fn corpus() -> Vec<Value> {
    let texts = [
        r#"{"\u20ac":"Euro","\r":"CR","\ufb33":"Dalet","1":"One","\ud83d\ude00":"Emoji","\u0080":"Ctl","\u00f6":"o"}"#,
        r#"{"\ue000":1,"\ud800\udc00":2,"\uffff":3,"":4,"a":{"":[]}}"#,
        r#"{"s":"\u0000\u0001\u001f\u007f\b\f\n\r\t\"\\/\u2028\u2029"}"#,
        r#"[[],[[]],{},[{}],[null,true,false],"",[[[["deep"]]]]]"#,
        r#"{"numbers":[0,-0,1,-1,0.5,1e21,1e-7,1e-6,123456789012345680000,4.35,1e300,-2.5e-10,9007199254740991]}"#,
        r#"{"王*明":"四级/中级工","职业":{"名称":"电子专用设备装调工","工种":"--"}}"#,
        r#"{"b":[{"z":1,"a":2}],"a":[{"y":[3,{"c":null,"b":"x"}]}]}"#,
    ];
    texts
        .iter()
        .map(|t| serde_json::from_str(t).unwrap())
        .collect()
}

#[test]
fn both_canonicalizers_agree_on_tricky_documents() {
    for doc in corpus() {
        assert_eq!(jcs::canonicalize(&doc).unwrap(), independent(&doc), "{doc}");
    }
}

#[test]
fn both_canonicalizers_agree_on_the_issued_certificate() {
    let credential = crate::fixtures::issued();

    assert_eq!(
        jcs::canonicalize(&credential).unwrap(),
        independent(&credential)
    );
}

#[test]
fn names_above_the_basic_plane_sort_before_private_use_characters() {
    // U+10000 is D800 DC00 in UTF-16, before U+E000; in UTF-8 it sorts after.
    let doc = json!({"\u{e000}": 1, "\u{10000}": 2});

    assert_eq!(
        jcs::canonicalize(&doc).unwrap(),
        "{\"\u{10000}\":2,\"\u{e000}\":1}"
    );
}

#[test]
fn numbers_format_as_node_js_formats_them() {
    let corpus = include_str!("data/es_numbers.txt");
    let mut checked = 0;
    for line in corpus.lines() {
        let (bits, expected) = line.split_once(' ').unwrap();
        let x = f64::from_bits(u64::from_str_radix(bits, 16).unwrap());

        assert_eq!(jcs::format_number(x).unwrap(), expected, "bits {bits}");
        checked += 1;
    }
    assert!(checked > 500);
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-(1i64 << 53) + 1..(1i64 << 53)).prop_map(|i| json!(i)),
        // At most 13 significant digits, so ties at 17 digits cannot arise.
        (-999_999_999_999i64..999_999_999_999, -30i32..30)
            .prop_map(|(m, e)| json!(format!("{m}e{e}").parse::<f64>().unwrap())),
        any::<String>().prop_map(Value::String),
        "[\\u{0}-\\u{3f}\\u{e000}-\\u{e0ff}\\u{1f600}-\\u{1f60f}\"\\\\]{0,8}"
            .prop_map(Value::String),
    ]
}

fn document() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #[test]
    fn random_documents_canonicalize_identically_through_both(doc in document()) {
        let canonical = jcs::canonicalize(&doc).unwrap();
        prop_assert_eq!(&canonical, &independent(&doc));
        // The canonical text reads back to the same document and is a fixed point.
        let reread: Value = serde_json::from_str(&canonical).unwrap();
        prop_assert_eq!(jcs::canonicalize(&reread).unwrap(), canonical);
    }
}
