//! The relay clock on a case received for on-the-spot acceptance: minutes since receipt
//! and the limit, refreshed every 15 s, a warning past the limit. The core decides; the
//! device's clock only says "now" for the display.

use crate::catalog_state::{CatalogContext, CatalogStatus};
use crate::hooks::use_interval;
use crate::text::desk;
use leptos::prelude::*;
use onewindow_core::case::{relay, CaseRecord};
use std::time::Duration;

/// Shown while the case waits for the back office's answer.
#[component]
pub fn RelayClock(record: CaseRecord) -> impl IntoView {
    let CatalogContext(status) = expect_context();
    let now = RwSignal::new(crate::clock::now_local());
    use_interval(Duration::from_secs(15), move || {
        now.set(crate::clock::now_local())
    });
    move || {
        let settings = match status.get() {
            CatalogStatus::Ready(l) => l.catalog.settings.deadlines,
            _ => Default::default(),
        };
        relay(&record, &settings, now.get()).map(|r| {
            let class = if r.overdue {
                "banner banner-error relay-clock no-print"
            } else {
                "banner banner-warning relay-clock no-print"
            };
            view! {
                <p class=class role="status">
                    {desk().relay_before}{r.minutes}{desk().relay_middle}{r.limit}{desk().relay_after}
                    {r.overdue.then(|| desk().relay_overdue)}
                </p>
            }
        })
    }
}
