//! Personal data encrypted at rest: applicants' names, ID numbers and mobiles, the raw
//! submissions, complaints' contacts and terminals' hand-overs are stored as
//! `enc1:<key id>:<base64 of nonce ‖ AES-256-GCM ciphertext>`, under data keys from a key
//! file (or `ONEWINDOW_KEY`), never from the database. The first key encrypts; every key
//! listed decrypts, so `onewindow key rotate` can add a key and re-encrypt in batches while
//! the server runs (a server meeting a key it does not know reads the file again). ID
//! numbers are also kept as a keyed hash (HMAC-SHA-256 under the file's index key) for
//! exact-match search without decrypting.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use anyhow::{bail, Context};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// What a sealed value starts with.
const PREFIX: &str = "enc1:";
/// The environment variable that may hold the key file's content instead of a file.
pub const KEY_ENV: &str = "ONEWINDOW_KEY";

/// Where the keys come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// A key file (see [`generate`]).
    File(PathBuf),
    /// The key file's content itself (from `ONEWINDOW_KEY`).
    Text(String),
}

/// The parsed key file: data keys (the first encrypts) and the index key.
#[derive(Clone)]
struct Keys {
    data: Vec<(String, Aes256Gcm)>,
    index: [u8; 32],
}

/// The keys in use, shared by every handler.
#[derive(Clone)]
pub struct Vault {
    source: KeySource,
    keys: Arc<RwLock<Keys>>,
    /// When the key file was last looked at, and its modification time then: a rotation
    /// elsewhere puts a new first key in it, which sealing picks up within seconds.
    seen: Arc<std::sync::Mutex<(std::time::Instant, Option<std::time::SystemTime>)>>,
}

fn modified(source: &KeySource) -> Option<std::time::SystemTime> {
    match source {
        KeySource::File(p) => std::fs::metadata(p).and_then(|m| m.modified()).ok(),
        KeySource::Text(_) => None,
    }
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

fn random32() -> anyhow::Result<[u8; 32]> {
    let mut k = [0u8; 32];
    getrandom::fill(&mut k).map_err(|e| anyhow::anyhow!("no random numbers: {e}"))?;
    Ok(k)
}

fn key_id() -> String {
    chrono::Utc::now().format("k%Y%m%dT%H%M%S").to_string()
}

/// The text of a new key file: one data key and the index key.
pub fn new_key_text() -> anyhow::Result<String> {
    Ok(format!(
        "# OneWindow keys: the first data key encrypts, every one decrypts; the index key\n\
         # hashes ID numbers for search. Keep this file apart from the database and its\n\
         # backups: without it their personal data cannot be read.\n\
         data {} {}\nindex {}\n",
        key_id(),
        B64.encode(random32()?),
        B64.encode(random32()?)
    ))
}

fn parse(text: &str, origin: &str) -> anyhow::Result<Keys> {
    let mut data = Vec::new();
    let mut index = None;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = || format!("{origin}:{}", n + 1);
        let parts: Vec<&str> = line.split_whitespace().collect();
        let bytes = |b64: &str| -> anyhow::Result<[u8; 32]> {
            let raw = B64
                .decode(b64)
                .with_context(|| format!("{}: the key is not base64", at()))?;
            raw.try_into()
                .map_err(|_| anyhow::anyhow!("{}: a key has 32 bytes", at()))
        };
        match parts.as_slice() {
            ["data", id, key] => {
                let cipher = Aes256Gcm::new_from_slice(&bytes(key)?)
                    .map_err(|_| anyhow::anyhow!("{}: a key has 32 bytes", at()))?;
                data.push((id.to_string(), cipher));
            }
            ["index", key] => index = Some(bytes(key)?),
            _ => bail!(
                "{}: expected `data ID BASE64` or `index BASE64`, found {line:?}",
                at()
            ),
        }
    }
    match (data.is_empty(), index) {
        (false, Some(index)) => Ok(Keys { data, index }),
        _ => bail!(
            "{origin} holds no data key or no index key (make one with `onewindow key generate`)"
        ),
    }
}

fn read(source: &KeySource) -> anyhow::Result<Keys> {
    match source {
        KeySource::Text(text) => parse(text, KEY_ENV),
        KeySource::File(path) => {
            let text = std::fs::read_to_string(path).with_context(|| {
                format!(
                    "cannot read the key file {}: create one with `onewindow key generate --key-file {}`",
                    path.display(),
                    path.display()
                )
            })?;
            parse(&text, &path.display().to_string())
        }
    }
}

/// Writes a new key file at `path` (never over an existing one), readable by its owner
/// only; returns the new key's id.
pub fn generate(path: &Path) -> anyhow::Result<String> {
    if path.exists() {
        bail!(
            "{} already exists: a key file is never overwritten (its keys read the data)",
            path.display()
        );
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let text = new_key_text()?;
    write_private(path, &text)?;
    Ok(parse(&text, "new")?.data[0].0.clone())
}

fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let partial = path.with_extension("writing");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options
        .open(&partial)
        .with_context(|| format!("cannot write {}", partial.display()))?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    std::fs::rename(&partial, path)?;
    Ok(())
}

/// Puts a new data key first in the key file (the old ones stay, to read what they
/// sealed); returns its id.
pub fn add_key(path: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the key file {}", path.display()))?;
    parse(&text, &path.display().to_string())?;
    let mut id = key_id();
    while text.contains(&format!("data {id} ")) {
        std::thread::sleep(std::time::Duration::from_millis(1100));
        id = key_id();
    }
    let line = format!("data {id} {}\n", B64.encode(random32()?));
    // The new data line goes before the first data line.
    let at = text
        .lines()
        .scan(0usize, |offset, l| {
            let start = *offset;
            *offset += l.len() + 1;
            Some((start, l))
        })
        .find(|(_, l)| l.trim_start().starts_with("data "))
        .map_or(text.len(), |(start, _)| start);
    let mut new = text.clone();
    new.insert_str(at, &line);
    write_private(path, &new)?;
    Ok(id)
}

impl Vault {
    /// Loads the keys from `source`.
    pub fn load(source: KeySource) -> anyhow::Result<Vault> {
        let keys = read(&source)?;
        let seen = (std::time::Instant::now(), modified(&source));
        Ok(Vault {
            source,
            keys: Arc::new(RwLock::new(keys)),
            seen: Arc::new(std::sync::Mutex::new(seen)),
        })
    }

    /// Reads the key file again if it changed (checked at most every five seconds).
    fn refresh(&self) {
        let KeySource::File(_) = &self.source else {
            return;
        };
        let Ok(mut seen) = self.seen.lock() else {
            return;
        };
        if seen.0.elapsed() < std::time::Duration::from_secs(5) {
            return;
        }
        let now = modified(&self.source);
        seen.0 = std::time::Instant::now();
        if now != seen.1 {
            if let (Ok(fresh), Ok(mut k)) = (read(&self.source), self.keys.write()) {
                *k = fresh;
                seen.1 = now;
            }
        }
    }

    /// The keys of `ONEWINDOW_KEY` if set, else of the file `path`.
    pub fn from_env_or_file(path: &Path) -> anyhow::Result<Vault> {
        match std::env::var(KEY_ENV) {
            Ok(text) if !text.trim().is_empty() => Vault::load(KeySource::Text(text)),
            _ => Vault::load(KeySource::File(path.to_path_buf())),
        }
    }

    /// The id of the key that encrypts.
    pub fn current_id(&self) -> String {
        self.keys
            .read()
            .map(|k| k.data[0].0.clone())
            .unwrap_or_default()
    }

    /// Seals `plain` under the current key; the empty string stays empty.
    pub fn seal(&self, plain: &str) -> String {
        if plain.is_empty() {
            return String::new();
        }
        self.refresh();
        let keys = match self.keys.read() {
            Ok(k) => k,
            Err(p) => p.into_inner(),
        };
        let (id, cipher) = &keys.data[0];
        let mut nonce = [0u8; 12];
        // Without random numbers no key is safe to use: nothing sensible is left to do.
        getrandom::fill(&mut nonce).expect("the operating system gives random numbers");
        let sealed = cipher
            .encrypt(Nonce::from_slice(&nonce), plain.as_bytes())
            .expect("AES-GCM encrypts any length a database holds");
        let mut out = nonce.to_vec();
        out.extend(sealed);
        format!("{PREFIX}{id}:{}", B64.encode(out))
    }

    /// Opens a stored value: a sealed one with its key (reading the key file again once
    /// when the key is new, as after a rotation), a plain one (written before encryption
    /// was on) as it is.
    pub fn open(&self, stored: &str) -> anyhow::Result<String> {
        let Some(rest) = stored.strip_prefix(PREFIX) else {
            return Ok(stored.to_string());
        };
        let (id, b64) = rest
            .split_once(':')
            .context("a sealed value without its key id")?;
        if !self.knows(id) {
            let fresh = read(&self.source)?;
            if let Ok(mut k) = self.keys.write() {
                *k = fresh;
            }
        }
        let keys = match self.keys.read() {
            Ok(k) => k,
            Err(p) => p.into_inner(),
        };
        let Some((_, cipher)) = keys.data.iter().find(|(k, _)| k == id) else {
            bail!("the value was sealed with key {id}, which the key file does not hold");
        };
        let raw = B64
            .decode(b64)
            .context("a sealed value that is not base64")?;
        if raw.len() < 12 {
            bail!("a sealed value too short to hold its nonce");
        }
        let plain = cipher
            .decrypt(Nonce::from_slice(&raw[..12]), &raw[12..])
            .map_err(|_| {
                anyhow::anyhow!("a sealed value does not open with key {id} (altered?)")
            })?;
        String::from_utf8(plain).context("a sealed value that is not text")
    }

    /// Opens each stored value of one record in place; an error names `what` (e.g.
    /// "case 2026-000001") so a damaged or unreadable value can be found.
    pub fn open_in_place(&self, what: &str, fields: &mut [&mut String]) -> anyhow::Result<()> {
        for field in fields.iter_mut() {
            **field = self.open(field).with_context(|| what.to_string())?;
        }
        Ok(())
    }

    fn knows(&self, id: &str) -> bool {
        self.keys
            .read()
            .map(|k| k.data.iter().any(|(k, _)| k == id))
            .unwrap_or(false)
    }

    /// The keyed hash of an ID number for exact-match search ('' for none).
    pub fn index(&self, id_number: &str) -> String {
        if id_number.is_empty() {
            return String::new();
        }
        let key = self.keys.read().map(|k| k.index).unwrap_or([0; 32]);
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&key).expect("HMAC takes a key of any length");
        mac.update(id_number.as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// A vault with a fresh random key held in memory only (tests).
    pub fn ephemeral() -> anyhow::Result<Vault> {
        Vault::load(KeySource::Text(new_key_text()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_with_their_key_and_only_with_it() {
        let v = Vault::ephemeral().unwrap();
        let sealed = v.seal("11010519491231002X");
        assert!(sealed.starts_with("enc1:k"), "{sealed}");
        assert!(!sealed.contains("11010519491231002X"));
        assert_ne!(
            sealed,
            v.seal("11010519491231002X"),
            "a fresh nonce each time"
        );
        assert_eq!(v.open(&sealed).unwrap(), "11010519491231002X");
        // Plain values written before encryption read as they are; empty stays empty.
        assert_eq!(v.open("张三").unwrap(), "张三");
        assert_eq!(v.seal(""), "");
        // Another key cannot open it, and an altered value is refused.
        let other = Vault::ephemeral().unwrap();
        let foreign = format!(
            "enc1:{}:{}",
            other.current_id(),
            &sealed[sealed.rfind(':').unwrap() + 1..]
        );
        assert!(other.open(&foreign).is_err());
        let mut altered = sealed.clone().into_bytes();
        let last = altered.len() - 3;
        altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
        assert!(v.open(&String::from_utf8(altered).unwrap()).is_err());
        // The search hash is stable for one key file, different for another.
        assert_eq!(v.index("11010519491231002X"), v.index("11010519491231002X"));
        assert_ne!(
            v.index("11010519491231002X"),
            other.index("11010519491231002X")
        );
    }

    #[test]
    fn a_rotated_key_file_still_opens_the_old_values_and_a_bad_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("onewindow.key");
        let first = generate(&path).unwrap();
        assert!(generate(&path).is_err(), "never over an existing file");
        let old = Vault::load(KeySource::File(path.clone())).unwrap();
        let sealed = old.seal("13800138000");
        let second = add_key(&path).unwrap();
        assert_ne!(first, second);
        let new = Vault::load(KeySource::File(path.clone())).unwrap();
        assert_eq!(new.current_id(), second);
        assert_eq!(new.open(&sealed).unwrap(), "13800138000");
        // The running vault learns the new key when it meets a value sealed with it.
        assert_eq!(old.open(&new.seal("李四")).unwrap(), "李四");
        assert_eq!(old.index("x"), new.index("x"), "the index key is kept");
        std::fs::write(&path, "data k1 notbase64\nindex AAAA\n").unwrap();
        let e = Vault::load(KeySource::File(path.clone()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("onewindow.key:1"), "{e}");
    }
}
