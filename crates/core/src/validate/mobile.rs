//! Mainland mobile numbers: 11 digits, first digit 1, second digit 3–9, with an optional
//! +86 / 0086 / 86 country code in front.

use super::{normalize, Field, Problem, ValidationError};

/// Checks a mainland mobile number and returns its canonical 11 digits, country code
/// removed.
///
/// ```
/// use onewindow_core::validate::mobile;
/// assert_eq!(mobile("+86 138-0013-8000").unwrap(), "13800138000");
/// ```
pub fn mobile(input: &str) -> Result<String, ValidationError> {
    let fail = |problem| Err(ValidationError::new(Field::Mobile, problem));
    let all = normalize(input);
    if all.is_empty() {
        return fail(Problem::Empty);
    }
    let Some(number) = strip_country_code(&all) else {
        return fail(Problem::UnsupportedCountryCode);
    };
    let chars: Vec<char> = number.chars().collect();
    if chars.is_empty() {
        return fail(Problem::Empty);
    }
    if let Some((i, &found)) = chars.iter().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
        return fail(Problem::NotAllowed {
            position: i + 1,
            found,
        });
    }
    if chars.len() != 11 {
        return fail(Problem::WrongLength {
            actual: chars.len(),
        });
    }
    if chars[0] != '1' {
        return fail(Problem::WrongPrefix {
            position: 1,
            found: chars[0],
        });
    }
    if !('3'..='9').contains(&chars[1]) {
        return fail(Problem::WrongPrefix {
            position: 2,
            found: chars[1],
        });
    }
    Ok(number.to_string())
}

/// The national number without `+86`, `0086` or `86`; `None` for another country code.
/// A bare `86` is only a country code when 11 characters follow it.
pub(super) fn strip_country_code(all: &str) -> Option<&str> {
    if let Some(rest) = all.strip_prefix("+86").or_else(|| all.strip_prefix("0086")) {
        return Some(rest);
    }
    if all.starts_with('+') || all.starts_with("00") {
        return None;
    }
    match all.strip_prefix("86") {
        Some(rest) if rest.chars().count() == 11 => Some(rest),
        _ => Some(all),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Ok(canonical)` or `Err(exact message)`.
    fn check(input: &str, expect: Result<&str, &str>) {
        let got = mobile(input).map_err(|e| e.message());
        assert_eq!(got.as_deref().map_err(String::as_str), expect, "{input:?}");
    }

    #[test]
    fn accepts_what_people_type() {
        for input in [
            "13800138000",
            "138 0013 8000",
            "138-0013-8000",
            "１３８００１３８０００",
            "+8613800138000",
            "+86 13800138000",
            "+86-138-0013-8000",
            "＋８６　１３８００１３８０００",
            "008613800138000",
            "0086 13800138000",
            "8613800138000",
            "86-13800138000",
        ] {
            check(input, Ok("13800138000"));
        }
        for valid in ["19912345678", "16600001111", "14700000000"] {
            check(valid, Ok(valid));
        }
    }

    #[test]
    fn rejects_with_reason_and_fix() {
        let cases = [
            ("", "请填写手机号码"),
            ("+86", "请填写手机号码"),
            (
                "1380013800",
                "手机号码应为11位数字，以1开头，当前为10位，请检查是否漏输",
            ),
            (
                "138001380001",
                "手机号码应为11位数字，以1开头，当前为12位，请检查是否多输",
            ),
            (
                "23800138000",
                "手机号码应为11位数字，以1开头，当前第1位是“2”，请核对",
            ),
            ("12800138000", "手机号码第2位应为3至9，当前为“2”，请核对"),
            (
                "+86 1380013800O",
                "手机号码应为11位数字，第11位“O”不是数字，请核对",
            ),
            (
                "+1 415 555 2671",
                "目前只受理中国大陆手机号码（+86），请填写11位大陆手机号码",
            ),
            (
                "00852 6123 4567",
                "目前只受理中国大陆手机号码（+86），请填写11位大陆手机号码",
            ),
        ];
        for (input, message) in cases {
            check(input, Err(message));
        }
    }

    #[test]
    fn points_at_the_wrong_digit_after_the_country_code() {
        let position = |input| mobile(input).err().and_then(|e| e.position());
        assert_eq!(position("+86 12800138000"), Some(2));
        assert_eq!(position("1380013800O"), Some(11));
    }
}
