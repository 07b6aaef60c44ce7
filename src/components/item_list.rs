//! The service items, grouped by department.

use crate::text::t;
use leptos::prelude::*;
use onewindow_core::catalog::Published;
use onewindow_core::catalog::{CatalogIndex, ItemSummary};
use std::sync::Arc;

/// Every item of the catalogue as a link to its guide, grouped by department, with a
/// filter by life event (theme).
#[component]
pub fn ItemList(index: Arc<CatalogIndex>) -> impl IntoView {
    let catalog = index;
    let theme = RwSignal::new(None::<String>);
    let themes: Vec<String> = catalog.themes().into_iter().map(str::to_string).collect();
    let chips = (!themes.is_empty()).then(|| {
        let chip = move |label: String, value: Option<String>| {
            let v = value.clone();
            view! {
                <button type="button" class="chip" aria-pressed=move || if theme.get() == v { "true" } else { "false" }
                    on:click=move |_| theme.set(value.clone())>{label}</button>
            }
        };
        let all = chip(t().all_themes.to_string(), None);
        let each = themes.into_iter().map(|th| chip(th.clone(), Some(th))).collect_view();
        view! {
            <nav class="themes" aria-labelledby="themes-heading">
                <h2 id="themes-heading">{t().themes_heading}</h2>
                <div class="chips">{all}{each}</div>
            </nav>
        }
    });
    let groups_catalog = catalog.clone();
    let groups = move || department_groups(&groups_catalog, theme.get().as_deref());
    let bundles = bundle_list(&catalog);
    view! {
        {bundles}
        {chips}
        <div class="catalog">{groups}</div>
    }
}

/// How many items of a department are drawn before "show the rest".
const FIRST_CARDS: usize = 12;

/// The items of `theme` (all when `None`), grouped by department.
fn department_groups(catalog: &CatalogIndex, theme: Option<&str>) -> impl IntoView {
    // Departments in the order the catalogue first names them (it is sorted by item code,
    // which service centres number by department).
    let mut by_department: Vec<(&str, Vec<&ItemSummary>)> = Vec::new();
    for item in catalog
        .items
        .iter()
        .filter(|i| theme.is_none_or(|th| i.themes.iter().any(|x| x == th)))
    {
        match by_department
            .iter_mut()
            .find(|(d, _)| *d == item.department)
        {
            Some((_, items)) => items.push(item),
            None => by_department.push((&item.department, vec![item])),
        }
    }
    by_department
        .into_iter()
        .map(|(department, items)| {
            let count = format!("{} {}", items.len(), t().item_count_suffix);
            // A county has dozens of items per department: the first few are drawn at
            // once, the rest when asked for, so a long catalogue stays quick to show.
            let rest: Vec<ItemSummary> = items.iter().skip(FIRST_CARDS).map(|i| (*i).clone()).collect();
            let first = items.into_iter().take(FIRST_CARDS).map(item_card).collect_view();
            let open = RwSignal::new(false);
            let more = (!rest.is_empty()).then(|| {
                let label = format!("{}{}{}", t().show_more_before, rest.len(), t().show_more_after);
                view! {
                    <Show when=move || open.get() fallback=move || view! {
                        <li class="more"><button type="button" class="secondary" on:click=move |_| open.set(true)>{label.clone()}</button></li>
                    }>
                        {rest.iter().map(item_card).collect_view()}
                    </Show>
                }
            });
            view! {
                <section class="department" aria-label=department.to_string()>
                    <h2>{department.to_string()}{" "}<span class="count">{count}</span></h2>
                    <ul class="item-list">{first}{more}</ul>
                </section>
            }
        })
        .collect_view()
}

/// The bundles (一件事一次办), each with its items.
fn bundle_list(catalog: &CatalogIndex) -> impl IntoView {
    let bundles = catalog
        .bundles
        .iter()
        .map(|b| {
            let items = b
                .items
                .iter()
                .filter_map(|code| catalog.item(code))
                .map(|i| view! { <li><a href=format!("/items/{}", i.code)>{i.name.clone()}</a></li> })
                .collect_view();
            let code = b.code.clone();
            view! {
                <li class="bundle" id=format!("bundle-{}", b.code)>
                    <h3>{b.name.clone()}</h3>
                    <p>{b.description.clone()}</p>
                    <ul>{items}</ul>
                    <button type="button" class="button-start" on:click=move |_| crate::draft_state::start_precheck(code.clone())>
                        {t().start_bundle_precheck}<span class="visually-hidden">{b.name.clone()}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    (!catalog.bundles.is_empty()).then(|| {
        view! {
            <section aria-labelledby="bundles">
                <h2 id="bundles">{t().bundles_heading}</h2>
                <ul class="bundle-list">{bundles}</ul>
            </section>
        }
    })
}

fn item_card(item: &ItemSummary) -> impl IntoView {
    let href = format!("/items/{}", item.code);
    let days = days_label(&item.promised_days);
    view! {
        <li class="item-card">
            <a href=href>
                <span class="item-name">{item.name.clone()}</span>
                <span class="item-meta">
                    <span class="tag">{t().case_kind(item.kind)}</span>
                    <span>{days}</span>
                    <span>{item.handling_body.clone()}</span>
                </span>
            </a>
        </li>
    }
}

/// 承诺时限 in words: "承诺时限 10 个工作日", "即时办结" or "承诺时限 未公布".
pub(crate) fn days_label(promised: &Published<u32>) -> String {
    match promised.value() {
        None => format!("{} {}", t().days_promised, t().not_published),
        Some(0) => t().same_day.to_string(),
        Some(days) => format!("{} {} {}", t().days_promised, days, t().working_days),
    }
}
