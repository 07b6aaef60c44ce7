//! Reading the catalogue's TOML files and checking them (the linter).
//!
//! The caller reads the files (the core does no I/O) and passes their names and texts;
//! every problem in every file is reported together, each with file, line and column.

use super::{lint, Bundle, Catalog, ServiceItem, SourceFile, SCHEMA_VERSION};
use crate::calendar::{self, YearSchedule};
use crate::notice::{self, NoticeSettings, Notices};
use crate::Diagnostic;
use std::collections::BTreeMap;

/// Parses and checks all catalogue files. Returns the catalogue only when there is no
/// problem at all, so that a broken file never reaches an applicant half-read.
pub fn load(files: &[SourceFile]) -> Result<Catalog, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut items: Vec<(&SourceFile, ServiceItem)> = Vec::new();
    let mut schedules: Vec<(String, YearSchedule)> = Vec::new();
    let mut bundles: Vec<(&SourceFile, Bundle)> = Vec::new();
    let mut notice_files: Vec<&SourceFile> = Vec::new();
    let mut settings = super::Settings::default();
    for file in files
        .iter()
        .filter(|f| f.path.ends_with(".toml") || f.path.ends_with(".html"))
    {
        if file.path == "settings.toml" {
            match toml::from_str::<super::Settings>(&file.text) {
                Ok(s) => settings = s,
                Err(e) => problems.push(toml_problem(file, &e)),
            }
        } else if file.path.starts_with("notices/") {
            notice_files.push(file);
        } else if file.path.ends_with(".html") {
            problems.push(Diagnostic::in_file(
                &file.path,
                "templates belong under notices/",
            ));
        } else if file.path.starts_with("items/") {
            match toml::from_str::<ServiceItem>(&file.text) {
                Ok(item) => items.push((file, item)),
                Err(e) => problems.push(toml_problem(file, &e)),
            }
        } else if file.path.starts_with("bundles/") {
            match toml::from_str::<Bundle>(&file.text) {
                Ok(b) => bundles.push((file, b)),
                Err(e) => problems.push(toml_problem(file, &e)),
            }
        } else if file.path.starts_with("calendar/") {
            match toml::from_str::<YearSchedule>(&file.text) {
                Ok(s) => schedules.push((file.path.clone(), s)),
                Err(e) => problems.push(toml_problem(file, &e)),
            }
        } else {
            problems.push(Diagnostic::in_file(
                &file.path,
                "unknown catalogue file: service items belong under items/, bundles under bundles/, holiday schedules under calendar/, the deployment's settings in settings.toml",
            ));
        }
    }
    if let Err(found) = calendar::build(&schedules, settings.day_counting) {
        problems.extend(found);
    }
    if items.is_empty() && problems.is_empty() {
        problems.push(Diagnostic::in_file(
            "items/",
            "the catalogue has no service items: add at least one items/*.toml file",
        ));
    }
    let mut first_seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (file, item) in &items {
        lint::item(file, item, &mut problems);
        super::examples::check(file, item, &mut problems);
        if let Some(other) = first_seen.insert(&item.code, &file.path) {
            problems.push(lint::at(
                file,
                &format!("code = \"{}\"", item.code),
                format!(
                    "item code \"{}\" is also used by {other}: each item needs its own code",
                    item.code
                ),
            ));
        }
    }
    lint::bundles(&bundles, &items, &mut problems);
    let notices = notices(&notice_files, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut bundles: Vec<Bundle> = bundles.into_iter().map(|(_, b)| b).collect();
    bundles.sort_by(|a, b| a.code.cmp(&b.code));
    let mut items: Vec<ServiceItem> = items.into_iter().map(|(_, i)| i).collect();
    items.sort_by(|a, b| a.code.cmp(&b.code));
    let mut calendar: Vec<YearSchedule> = schedules.into_iter().map(|(_, s)| s).collect();
    calendar.sort_by_key(|s| s.year);
    let search = items
        .iter()
        .map(|i| super::search::SearchKey::of(&i.code, &i.name))
        .chain(
            bundles
                .iter()
                .map(|b| super::search::SearchKey::of(&b.code, &b.name)),
        )
        .collect();
    Ok(Catalog {
        search,
        schema_version: SCHEMA_VERSION,
        items,
        bundles,
        calendar,
        notices,
        settings,
    })
}

/// Warnings about a catalogue that loads (see [`super::review`]), each with file and line:
/// values not published and rules no situation reaches.
pub fn warnings(files: &[SourceFile]) -> Vec<Diagnostic> {
    files
        .iter()
        .filter(|f| f.path.starts_with("items/") && f.path.ends_with(".toml"))
        .filter_map(|f| toml::from_str::<ServiceItem>(&f.text).ok().map(|i| (f, i)))
        .flat_map(|(f, i)| super::review::item(f, &i))
        .collect()
}

/// The notice templates and settings, checked; `None` when there are none at all.
fn notices(files: &[&SourceFile], problems: &mut Vec<Diagnostic>) -> Option<Notices> {
    if files.is_empty() {
        return None;
    }
    let find = |name: &str| files.iter().find(|f| f.path == format!("notices/{name}"));
    let missing = |problems: &mut Vec<Diagnostic>, name: &str| {
        problems.push(Diagnostic::in_file(
            &format!("notices/{name}"),
            "missing: every deployment needs all notice templates",
        ));
    };
    let settings = match find("settings.toml") {
        Some(f) => match toml::from_str::<NoticeSettings>(&f.text) {
            Ok(s) => Some(s),
            Err(e) => {
                problems.push(toml_problem(f, &e));
                None
            }
        },
        None => {
            missing(problems, "settings.toml");
            None
        }
    };
    let frame = find("frame.html").map(|f| f.text.clone());
    if frame.is_none() {
        missing(problems, "frame.html");
    }
    let mut templates = BTreeMap::new();
    for kind in notice::ALL {
        match find(kind.file_name()) {
            Some(f) => {
                templates.insert(kind, f.text.clone());
            }
            None => missing(problems, kind.file_name()),
        }
    }
    let notices = Notices {
        settings: settings?,
        frame: frame?,
        templates,
    };
    for (file, p) in notices.check() {
        let text = find(file.trim_start_matches("notices/")).map_or("", |f| f.text.as_str());
        let offset: usize = text
            .split_inclusive('\n')
            .take(p.line.saturating_sub(1))
            .map(str::len)
            .sum();
        problems.push(Diagnostic::at_offset(&file, text, offset, p.message));
    }
    Some(notices)
}

fn toml_problem(file: &SourceFile, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    match e.span() {
        Some(span) => Diagnostic::at_offset(&file.path, &file.text, span.start, message),
        None => Diagnostic::in_file(&file.path, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) const GOOD_ITEM: &str = GOOD;

    const GOOD: &str = r#"
code = "A-001"
name = "测试事项"
department = "市场监管局"
handling_body = "县市场监督管理局"
kind = "committed"
statutory_days = 20
promised_days = 10
fees = "不收费"
window = "综合窗口"
legal_basis = ["《测试条例》第一条"]

[[materials]]
id = "id_card"
name = "身份证"
source = "applicant"
form = "original"
requirement = "always"
"#;

    const YEAR: &str = r#"
year = 2026
source = "测试"
[[holidays]]
name = "国庆节"
off = ["2026-10-01", "2026-10-02"]
"#;

    fn file(path: &str, text: &str) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    /// Loads `files` plus a valid holiday schedule.
    fn with_calendar(files: &[SourceFile]) -> Vec<SourceFile> {
        let mut all = files.to_vec();
        all.push(file("calendar/2026.toml", YEAR));
        all
    }

    fn check_errors(files: &[SourceFile], expect: &[&str]) {
        let got: Vec<String> = load(&with_calendar(files))
            .unwrap_err()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn a_good_item_loads_with_defaults() {
        let c = load(&with_calendar(&[file("items/a.toml", GOOD)])).unwrap();
        assert_eq!(c.items.len(), 1);
        assert_eq!(c.items[0].materials[0].copies, 1);
        assert_eq!(c.item("A-001").unwrap().name, "测试事项");
    }

    #[test]
    fn a_misspelt_key_is_reported_with_its_line() {
        let text = GOOD.replace("fees =", "feez =");
        let got = load(&with_calendar(&[file("items/a.toml", &text)])).unwrap_err();
        assert_eq!(got.len(), 1);
        assert!(
            got[0].to_string().starts_with(
                "items/a.toml:9:1: unknown field `feez`, expected one of `code`, `code_published`, `name`"
            ),
            "{}",
            got[0]
        );
    }

    #[test]
    fn every_problem_in_every_file_is_reported_at_once() {
        let late = GOOD.replace("promised_days = 10", "promised_days = 30");
        let bad_kind = GOOD
            .replace("A-001", "A-002")
            .replace("committed", "sometimes");
        let dup = GOOD.to_string();
        check_errors(
            &[
                file("items/a.toml", &late),
                file("items/b.toml", &bad_kind),
                file("items/c.toml", &dup),
                file("stray.toml", ""),
            ],
            &[
                "items/b.toml:6:8: unknown variant `sometimes`, expected one of `immediate`, `committed`, `joint`",
                "stray.toml: unknown catalogue file: service items belong under items/, bundles under bundles/, holiday schedules under calendar/, the deployment's settings in settings.toml",
                "items/a.toml:8:1: promised_days (30) is longer than statutory_days (20): the promise must be within the law",
                "items/c.toml:2:1: item code \"A-001\" is also used by items/a.toml: each item needs its own code",
            ],
        );
    }

    #[test]
    fn immediate_items_promise_the_same_day() {
        let text = GOOD.replace("committed", "immediate");
        check_errors(
            &[file("items/a.toml", &text)],
            &["items/a.toml:8:1: an immediate case (kind = \"immediate\") is decided the same day: promised_days must be 0, not 10"],
        );
    }

    #[test]
    fn the_json_form_round_trips_and_refuses_other_versions() {
        let c = load(&with_calendar(&[file("items/a.toml", GOOD)])).unwrap();
        assert_eq!(Catalog::from_json(&c.to_json()).unwrap(), c);
        let old = c.to_json().replace(
            &format!("\"schema_version\":{SCHEMA_VERSION}"),
            "\"schema_version\":0",
        );
        assert!(Catalog::from_json(&old).unwrap_err().contains("版本为 0"));
        assert!(Catalog::from_json("{")
            .unwrap_err()
            .contains("不是有效的 JSON"));
    }
}

#[cfg(test)]
mod calendar_tests {
    use super::*;

    #[test]
    fn a_catalogue_without_a_holiday_schedule_is_refused() {
        let got = load(&[SourceFile {
            path: "items/a.toml".into(),
            text: super::tests::GOOD_ITEM.into(),
        }])
        .unwrap_err();
        assert_eq!(
            got.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            ["calendar/: no holiday schedule: add calendar/<year>.toml for each year served"]
        );
    }

    #[test]
    fn a_misspelt_date_in_a_schedule_names_the_file_and_line() {
        let got = load(&[
            SourceFile { path: "items/a.toml".into(), text: super::tests::GOOD_ITEM.into() },
            SourceFile {
                path: "calendar/2026.toml".into(),
                text: "year = 2026\nsource = \"x\"\n[[holidays]]\nname = \"元旦\"\noff = [\"2026-13-01\"]\n".into(),
            },
        ])
        .unwrap_err();
        let text = got[0].to_string();
        assert!(text.starts_with("calendar/2026.toml:5:"), "{text}");
    }
}
