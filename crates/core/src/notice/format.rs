//! How official documents write dates and numbers.

use chrono::{Datelike, NaiveDate};

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A date as official documents write it (GB/T 9704): 二〇二六年十一月二十一日.
pub fn chinese_date(date: NaiveDate) -> String {
    let year: String = date
        .year()
        .to_string()
        .chars()
        .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
        .collect();
    format!(
        "{year}年{}月{}日",
        small_number(date.month()),
        small_number(date.day())
    )
}

/// 1–31 in Chinese numerals: 一, 十, 十一, 二十, 二十一, 三十一.
fn small_number(n: u32) -> String {
    let (tens, ones) = (n / 10, n % 10);
    let mut s = String::new();
    if tens > 1 {
        s.push(DIGITS[tens as usize]);
    }
    if tens > 0 {
        s.push('十');
    }
    if ones > 0 || tens == 0 {
        s.push(DIGITS[ones as usize]);
    }
    s
}

/// A document number (文号) from a pattern: `{year}` is the year and `{seq}` the yearly
/// sequence, zero-padded to `{seq:N}` digits, e.g. "昭审受字〔{year}〕第{seq:6}号" →
/// 昭审受字〔2026〕第000123号.
pub fn document_number(pattern: &str, year: i32, seq: u32) -> String {
    let mut out = pattern.replace("{year}", &year.to_string());
    if let Some(start) = out.find("{seq") {
        if let Some(len) = out[start..].find('}') {
            let spec = &out[start + 4..start + len];
            let width: usize = spec
                .strip_prefix(':')
                .and_then(|w| w.parse().ok())
                .unwrap_or(0);
            out.replace_range(start..=start + len, &format!("{seq:0width$}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_official_form() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(chinese_date(d("2026-11-21")), "二〇二六年十一月二十一日");
        assert_eq!(chinese_date(d("2026-01-01")), "二〇二六年一月一日");
        assert_eq!(chinese_date(d("2030-10-10")), "二〇三〇年十月十日");
        assert_eq!(chinese_date(d("2026-12-30")), "二〇二六年十二月三十日");
    }

    #[test]
    fn document_numbers_from_a_pattern() {
        assert_eq!(
            document_number("昭审受字〔{year}〕第{seq:6}号", 2026, 123),
            "昭审受字〔2026〕第000123号"
        );
        assert_eq!(
            document_number("县政务〔{year}〕{seq}号", 2027, 5),
            "县政务〔2027〕5号"
        );
    }
}
