//! Validators for the numbers people type into forms: the resident ID number
//! (居民身份证号码), the unified social credit code (统一社会信用代码) and the mainland
//! mobile number (手机号码). The browser and the server run the same code, so a number
//! accepted in the form is accepted on submission.
//!
//! Every validator first [`normalize`]s what was typed (full-width characters from Chinese
//! input methods, spaces, hyphens, lower case), then checks it and returns the canonical
//! form. A rejection is a [`ValidationError`] whose [`message`](ValidationError::message)
//! says in Simplified Chinese what is wrong and what to do, and whose
//! [`span`](ValidationError::span) says which characters are wrong, where that is known.
//! Positions are 1-based and count characters of the normalized number (for a mobile
//! number, after the country code is removed), which is how a person reads "第5位".
//!
//! Nothing here panics, whatever the input, and nothing reads the clock: the resident ID
//! check takes today's date as an argument.

mod credit_code;
mod id_number;
mod mobile;
mod reference;

pub use credit_code::{credit_code, CreditCode};
pub use id_number::{resident_id, IdKind, ResidentId, Sex};
pub use mobile::mobile;
pub use reference::{reference, unmask_reason, Reference, UNMASK_REASON_MIN_CHARS};

use serde::{Deserialize, Serialize};
use std::fmt;

/// Turns what a person typed into plain upper-case ASCII without separators.
///
/// Full-width forms (U+FF01–U+FF5E, e.g. `１２３Ａｂ＋`) become ASCII; white space of any
/// kind (including the ideographic space U+3000), hyphens and dashes, and invisible
/// zero-width characters picked up by copy and paste are removed; ASCII letters become
/// upper case. Anything else is kept, so that the validator can point at it.
///
/// ```
/// use onewindow_core::validate::normalize;
/// assert_eq!(normalize("１１０１０５ １９４９１２３１ ００２ｘ"), "11010519491231002X");
/// assert_eq!(normalize("+86 138-0013-8000"), "+8613800138000");
/// ```
pub fn normalize(input: &str) -> String {
    input
        .chars()
        .map(fold_width)
        .filter(|&c| !is_separator(c))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Full-width ASCII variants (U+FF01–U+FF5E) to their ASCII counterparts.
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Characters people put between groups of digits, or that copy and paste leaves behind.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\u{2010}'..='\u{2015}' // hyphen, non-breaking hyphen, figure/en/em dash, bar
                | '\u{2212}' // minus sign
                | '\u{FE58}' | '\u{FE63}' // small em dash, small hyphen-minus
                | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' // zero-width
        )
}

/// Masks a resident ID number for printing: the first 3 and last 4 characters are kept.
///
/// The input is normalized first. A string of 7 characters or fewer is masked entirely, so
/// a short or partial number is never printed in clear.
///
/// ```
/// use onewindow_core::validate::mask_id;
/// assert_eq!(mask_id("11010519491231002X"), "110***********002X");
/// ```
pub fn mask_id(id: &str) -> String {
    mask(&normalize(id), 3, 4)
}

/// Masks a mobile number for printing: `138****8000`. The input is normalized and a
/// `+86`/`0086`/`86` prefix removed first; a string of 7 characters or fewer is masked
/// entirely.
///
/// ```
/// use onewindow_core::validate::mask_mobile;
/// assert_eq!(mask_mobile("13800138000"), "138****8000");
/// ```
pub fn mask_mobile(number: &str) -> String {
    let all = normalize(number);
    match mobile::strip_country_code(&all) {
        Some(national) => mask(national, 3, 4),
        None => mask(&all, 3, 4),
    }
}

/// An applicant's name, ID and mobile as a masked list or export shows them: a natural
/// person's all masked; an organisation (a valid unified social credit code) keeps its
/// name and code, which are not personal data, and masks the contact's mobile.
///
/// ```
/// use onewindow_core::validate::mask_applicant;
/// assert_eq!(
///     mask_applicant("张三", "110105194912310029", "13800138000"),
///     ("张*".to_string(), "110***********0029".to_string(), "138****8000".to_string())
/// );
/// ```
pub fn mask_applicant(name: &str, id: &str, mobile: &str) -> (String, String, String) {
    if credit_code(id).is_ok() {
        (name.to_string(), id.to_string(), mask_mobile(mobile))
    } else {
        (mask_name(name), mask_id(id), mask_mobile(mobile))
    }
}

/// Masks a person's name for a page anyone with the number and code may read: the
/// surname stays, every other character is a star.
///
/// ```
/// use onewindow_core::validate::mask_name;
/// assert_eq!(mask_name("王小敏"), "王**");
/// ```
pub fn mask_name(name: &str) -> String {
    let name = name.trim();
    name.chars()
        .enumerate()
        .map(|(i, c)| if i == 0 { c } else { '*' })
        .collect()
}

fn mask(text: &str, head: usize, tail: usize) -> String {
    let len = text.chars().count();
    if len <= head + tail {
        return "*".repeat(len);
    }
    text.chars()
        .enumerate()
        .map(|(i, c)| if i < head || i >= len - tail { c } else { '*' })
        .collect()
}

/// Which kind of number was being checked; it names the number in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// 居民身份证号码 (also the residence permits and the foreigner's permanent residence
    /// ID card, which share its format).
    ResidentId,
    /// 统一社会信用代码.
    CreditCode,
    /// 手机号码.
    Mobile,
}

impl Field {
    /// The name used in messages, e.g. `身份证号码`.
    pub fn name(self) -> &'static str {
        match self {
            Field::ResidentId => "身份证号码",
            Field::CreditCode => "统一社会信用代码",
            Field::Mobile => "手机号码",
        }
    }

    /// How many characters the canonical form has.
    pub fn length(self) -> usize {
        match self {
            Field::ResidentId | Field::CreditCode => 18,
            Field::Mobile => 11,
        }
    }
}

/// What is wrong with a number. Positions are 1-based, in the normalized number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Problem {
    /// Nothing was typed (or only spaces and separators).
    Empty,
    /// The number has the wrong number of characters.
    WrongLength {
        /// How many characters it has after normalization.
        actual: usize,
    },
    /// A character that is not allowed at this position.
    NotAllowed {
        /// Where it is.
        position: usize,
        /// The character.
        found: char,
    },
    /// A letter the credit code alphabet leaves out (I, O, Z, S, V) to avoid confusion
    /// with digits.
    ForbiddenLetter {
        /// Where it is.
        position: usize,
        /// The letter.
        found: char,
    },
    /// The two digits that should be a province-level division code are not one.
    UnknownProvince {
        /// Where the two digits start (1 for an ID number, 2 for a foreigner's number).
        position: usize,
        /// The two digits.
        code: String,
    },
    /// The birth-date digits (positions 7–14) are not a calendar date.
    InvalidBirthDate {
        /// The eight digits as written.
        digits: String,
    },
    /// The birth date is later than today.
    BirthDateAfterToday {
        /// The eight digits as written.
        digits: String,
    },
    /// The birth date is before 1900-01-01.
    BirthDateBefore1900 {
        /// The eight digits as written.
        digits: String,
    },
    /// The check character does not match the rest. Which character is mistyped cannot
    /// be known: any single typo produces this.
    CheckCharacter,
    /// A mobile number with a country code other than +86.
    UnsupportedCountryCode,
    /// A mobile number whose first digit is not 1 or whose second digit is not 3–9.
    WrongPrefix {
        /// 1 or 2.
        position: usize,
        /// The digit found there.
        found: char,
    },
}

/// A rejected number: which kind of number, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ValidationError {
    /// The kind of number that was checked.
    pub field: Field,
    /// What is wrong.
    pub problem: Problem,
}

impl ValidationError {
    fn new(field: Field, problem: Problem) -> Self {
        ValidationError { field, problem }
    }

    /// The wrong characters as a 1-based inclusive range of positions in the normalized
    /// number, when they are known (e.g. `(7, 14)` for a birth date).
    pub fn span(&self) -> Option<(usize, usize)> {
        match &self.problem {
            Problem::NotAllowed { position, .. }
            | Problem::ForbiddenLetter { position, .. }
            | Problem::WrongPrefix { position, .. } => Some((*position, *position)),
            Problem::UnknownProvince { position, .. } => Some((*position, position + 1)),
            Problem::InvalidBirthDate { .. }
            | Problem::BirthDateAfterToday { .. }
            | Problem::BirthDateBefore1900 { .. } => Some((7, 14)),
            Problem::Empty
            | Problem::WrongLength { .. }
            | Problem::CheckCharacter
            | Problem::UnsupportedCountryCode => None,
        }
    }

    /// The first wrong position (1-based), when it is known.
    pub fn position(&self) -> Option<usize> {
        self.span().map(|(from, _)| from)
    }

    /// What is wrong and what to do about it, in Simplified Chinese.
    pub fn message(&self) -> String {
        let name = self.field.name();
        match &self.problem {
            Problem::Empty => format!("请填写{name}"),
            Problem::WrongLength { actual } => self.length_message(*actual),
            Problem::NotAllowed { position, found } => {
                not_allowed_message(self.field, *position, *found)
            }
            Problem::ForbiddenLetter { position, found } => format!(
                "{name}含有不允许的字符“{found}”（不使用I、O、Z、S、V），请核对第{position}位"
            ),
            Problem::UnknownProvince { position: 1, code } => {
                format!("{name}前两位“{code}”不是有效的省级行政区划代码，请核对号码开头")
            }
            Problem::UnknownProvince { position, code } => format!(
                "外国人永久居留身份证号码第{position}至{}位“{code}”不是有效的省级行政区划代码，请核对",
                position + 1
            ),
            Problem::InvalidBirthDate { digits } => {
                format!("出生日期{digits}不是有效日期，请核对{name}第7至14位")
            }
            Problem::BirthDateAfterToday { digits } => {
                format!("出生日期{digits}晚于今天，请核对{name}第7至14位")
            }
            Problem::BirthDateBefore1900 { digits } => {
                format!("出生日期{digits}早于1900年，请核对{name}第7至14位")
            }
            Problem::CheckCharacter => match self.field {
                Field::CreditCode => format!("{name}校验位不符，请逐位核对代码"),
                _ => format!("{name}校验位不符，请逐位核对号码"),
            },
            Problem::UnsupportedCountryCode => {
                "目前只受理中国大陆手机号码（+86），请填写11位大陆手机号码".to_string()
            }
            Problem::WrongPrefix { position: 1, found } => {
                format!("手机号码应为11位数字，以1开头，当前第1位是“{found}”，请核对")
            }
            Problem::WrongPrefix { position, found } => {
                format!("手机号码第{position}位应为3至9，当前为“{found}”，请核对")
            }
        }
    }

    fn length_message(&self, actual: usize) -> String {
        let expected = self.field.length();
        let head = match self.field {
            Field::Mobile => format!("手机号码应为11位数字，以1开头，当前为{actual}位"),
            field => format!("{}应为{expected}位，当前为{actual}位", field.name()),
        };
        // 15 characters is usually an old number, not a typo.
        let advice = match (self.field, actual) {
            (Field::ResidentId, 15) => "请填写证件上的18位号码（15位旧号码已停止使用）",
            (Field::CreditCode, 15) => "请填写营业执照上的18位代码，而不是15位注册号",
            _ if actual < expected => "请检查是否漏输",
            _ => "请检查是否多输",
        };
        format!("{head}，{advice}")
    }
}

fn not_allowed_message(field: Field, position: usize, found: char) -> String {
    match field {
        Field::ResidentId if position == 18 => {
            format!("身份证号码第18位“{found}”应为数字或X，请核对")
        }
        Field::ResidentId if found == 'X' => {
            format!("身份证号码第{position}位是“X”，只有最后一位可以是X，请核对")
        }
        Field::ResidentId => format!("身份证号码第{position}位“{found}”不是数字，请核对"),
        Field::CreditCode if (3..=8).contains(&position) => format!(
            "统一社会信用代码第3至8位应为数字（行政区划码），第{position}位是“{found}”，请核对"
        ),
        Field::CreditCode => {
            format!("统一社会信用代码第{position}位“{found}”不是数字或大写字母，请核对")
        }
        Field::Mobile => format!("手机号码应为11位数字，第{position}位“{found}”不是数字，请核对"),
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ValidationError {}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn normalize_folds_what_input_methods_produce() {
        let cases = [
            ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
            ("110105\u{3000}19491231\u{3000}002x", "11010519491231002X"),
            ("９１３５０１００ｍ０００１００ｙ４３", "91350100M000100Y43"),
            ("＋８６　１３８－００１３－８０００", "+8613800138000"),
            ("138—0013–8000\u{200B}", "13800138000"),
            ("  ", ""),
            ("", ""),
        ];
        for (input, expect) in cases {
            assert_eq!(normalize(input), expect, "{input:?}");
        }
    }

    #[test]
    fn masking_for_printed_notices() {
        let ids = [
            ("11010519491231002X", "110***********002X"),
            ("11010519491231002x", "110***********002X"),
            ("1234567", "*******"), // too short to show any of it
            ("", ""),
        ];
        for (input, expect) in ids {
            assert_eq!(mask_id(input), expect, "{input:?}");
        }
        let mobiles = [
            ("13800138000", "138****8000"),
            ("+86 138 0013 8000", "138****8000"),
            ("😀😀😀😀😀😀😀😀", "😀😀😀*😀😀😀😀"),
        ];
        for (input, expect) in mobiles {
            assert_eq!(mask_mobile(input), expect, "{input:?}");
        }
    }

    #[test]
    fn odd_input_is_rejected_without_panicking() {
        let today = NaiveDate::from_ymd_opt(2025, 6, 1).expect("test date");
        let long = "1".repeat(100);
        let odd = [
            "",
            "   ",
            "😀",
            "👨‍👩‍👧‍👦🇨🇳",
            long.as_str(),
            "X",
            "+",
            "+86",
            "0086",
            "\u{FF5E}\u{FF01}",
            "身份证",
            "\u{0}\u{FFFF}",
        ];
        for input in odd {
            let id = resident_id(input, today);
            let code = credit_code(input);
            let phone = mobile(input);
            assert!(id.is_err() && code.is_err() && phone.is_err(), "{input:?}");
            for e in [id.err(), code.err(), phone.err()].into_iter().flatten() {
                assert!(!e.message().is_empty());
            }
            let _ = (mask_id(input), mask_mobile(input));
        }
        let empty = mobile(" ").err().map(|e| e.message());
        assert_eq!(empty.as_deref(), Some("请填写手机号码"));
    }

    #[test]
    fn errors_display_their_message_and_span() {
        let today = NaiveDate::from_ymd_opt(2025, 6, 1).expect("test date");
        let e = resident_id("110105194913320011", today).err();
        assert_eq!(
            e.as_ref().map(|e| e.to_string()).as_deref(),
            Some("出生日期19491332不是有效日期，请核对身份证号码第7至14位")
        );
        assert_eq!(e.and_then(|e| e.span()), Some((7, 14)));
    }
}
