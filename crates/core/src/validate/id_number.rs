//! The resident ID number (公民身份号码, GB 11643-1999): 6-digit address code, 8-digit
//! birth date, 3-digit sequence (odd 17th digit = male), ISO 7064 MOD 11-2 check character.
//!
//! Accepted first two digits (the province-level code of GB/T 2260, which GB 11643 uses
//! for the address code): the 31 mainland codes 11–65; 71 (Taiwan, listed in GB/T 2260);
//! 81, 82, 83, the address codes of the residence permits for Hong Kong, Macao and Taiwan
//! residents (港澳台居民居住证, 2018), which use the same format. The foreigner's permanent
//! residence ID card (外国人永久居留身份证, 2023 edition) also uses this format and check
//! character, with first digit 9 and digits 2–3 the province-level code of the place that
//! accepted the application (e.g. 911… for Beijing, 931… for Shanghai), so a leading 9 is
//! accepted when digits 2–3 are a mainland code.

use super::{normalize, Field, Problem, ValidationError};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The 31 mainland province-level codes of GB/T 2260.
const MAINLAND: [&str; 31] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
];

/// ISO 7064 MOD 11-2 weights of the first 17 digits (2^(18-i) mod 11).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The check character for each remainder of the weighted sum mod 11.
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Sex as encoded by the 17th digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Odd 17th digit.
    Male,
    /// Even 17th digit.
    Female,
}

/// Which document the number belongs to, as told by its first digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// Resident ID card of a citizen (first two digits 11–65 or 71).
    Citizen,
    /// Residence permit for Hong Kong, Macao or Taiwan residents (81, 82, 83).
    ResidencePermit,
    /// Foreigner's permanent residence ID card, 2023 edition (first digit 9).
    ForeignPermanentResident,
}

/// A valid resident ID number, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ResidentId {
    /// The canonical 18 characters, check character `X` in upper case.
    pub number: String,
    /// The first six digits (address code).
    pub division_code: String,
    /// Date of birth (digits 7–14).
    pub birth_date: NaiveDate,
    /// Sex (digit 17).
    pub sex: Sex,
    /// Which document the number belongs to.
    pub kind: IdKind,
}

/// Checks a resident ID number and returns it parsed, in canonical form.
///
/// `today` is the date the check is made on: a birth date after it is rejected, as is one
/// before 1900-01-01.
///
/// ```
/// use chrono::NaiveDate;
/// use onewindow_core::validate::{resident_id, Sex};
/// let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
/// let id = resident_id("11010519491231002x", today).unwrap();
/// assert_eq!(id.number, "11010519491231002X");
/// assert_eq!(id.sex, Sex::Female);
/// ```
pub fn resident_id(input: &str, today: NaiveDate) -> Result<ResidentId, ValidationError> {
    let fail = |problem| Err(ValidationError::new(Field::ResidentId, problem));
    let number = normalize(input);
    let chars: Vec<char> = number.chars().collect();
    if chars.is_empty() {
        return fail(Problem::Empty);
    }
    // A wrong character is reported before the length: it is often why the length is off.
    if let Some((i, &found)) = chars
        .iter()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_digit() || **c == 'X'))
    {
        return fail(Problem::NotAllowed {
            position: i + 1,
            found,
        });
    }
    if chars.len() != 18 {
        return fail(Problem::WrongLength {
            actual: chars.len(),
        });
    }
    let digits: Vec<u32> = chars[..17].iter().filter_map(|c| c.to_digit(10)).collect();
    if let Some(i) = chars[..17].iter().position(|&c| c == 'X') {
        return fail(Problem::NotAllowed {
            position: i + 1,
            found: 'X',
        });
    }
    // All 18 characters are ASCII from here on, so byte slices are character slices.
    let kind = match kind(&number) {
        Ok(kind) => kind,
        Err(problem) => return fail(problem),
    };
    let birth_digits = number[6..14].to_string();
    let birth_date = match birth_date(&digits[6..14]) {
        None => {
            return fail(Problem::InvalidBirthDate {
                digits: birth_digits,
            })
        }
        Some(date) if date.year() < 1900 => {
            return fail(Problem::BirthDateBefore1900 {
                digits: birth_digits,
            })
        }
        Some(date) if date > today => {
            return fail(Problem::BirthDateAfterToday {
                digits: birth_digits,
            })
        }
        Some(date) => date,
    };
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    if chars[17] != CHECK[(sum % 11) as usize] {
        return fail(Problem::CheckCharacter);
    }
    Ok(ResidentId {
        division_code: number[..6].to_string(),
        birth_date,
        sex: if digits[16] % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        },
        kind,
        number,
    })
}

/// The document kind from the leading digits of an 18-digit ASCII number.
fn kind(number: &str) -> Result<IdKind, Problem> {
    let (first2, second2) = (&number[..2], &number[1..3]);
    match first2 {
        _ if MAINLAND.contains(&first2) || first2 == "71" => Ok(IdKind::Citizen),
        "81" | "82" | "83" => Ok(IdKind::ResidencePermit),
        _ if number.starts_with('9') => {
            if MAINLAND.contains(&second2) {
                Ok(IdKind::ForeignPermanentResident)
            } else {
                Err(Problem::UnknownProvince {
                    position: 2,
                    code: second2.to_string(),
                })
            }
        }
        _ => Err(Problem::UnknownProvince {
            position: 1,
            code: first2.to_string(),
        }),
    }
}

/// YYYYMMDD as a calendar date, if it is one.
fn birth_date(digits: &[u32]) -> Option<NaiveDate> {
    let value = |ds: &[u32]| ds.iter().fold(0, |acc, d| acc * 10 + d);
    let year = i32::try_from(value(digits.get(0..4)?)).ok()?;
    NaiveDate::from_ymd_opt(year, value(digits.get(4..6)?), value(digits.get(6..8)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).expect("test date")
    }

    /// `Ok(canonical)` or `Err(exact message)`.
    fn check(input: &str, expect: Result<&str, &str>) {
        let got = resident_id(input, today())
            .map(|id| id.number)
            .map_err(|e| e.message());
        assert_eq!(got.as_deref().map_err(String::as_str), expect, "{input:?}");
    }

    #[test]
    fn accepts_valid_numbers_as_typed() {
        let canonical = "11010519491231002X";
        for input in [
            "11010519491231002X",
            "11010519491231002x",
            "１１０１０５１９４９１２３１００２Ｘ",
            "１１０１０５１９４９１２３１００２ｘ",
            " 110105 19491231 002X ",
            "110105\u{3000}19491231\u{3000}002x",
            "110105-19491231-002X",
        ] {
            check(input, Ok(canonical));
        }
        for valid in [
            "110101199003074477",
            "650102199912311232",
            "11010519000101001X", // 1900-01-01 is the earliest accepted
            "110105202506010010", // born today
            "110105200002290013", // leap day
            "810000199001010027", // Hong Kong residents' residence permit
            "830000199001010012", // Taiwan residents' residence permit
            "710000199001010031", // Taiwan in GB/T 2260
            "911840198503150016", // foreigner, accepted in Beijing (11)
        ] {
            check(valid, Ok(valid));
        }
    }

    #[test]
    fn parses_birth_date_sex_and_kind() {
        let parsed = |input| resident_id(input, today()).ok();
        let id = parsed("11010519491231002X");
        assert_eq!(
            id.as_ref().map(|id| (id.birth_date, id.sex, id.kind)),
            NaiveDate::from_ymd_opt(1949, 12, 31).map(|d| (d, Sex::Female, IdKind::Citizen))
        );
        assert_eq!(id.map(|id| id.division_code).as_deref(), Some("110105"));
        assert_eq!(
            parsed("110101199003074477").map(|id| id.sex),
            Some(Sex::Male)
        );
        let kinds = [
            ("810000199001010027", IdKind::ResidencePermit),
            ("911840198503150016", IdKind::ForeignPermanentResident),
        ];
        for (input, kind) in kinds {
            assert_eq!(parsed(input).map(|id| id.kind), Some(kind), "{input}");
        }
    }

    #[test]
    fn rejects_with_reason_and_fix() {
        let cases = [
            ("", "请填写身份证号码"),
            (
                "11010519491231002",
                "身份证号码应为18位，当前为17位，请检查是否漏输",
            ),
            (
                "11010519491231002X1",
                "身份证号码应为18位，当前为19位，请检查是否多输",
            ),
            (
                "110105491231002",
                "身份证号码应为18位，当前为15位，请填写证件上的18位号码（15位旧号码已停止使用）",
            ),
            ("110105194912310021", "身份证号码校验位不符，请逐位核对号码"),
            (
                "11010519491231002Y",
                "身份证号码第18位“Y”应为数字或X，请核对",
            ),
            (
                "1101051949123100。X",
                "身份证号码第17位“。”不是数字，请核对",
            ),
            (
                "11010519491231X02X",
                "身份证号码第15位是“X”，只有最后一位可以是X，请核对",
            ),
            (
                "110105194913320011",
                "出生日期19491332不是有效日期，请核对身份证号码第7至14位",
            ),
            (
                "110105200002300017",
                "出生日期20000230不是有效日期，请核对身份证号码第7至14位",
            ),
            (
                "110105202506020016",
                "出生日期20250602晚于今天，请核对身份证号码第7至14位",
            ),
            (
                "440524188001010014",
                "出生日期18800101早于1900年，请核对身份证号码第7至14位",
            ),
            (
                "100105194912310028",
                "身份证号码前两位“10”不是有效的省级行政区划代码，请核对号码开头",
            ),
            (
                "981840198503150019",
                "外国人永久居留身份证号码第2至3位“81”不是有效的省级行政区划代码，请核对",
            ),
        ];
        for (input, message) in cases {
            check(input, Err(message));
        }
    }

    #[test]
    fn points_at_the_wrong_characters() {
        let span = |input| resident_id(input, today()).err().and_then(|e| e.span());
        assert_eq!(span("100105194912310028"), Some((1, 2)));
        assert_eq!(span("110105202506020016"), Some((7, 14)));
        assert_eq!(span("11010519491231002Y"), Some((18, 18)));
        assert_eq!(span("110105194912310021"), None);
    }
}
