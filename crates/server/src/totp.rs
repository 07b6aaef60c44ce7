//! The optional second factor for supervisors: time-based one-time codes (RFC 6238: SHA-1,
//! 6 digits, 30-second steps, one step of clock drift either way) from an authenticator
//! app, with `totp-rs`. The secret is stored sealed (vault.rs); each code works once
//! (the last step used is kept).

use totp_rs::{Algorithm, Secret, TOTP};

/// The issuer shown in the authenticator app.
pub const ISSUER: &str = "OneWindow";

fn totp(secret: &[u8]) -> Option<TOTP> {
    TOTP::new(Algorithm::SHA1, 6, 1, 30, secret.to_vec()).ok()
}

/// A new random secret (160 bits, as RFC 4226 recommends).
pub fn new_secret() -> anyhow::Result<Vec<u8>> {
    let mut s = vec![0u8; 20];
    getrandom::fill(&mut s).map_err(|e| anyhow::anyhow!("no random numbers: {e}"))?;
    Ok(s)
}

/// The secret as an authenticator app takes it by hand (base32).
pub fn base32(secret: &[u8]) -> String {
    Secret::Raw(secret.to_vec()).to_encoded().to_string()
}

/// The `otpauth://` address an authenticator app scans.
pub fn url(secret: &[u8], account: &str) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period=30",
        enc(ISSUER),
        enc(account),
        base32(secret),
        enc(ISSUER)
    )
}

/// The time step of `code` if it is right at `unix_time` (one step either way) and newer
/// than `last_step` (a code is used once).
pub fn check(secret: &[u8], code: &str, unix_time: u64, last_step: u64) -> Option<u64> {
    let t = totp(secret)?;
    let code = code.trim();
    [unix_time.saturating_sub(30), unix_time, unix_time + 30]
        .into_iter()
        .find(|at| at / 30 > last_step && t.generate(*at) == code)
        .map(|at| at / 30)
}

/// The code for `unix_time` (tests, and the CLI's first-code check).
pub fn code_at(secret: &[u8], unix_time: u64) -> String {
    totp(secret)
        .map(|t| t.generate(unix_time))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rfc_6238_test_vector_and_one_use_per_code() {
        // RFC 6238, appendix B: SHA-1, T = 59 s, the 8-digit 94287082 ends in 287082.
        let secret = b"12345678901234567890";
        assert_eq!(code_at(secret, 59), "287082");
        assert_eq!(check(secret, "287082", 59, 0), Some(1));
        // A step of drift either way is accepted, two are not.
        assert_eq!(check(secret, &code_at(secret, 89), 59, 0), Some(2));
        assert_eq!(check(secret, &code_at(secret, 150), 59, 0), None);
        // Once used, the same code (or an older one) is refused.
        assert_eq!(check(secret, "287082", 59, 1), None);
        assert!(url(secret, "李主任").starts_with("otpauth://totp/OneWindow:%E6%9D%8E"));
        assert_eq!(base32(secret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }
}
