//! The numbers people read out at the desk: a case number (2026-000001) or a terminal's
//! hand-over number (J2026-000001), and the reason a clerk gives to see personal data.

use crate::diagnostic::FieldError;

/// What a number typed at the desk refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// A case (e.g. an online pre-check), by its number `YYYY-NNNNNN`.
    Case(String),
    /// Unfinished work handed over from a terminal, by its number `JYYYY-NNNNNN`.
    Handover(String),
}

/// `YYYYNNNNNN…` (the separators already removed) as `YYYY-NNNNNN…`.
fn year_and_sequence(digits: &str) -> Option<String> {
    (digits.len() >= 10 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{}-{}", &digits[..4], &digits[4..]))
}

/// Reads a case or hand-over number as typed (spaces, dashes, full-width characters and
/// lower case are accepted), or says what a number looks like.
pub fn reference(input: &str) -> Result<Reference, String> {
    let s = super::normalize(input);
    let found = match s.strip_prefix('J') {
        Some(rest) => year_and_sequence(rest).map(|n| Reference::Handover(format!("J{n}"))),
        None => year_and_sequence(&s).map(Reference::Case),
    };
    found.ok_or_else(|| {
        format!(
            "“{}”不是办件编号（如 2026-000001）或交接编号（如 J2026-000001），请核对后重新输入",
            input.trim()
        )
    })
}

/// The fewest characters a reason to see personal data in full may have.
pub const UNMASK_REASON_MIN_CHARS: usize = 2;

/// A reason to see an applicant's full ID number and mobile, trimmed, or why it is not
/// one (the field is `reason`).
pub fn unmask_reason(input: &str) -> Result<String, FieldError> {
    let reason = input.trim();
    if reason.chars().count() < UNMASK_REASON_MIN_CHARS {
        return Err(FieldError {
            field: "reason".into(),
            problem: "请填写查看理由（例如：核对身份证件原件）".into(),
        });
    }
    Ok(reason.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_handover_numbers_are_told_apart_as_typed() {
        assert_eq!(
            reference(" 2026-000012 "),
            Ok(Reference::Case("2026-000012".into()))
        );
        assert_eq!(
            reference("j２０２６－000003"),
            Ok(Reference::Handover("J2026-000003".into()))
        );
        assert!(reference("JX").is_err());
        assert!(reference("just text").is_err());
        assert!(reference("2026-0012").is_err());
    }

    #[test]
    fn a_reason_needs_two_characters() {
        assert!(unmask_reason(" 核 ").is_err());
        assert_eq!(unmask_reason(" 核对原件 "), Ok("核对原件".into()));
    }
}
