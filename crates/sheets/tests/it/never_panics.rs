//! Whatever the bytes, `read` returns; it never panics. Random bytes,
//! random bytes behind a zip signature, and real workbooks whose XML parts
//! are mutated and re-zipped (so the mutations reach the XML parser).

use gongjiang_sheets::{read, template};
use proptest::prelude::*;

use crate::support::{TRAINEES, simple_xlsx, unzip, zip_entries};

fn sample() -> Vec<u8> {
    simple_xlsx(&[
        &[
            "李四",
            "42010220060315001X",
            "13800138000",
            "男",
            "2006-03-15",
            "2024",
            "备注",
        ],
        &["王五", "420111199901010024", "", "女", "", "", ""],
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), csv in any::<bool>()) {
        let _ = read(&bytes, if csv { "a.csv" } else { "a.xlsx" }, &TRAINEES);
    }

    #[test]
    fn random_bytes_behind_a_zip_signature_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        let _ = read(&bytes, "a.xlsx", &TRAINEES);
    }

    #[test]
    fn flipped_bytes_in_a_real_workbook_never_panic(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16)) {
        let mut bytes = sample();
        for (index, byte) in flips {
            let at = index.index(bytes.len());
            bytes[at] = byte;
        }
        let _ = read(&bytes, "a.xlsx", &TRAINEES);
    }

    #[test]
    fn mutated_xml_inside_a_valid_zip_never_panics(
        part in 0usize..16,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0usize..3), 1..12),
        from_template in any::<bool>(),
    ) {
        let source = if from_template { template(&TRAINEES).unwrap() } else { sample() };
        let mut entries = unzip(&source);
        let part = part % entries.len();
        let data = &mut entries[part].1;
        for (index, byte, action) in edits {
            if data.is_empty() {
                data.push(byte);
                continue;
            }
            let at = index.index(data.len());
            match action {
                0 => data[at] = byte,
                1 => data.insert(at, byte),
                _ => { data.truncate(at); }
            }
        }
        let _ = read(&zip_entries(&entries), "a.xlsx", &TRAINEES);
    }

    #[test]
    fn random_csv_text_never_panics(text in "[\\PC\r\n,\"'\t=]{0,400}") {
        let _ = read(text.as_bytes(), "a.csv", &TRAINEES);
    }
}
