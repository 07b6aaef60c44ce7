//! What changed for a refused case that was made with an older guide: the server keeps
//! every guide version it has published, and the core compares the draft's version with
//! the current one for the case's answers.

use crate::error::AppError;
use crate::AppState;
use onewindow_core::checklist::answers_for_item;
use onewindow_core::guide_change::guide_changes;
use onewindow_core::submission::{FieldError, Submission};
use onewindow_core::ServiceItem;

/// One line per item whose guide changed since the draft was made, naming the changes
/// that matter to it (field `guide_versions.CODE`).
pub async fn guide_notes(
    state: &AppState,
    tx: &mut sqlx::AnyConnection,
    sub: &Submission,
) -> Result<Vec<FieldError>, AppError> {
    let mut out = Vec::new();
    for (code, version) in &sub.guide_versions {
        let (Some(item), Some((_, current))) = (
            state.catalog.catalog.item(code),
            state.catalog.item_json.get(code),
        ) else {
            continue;
        };
        if current == version {
            continue;
        }
        let old: Option<String> =
            sqlx::query_scalar("SELECT json FROM guide_versions WHERE code = $1 AND version = $2")
                .bind(code)
                .bind(version)
                .fetch_optional(&mut *tx)
                .await?;
        let changes = old
            .and_then(|json| serde_json::from_str::<ServiceItem>(&json).ok())
            .map(|old| guide_changes(&old, item, &answers_for_item(item, &sub.answers)));
        let problem = match changes {
            Some(c) if c.is_empty() => continue,
            Some(c) => format!(
                "您填写后，“{}”的办事指南已更新：{}。请按新版指南修改后再提交",
                item.name,
                c.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("；")
            ),
            None => format!(
                "您填写后，“{}”的办事指南已更新，请按新版指南重新核对后再提交",
                item.name
            ),
        };
        out.push(FieldError {
            field: format!("guide_versions.{code}"),
            problem,
        });
    }
    Ok(out)
}
