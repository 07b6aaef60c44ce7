//! Reads the catalogue directory from disk and hands the texts to the core's loader.

use onewindow_core::calendar::Calendar;
use onewindow_core::catalog::{self, Catalog, SourceFile};
use sha2::{Digest, Sha256};
use std::path::Path;

/// A checked catalogue together with its JSON form and a digest of that form, which is
/// also the HTTP entity tag.
#[derive(Debug)]
pub struct LoadedCatalog {
    /// The catalogue.
    pub catalog: Catalog,
    /// What the centre should look at but that does not stop it (values not published,
    /// rules no situation reaches), each `file:line:column: message`.
    pub warnings: Vec<String>,
    /// What `GET /api/catalog` sends.
    pub json: String,
    /// Hex SHA-256 of `json`.
    pub digest: String,
    /// The working-day calendar built from the catalogue's holiday schedules.
    pub calendar: Calendar,
    /// What `GET /api/calendar` sends: the schedules alone.
    pub calendar_json: String,
    /// Hex SHA-256 of `calendar_json`.
    pub calendar_digest: String,
    /// `json` compressed once, at load.
    pub json_packed: Packed,
    /// `calendar_json` compressed once, at load.
    pub calendar_packed: Packed,
    /// What `GET /api/catalog/index` sends: the list, search and themes without the
    /// guides, with each guide's version.
    pub index_json: String,
    /// Hex SHA-256 of `index_json`.
    pub index_digest: String,
    /// `index_json` compressed once, at load.
    pub index_packed: Packed,
    /// Each item's guide as `GET /api/catalog/items/{code}` sends it, with its version
    /// (the ETag), by code.
    pub item_json: std::collections::BTreeMap<String, (String, String)>,
}

/// A document compressed once with brotli (highest level) and gzip, so that no request
/// compresses it again.
#[derive(Debug, Clone)]
pub struct Packed {
    /// Brotli, quality 11 (9 above 1 MiB).
    pub br: axum::body::Bytes,
    /// Gzip, level 9.
    pub gzip: axum::body::Bytes,
}

impl Packed {
    /// Compresses `text`.
    pub fn of(text: &str) -> std::io::Result<Packed> {
        use std::io::Write;
        // The highest level for what a phone downloads (the index); a county's whole
        // catalogue (megabytes, fetched by terminals and desks) one notch down, so the
        // server starts in seconds.
        let quality = if text.len() <= 1 << 20 { 11 } else { 9 };
        let mut br = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut br, 64 * 1024, quality, 22);
            w.write_all(text.as_bytes())?;
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(text.as_bytes())?;
        Ok(Packed {
            br: br.into(),
            gzip: gz.finish()?.into(),
        })
    }
}

/// Reads every file under `dir` and loads it; every problem is listed in the error,
/// each as `file:line:column: message`.
pub fn load_dir(dir: &Path) -> anyhow::Result<LoadedCatalog> {
    let mut files = Vec::new();
    collect(dir, dir, &mut files).map_err(|e| {
        anyhow::anyhow!("cannot read the catalogue directory {}: {e}", dir.display())
    })?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let catalog = catalog::load(&files).map_err(|problems| {
        let list: Vec<String> = problems
            .iter()
            .map(|p| format!("  {}/{p}", dir.display()))
            .collect();
        anyhow::anyhow!(
            "the catalogue in {} has {} problem(s):\n{}",
            dir.display(),
            problems.len(),
            list.join("\n")
        )
    })?;
    anyhow::ensure!(
        catalog.notices.is_some(),
        "the catalogue in {} has no notices/ (settings.toml, frame.html and the eight templates): \
         the window cannot print without them",
        dir.display()
    );
    let json = catalog.to_json();
    let calendar = catalog
        .calendar()
        .map_err(|e| anyhow::anyhow!("the catalogue in {}: {e}", dir.display()))?;
    let calendar_json = serde_json::to_string(&catalog.calendar)?;
    let mut item_json = std::collections::BTreeMap::new();
    for item in &catalog.items {
        let text = serde_json::to_string(item)?;
        let version = sha256(&text)[..16].to_string();
        item_json.insert(item.code.clone(), (text, version));
    }
    let index = catalog.index(|i| {
        item_json
            .get(&i.code)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    });
    let index_json = serde_json::to_string(&index)?;
    let warnings = catalog::warnings(&files)
        .iter()
        .map(|w| format!("{}/{w}", dir.display()))
        .collect();
    Ok(LoadedCatalog {
        warnings,
        index_packed: Packed::of(&index_json)?,
        index_digest: sha256(&index_json),
        index_json,
        item_json,
        json_packed: Packed::of(&json)?,
        calendar_packed: Packed::of(&calendar_json)?,
        digest: sha256(&json),
        calendar_digest: sha256(&calendar_json),
        catalog,
        json,
        calendar,
        calendar_json,
    })
}

fn sha256(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<SourceFile>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml" || e == "html") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let text = std::fs::read_to_string(&path)
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            out.push(SourceFile { path: rel, text });
        }
    }
    Ok(())
}
