//! Accounts and roles: who a user is and what they may act as.
//!
//! A user holds one or more grants (a role in an organisation) and acts for one
//! organisation at a time. Password rules live here; hashing lives in `app`.

use crate::error::Problem;
use crate::members::string_enum;
use serde::Serialize;

string_enum!(
    /// A role a user holds in one organisation.
    Role {
        /// 秘书处管理员: runs the alliance (held in the chair unit).
        Secretariat = "secretariat",
        /// 单位管理员: manages their own unit's profile and people.
        OrgAdmin = "org_admin",
        /// 教师 / 人事: staff of a school or enterprise.
        Staff = "staff",
        /// 学员.
        Trainee = "trainee",
    }
);

string_enum!(
    /// Whether an account may sign in.
    UserStatus {
        /// May sign in.
        Active = "active",
        /// Disabled by an administrator; all sessions end.
        Disabled = "disabled",
    }
);

string_enum!(
    /// Which password rules apply.
    PasswordPolicy {
        /// OWASP ASVS 5.0: length and a deny-list, no composition rules (default).
        Asvs = "asvs",
        /// 等保 2.0 (GB/T 22239-2019): additionally three of four character classes.
        Mlps = "mlps",
    }
);

/// The password every demo account uses; refused anywhere outside `--demo`.
pub const DEMO_PASSWORD: &str = "gongjiang-demo";

/// Shortest accepted password, in characters.
pub const PASSWORD_MIN_CHARS: usize = 8;
/// Longest accepted password, in characters (bounds the hashing cost).
pub const PASSWORD_MAX_CHARS: usize = 128;

/// Common passwords refused outright (compared case-insensitively).
const COMMON_PASSWORDS: &[&str] = &[
    "12345678",
    "123456789",
    "1234567890",
    "11111111",
    "00000000",
    "88888888",
    "66666666",
    "87654321",
    "password",
    "password1",
    "password123",
    "passw0rd",
    "qwertyui",
    "qwerty123",
    "qwertyuiop",
    "1qaz2wsx",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "abc12345",
    "abcd1234",
    "a1234567",
    "aa123456",
    "asdfghjk",
    "iloveyou",
    "woaini1314",
    "woaini520",
    "5201314520",
    "admin123",
    "admin888",
    "administrator",
    "root1234",
    "welcome1",
    "letmein1",
    "zxcvbnm1",
    "abcdefgh",
    "12341234",
    "123123123",
    "112233445566",
    "147258369",
    "1234qwer",
    "qwer1234",
    "p@ssw0rd",
    "p@ssword",
    "changeme",
    "test1234",
    "football",
    "baseball",
    "sunshine",
    "princess",
    "dragon12",
    "monkey12",
    "superman",
    "computer",
    "internet",
    "whatever",
    "gongjiang",
    "gongjiang123",
    "gongjiang2025",
    "gongjiang2026",
    "gongjiang-demo",
    "xuexiao123",
];

/// Checks a new password against the policy and the user's own context words
/// (login, name, organisation names), which may not appear in it.
pub fn check_new_password(
    password: &str,
    policy: PasswordPolicy,
    context: &[&str],
) -> Result<(), Problem> {
    let count = password.chars().count();
    if count == 0 {
        return Err(Problem::Required);
    }
    if count < PASSWORD_MIN_CHARS {
        return Err(Problem::TooShort {
            min: PASSWORD_MIN_CHARS,
        });
    }
    if count > PASSWORD_MAX_CHARS {
        return Err(Problem::TooLong {
            max: PASSWORD_MAX_CHARS,
        });
    }
    if password == DEMO_PASSWORD {
        return Err(Problem::DemoPasswordRefused);
    }
    let lower = password.to_lowercase();
    if COMMON_PASSWORDS.contains(&lower.as_str()) || is_one_repeated_char(&lower) {
        return Err(Problem::PasswordTooCommon);
    }
    for word in context {
        let word = word.trim().to_lowercase();
        if word.chars().count() >= 4 && lower.contains(&word) {
            return Err(Problem::PasswordTooCommon);
        }
    }
    if policy == PasswordPolicy::Mlps {
        let classes = [
            password.chars().any(|c| c.is_ascii_lowercase()),
            password.chars().any(|c| c.is_ascii_uppercase()),
            password.chars().any(|c| c.is_ascii_digit()),
            password.chars().any(|c| !c.is_ascii_alphanumeric()),
        ];
        if classes.iter().filter(|x| **x).count() < 3 {
            return Err(Problem::PasswordTooSimple);
        }
    }
    Ok(())
}

fn is_one_repeated_char(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => chars.all(|c| c == first),
        None => false,
    }
}

/// A login name: 3–40 characters of letters, digits, `.`, `_`, `-` or `@`.
pub fn check_login(login: &str) -> Result<String, Problem> {
    let login = login.trim().to_lowercase();
    let count = login.chars().count();
    if count == 0 {
        return Err(Problem::Required);
    }
    if count < 3 {
        return Err(Problem::TooShort { min: 3 });
    }
    if count > 40 {
        return Err(Problem::TooLong { max: 40 });
    }
    if !login
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
    {
        return Err(Problem::InvalidFormat);
    }
    Ok(login)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_bounds_are_eight_and_one_hundred_twenty_eight_characters() {
        assert_eq!(
            check_new_password("7chars!", PasswordPolicy::Asvs, &[]),
            Err(Problem::TooShort { min: 8 })
        );
        assert_eq!(
            check_new_password("光电子技工教育联盟", PasswordPolicy::Asvs, &[]),
            Ok(())
        );
        let long: String = "光电子".repeat(43).chars().take(128).collect();
        assert_eq!(check_new_password(&long, PasswordPolicy::Asvs, &[]), Ok(()));
        let too_long: String = "光电子".repeat(43);
        assert_eq!(
            check_new_password(&too_long, PasswordPolicy::Asvs, &[]),
            Err(Problem::TooLong { max: 128 })
        );
    }

    #[test]
    fn common_and_context_passwords_are_refused() {
        for p in ["12345678", "Password", "gongjiang2025", "aaaaaaaaaa"] {
            assert_eq!(
                check_new_password(p, PasswordPolicy::Asvs, &[]),
                Err(Problem::PasswordTooCommon),
                "{p}"
            );
        }
        assert_eq!(
            check_new_password("zhangwei-2026!", PasswordPolicy::Asvs, &["zhangwei"]),
            Err(Problem::PasswordTooCommon)
        );
        assert_eq!(
            check_new_password(DEMO_PASSWORD, PasswordPolicy::Asvs, &[]),
            Err(Problem::DemoPasswordRefused)
        );
    }

    #[test]
    fn the_mlps_policy_demands_three_character_classes_and_asvs_does_not() {
        assert_eq!(
            check_new_password("correcthorsebattery", PasswordPolicy::Asvs, &[]),
            Ok(())
        );
        assert_eq!(
            check_new_password("correcthorsebattery", PasswordPolicy::Mlps, &[]),
            Err(Problem::PasswordTooSimple)
        );
        assert_eq!(
            check_new_password("Correct-horse-9", PasswordPolicy::Mlps, &[]),
            Ok(())
        );
    }

    #[test]
    fn a_password_is_not_trimmed_or_case_folded() {
        // A trailing space is part of the password; the policy sees 9 characters.
        assert_eq!(
            check_new_password("tr0ub4dor ", PasswordPolicy::Asvs, &[]),
            Ok(())
        );
    }

    #[test]
    fn logins_are_lower_cased_and_limited_to_a_safe_alphabet() {
        assert_eq!(check_login(" Wang.Li@School "), Ok("wang.li@school".into()));
        assert_eq!(check_login("王丽丽"), Err(Problem::InvalidFormat));
        assert_eq!(check_login("ab"), Err(Problem::TooShort { min: 3 }));
    }
}
