//! The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters over a
//! 31-character alphabet. Position 1 registration authority, 2 organisation type, 3–8
//! division code (digits), 9–17 organisation code, 18 check character.
//!
//! Positions 1 and 2 are not checked against a list: the authorities have added codes
//! since 2015, and the check character already catches typos there.

use super::{normalize, Field, Problem, ValidationError};
use serde::{Deserialize, Serialize};

/// Digits and upper-case letters except I, O, Z, S, V; a character's value is its index.
const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Letters left out of [`ALPHABET`] because they look like digits.
const FORBIDDEN: [char; 5] = ['I', 'O', 'Z', 'S', 'V'];

/// Weight of each of the first 17 characters (3^(i-1) mod 31).
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A valid unified social credit code, with its parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CreditCode {
    /// The canonical 18 characters, upper case.
    pub code: String,
    /// Position 1: registration authority (e.g. `9` market regulation, `5` civil affairs).
    pub registration_authority: char,
    /// Position 2: organisation type within that authority.
    pub organization_type: char,
    /// Positions 3–8: administrative division code of the registering authority.
    pub division_code: String,
    /// Positions 9–17: organisation code (组织机构代码), with its own check character.
    pub organization_code: String,
}

/// Checks a unified social credit code and returns it in canonical form, with its parts.
///
/// ```
/// use onewindow_core::validate::credit_code;
/// let code = credit_code("91350100m000100y43").unwrap();
/// assert_eq!(code.code, "91350100M000100Y43");
/// assert_eq!(code.division_code, "350100");
/// ```
pub fn credit_code(input: &str) -> Result<CreditCode, ValidationError> {
    let fail = |problem| Err(ValidationError::new(Field::CreditCode, problem));
    let code = normalize(input);
    let chars: Vec<char> = code.chars().collect();
    if chars.is_empty() {
        return fail(Problem::Empty);
    }
    // A wrong character is reported before the length: it is often why the length is off.
    let mut values = Vec::with_capacity(chars.len());
    for (i, &found) in chars.iter().enumerate() {
        let position = i + 1;
        match value(found) {
            Some(v) => values.push(v),
            None if FORBIDDEN.contains(&found) => {
                return fail(Problem::ForbiddenLetter { position, found })
            }
            None => return fail(Problem::NotAllowed { position, found }),
        }
    }
    if chars.len() != 18 {
        return fail(Problem::WrongLength {
            actual: chars.len(),
        });
    }
    if let Some(i) = (2..8).find(|&i| !chars[i].is_ascii_digit()) {
        return fail(Problem::NotAllowed {
            position: i + 1,
            found: chars[i],
        });
    }
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    if Some(chars[17]) != check_character(sum) {
        return fail(Problem::CheckCharacter);
    }
    // All 18 characters are ASCII from here on, so byte slices are character slices.
    Ok(CreditCode {
        registration_authority: chars[0],
        organization_type: chars[1],
        division_code: code[2..8].to_string(),
        organization_code: code[8..17].to_string(),
        code,
    })
}

fn value(c: char) -> Option<u32> {
    // ALPHABET is ASCII, so the byte index is the character's value.
    ALPHABET.find(c).and_then(|i| u32::try_from(i).ok())
}

/// 31 − (sum mod 31), where 31 stands for 0.
fn check_character(sum: u32) -> Option<char> {
    let index = (31 - sum % 31) % 31;
    ALPHABET.chars().nth(index as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Ok(canonical)` or `Err(exact message)`.
    fn check(input: &str, expect: Result<&str, &str>) {
        let got = credit_code(input).map(|c| c.code).map_err(|e| e.message());
        assert_eq!(got.as_deref().map_err(String::as_str), expect, "{input:?}");
    }

    #[test]
    fn accepts_valid_codes_as_typed() {
        // Each check character verified by hand computation of the GB 32100 formula.
        for valid in [
            "91350100M000100Y43",
            "91110000802100433B",
            "91110108551385082Q",
            "914403001922038216",
            "91110000100014071Q",
            "12100000400000770U",
            "Y1110000MA0000001Y",
        ] {
            check(valid, Ok(valid));
        }
        for input in [
            "91350100m000100y43",
            "９１３５０１００Ｍ０００１００Ｙ４３",
            "９１３５０１００ｍ０００１００ｙ４３",
            "9135 0100 M000 100Y 43",
            "91350100-M000100Y4-3",
        ] {
            check(input, Ok("91350100M000100Y43"));
        }
    }

    #[test]
    fn parts_are_exposed() {
        let code = credit_code("91350100M000100Y43").ok();
        assert_eq!(
            code.map(|c| (
                c.registration_authority,
                c.organization_type,
                c.division_code,
                c.organization_code
            )),
            Some(('9', '1', "350100".to_string(), "M000100Y4".to_string()))
        );
    }

    #[test]
    fn rejects_with_reason_and_fix() {
        let cases = [
            ("", "请填写统一社会信用代码"),
            (
                "91350100M000100Y4",
                "统一社会信用代码应为18位，当前为17位，请检查是否漏输",
            ),
            (
                "91350100M000100Y433",
                "统一社会信用代码应为18位，当前为19位，请检查是否多输",
            ),
            (
                "350100400012345",
                "统一社会信用代码应为18位，当前为15位，请填写营业执照上的18位代码，而不是15位注册号",
            ),
            (
                "91350100M000100Y44",
                "统一社会信用代码校验位不符，请逐位核对代码",
            ),
            (
                "913501OOM000100Y43",
                "统一社会信用代码含有不允许的字符“O”（不使用I、O、Z、S、V），请核对第7位",
            ),
            (
                "91350100M000100Y4s",
                "统一社会信用代码含有不允许的字符“S”（不使用I、O、Z、S、V），请核对第18位",
            ),
            (
                "91350100M000100Y4。",
                "统一社会信用代码第18位“。”不是数字或大写字母，请核对",
            ),
            (
                "9135A100M000100Y43",
                "统一社会信用代码第3至8位应为数字（行政区划码），第5位是“A”，请核对",
            ),
        ];
        for (input, message) in cases {
            check(input, Err(message));
        }
    }

    #[test]
    fn points_at_the_wrong_character() {
        let position = |input| credit_code(input).err().and_then(|e| e.position());
        assert_eq!(position("913501OOM000100Y43"), Some(7));
        assert_eq!(position("9135A100M000100Y43"), Some(5));
        assert_eq!(position("91350100M000100Y44"), None);
    }
}
