//! The drafts on this device: resume or delete; unreadable ones are shown, not hidden.

use crate::storage::{DraftEntry, DraftStatus, Storage, DEFAULT_DB};
use crate::text::t;
use leptos::prelude::*;
use onewindow_core::catalog::CatalogIndex;
use std::sync::Arc;

/// A draft as listed.
#[derive(Debug, Clone, PartialEq)]
enum Line {
    Draft {
        id: String,
        item: String,
        status: DraftStatus,
        updated_at: String,
    },
    Unreadable {
        id: String,
        reason: String,
    },
}

async fn load() -> Vec<Line> {
    let Ok(storage) = Storage::open(DEFAULT_DB).await else {
        return vec![];
    };
    storage
        .drafts()
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|e| match e {
            DraftEntry::Ok(d) => Line::Draft {
                id: d.id,
                item: d.item,
                status: d.status,
                updated_at: d.updated_at,
            },
            DraftEntry::Unreadable { id, reason, .. } => Line::Unreadable { id, reason },
        })
        .collect()
}

fn local_time(iso: &str) -> String {
    String::from(
        js_sys::Date::new(&iso.into()).to_locale_string("zh-CN", &wasm_bindgen::JsValue::UNDEFINED),
    )
}

/// The list of drafts.
#[component]
pub fn DraftsList(index: Arc<CatalogIndex>) -> impl IntoView {
    let lines = RwSignal::new(Vec::<Line>::new());
    let reload = move || leptos::task::spawn_local(async move { lines.set(load().await) });
    reload();
    let delete = move |id: String| {
        let confirmed = web_sys::window()
            .and_then(|w| w.confirm_with_message(t().delete_confirm).ok())
            .unwrap_or(false);
        if confirmed {
            leptos::task::spawn_local(async move {
                if let Ok(s) = Storage::open(DEFAULT_DB).await {
                    let _ = s.delete_draft(&id).await;
                }
                lines.set(load().await);
            });
        }
    };
    move || {
        let list = lines.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|line| match line {
                    Line::Draft { id, item, status, updated_at } => {
                        let name = index
                            .item(&item)
                            .map(|i| i.name.clone())
                            .or_else(|| index.bundles.iter().find(|b| b.code == item).map(|b| b.name.clone()))
                            .unwrap_or_else(|| item.clone());
                        let state = match &status {
                            DraftStatus::Editing => t().draft_status_editing.to_string(),
                            DraftStatus::Queued => t().draft_status_queued.to_string(),
                            DraftStatus::Submitted { number, .. } => format!("{} {}", t().draft_status_submitted, number),
                        };
                        let href = format!("/apply/{id}");
                        let delete_id = id.clone();
                        let label = format!("{} {}", t().delete, name);
                        view! {
                            <li class="draft">
                                <a href=href class="draft-link">
                                    <span class="item-name">{name}</span>
                                    <span class="item-meta"><span class="tag">{state}</span>
                                    <span>{t().updated_at}{" "}{local_time(&updated_at)}</span></span>
                                </a>
                                <button type="button" class="button-secondary" aria-label=label
                                    on:click=move |_| delete(delete_id.clone())>{t().delete}</button>
                            </li>
                        }
                        .into_any()
                    }
                    Line::Unreadable { id, reason } => {
                        let delete_id = id.clone();
                        view! {
                            <li class="draft draft-unreadable" role="alert">
                                <span>{t().unreadable_draft}{reason}</span>
                                <button type="button" class="button-secondary" on:click=move |_| delete(delete_id.clone())>{t().delete}</button>
                            </li>
                        }
                        .into_any()
                    }
                })
                .collect_view();
            view! {
                <section aria-labelledby="drafts">
                    <h2 id="drafts">{t().drafts_heading}</h2>
                    <ul class="draft-list">{items}</ul>
                </section>
            }
        })
    }
}
