//! "My cases": every case with its state, time left and a colour (on time, due soon,
//! overdue), with filters and sorting.

use crate::catalog_state::{CatalogContext, CatalogStatus};
use crate::clerk::ClerkContext;
use crate::desk_api;
use crate::text::desk;
use leptos::prelude::*;
use serde_json::Value;

const STATES: [&str; 11] = [
    "pre_checked",
    "received",
    "accepted",
    "not_accepted",
    "correction_requested",
    "under_review",
    "special_procedure",
    "decided",
    "delivered",
    "evaluated",
    "archived",
];

fn query(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn row(case: &Value) -> impl IntoView {
    let number = case["number"].as_str().unwrap_or_default().to_string();
    let warning = case["warning"].as_str().unwrap_or("none").to_string();
    let left = case["working_days_left"].as_i64();
    let next = &case["next_deadline"];
    let time_left = match left {
        Some(d) if d < 0 => format!("{}{}{}", desk().overdue_by, -d, desk().working_days),
        Some(d) => format!("{}{}{}", desk().days_left, d, desk().working_days),
        None => "—".into(),
    };
    let deadline = format!(
        "{} {}",
        desk().deadline_kind(next["kind"]["type"].as_str().unwrap_or_default()),
        next["deadline"]["due"].as_str().unwrap_or_default()
    );
    let href = format!("/desk/cases/{number}");
    view! {
        <tr class=format!("due-{warning}")>
            <td><a href=href>{number.clone()}</a></td>
            <td>{case["item"]["name"].as_str().unwrap_or_default().to_string()}</td>
            <td>{case["applicant_name"].as_str().unwrap_or_default().to_string()}</td>
            <td>{desk().state(case["state"].as_str().unwrap_or_default())}</td>
            <td>{deadline}</td>
            <td><span class=format!("due-badge due-{warning}")>{desk().warning(&warning)}</span>" "{time_left}</td>
        </tr>
    }
}

/// The list with its filters.
#[component]
pub fn CaseList() -> impl IntoView {
    let CatalogContext(catalog) = expect_context();
    let clerk: ClerkContext = expect_context();
    let state = RwSignal::new(String::new());
    let department = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let sort = RwSignal::new(String::new());
    let cases = RwSignal::new(None::<Result<Vec<Value>, String>>);
    Effect::new(move |_| {
        let q = query(&[
            ("state", state.get()),
            ("department", department.get()),
            ("due", due.get()),
            ("sort", sort.get()),
        ]);
        leptos::task::spawn_local(async move {
            match desk_api::cases(&q).await {
                Ok(list) => cases.set(Some(Ok(list))),
                Err(e) if e.status == 401 => clerk.session_ended(),
                Err(e) => cases.set(Some(Err(e.message))),
            }
        });
    });
    let departments = move || match catalog.get() {
        CatalogStatus::Ready(l) => {
            let mut d: Vec<String> = l
                .catalog
                .items
                .iter()
                .map(|i| i.department.clone())
                .collect();
            d.sort();
            d.dedup();
            d
        }
        _ => vec![],
    };
    let select = |id: &'static str,
                  label: &'static str,
                  signal: RwSignal<String>,
                  options: Vec<(String, String)>| {
        view! {
            <p class="field field-inline">
                <label for=id>{label}</label>
                <select id=id on:change=move |ev| signal.set(event_target_value(&ev))>
                    {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </p>
        }
    };
    let all = || (String::new(), desk().all.to_string());
    view! {
        <section class="panel case-list" aria-labelledby="my-cases">
            <h2 id="my-cases">{desk().my_cases}</h2>
            <div class="filters">
                {select("f-state", desk().filter_state, state,
                    std::iter::once(all()).chain(STATES.iter().map(|s| (s.to_string(), desk().state(s).to_string()))).collect())}
                {move || select("f-dept", desk().filter_department, department,
                    std::iter::once(all()).chain(departments().into_iter().map(|d| (d.clone(), d))).collect())}
                {select("f-due", desk().filter_due, due, vec![
                    all(),
                    ("soon".into(), desk().due_soon_or_overdue.into()),
                    ("overdue".into(), desk().warning("overdue").into()),
                ])}
                {select("f-sort", desk().sort_label, sort, vec![
                    (String::new(), desk().sort_due.into()),
                    ("newest".into(), desk().sort_newest.into()),
                ])}
            </div>
            {move || match cases.get() {
                None => view! { <p class="progress" role="status">{desk().loading_cases}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="banner banner-error" role="alert">{e}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p>{desk().no_cases}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=desk().case_table>
                        <table class="cases">
                            <thead><tr>
                                <th scope="col">{desk().col_number}</th>
                                <th scope="col">{desk().col_item}</th>
                                <th scope="col">{desk().col_applicant}</th>
                                <th scope="col">{desk().col_state}</th>
                                <th scope="col">{desk().col_deadline}</th>
                                <th scope="col">{desk().col_time_left}</th>
                            </tr></thead>
                            <tbody>{list.iter().map(row).collect_view()}</tbody>
                        </table>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}
