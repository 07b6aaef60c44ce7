//! "My cases": every case with its state, time left and a colour (on time, due soon,
//! overdue), with filters and sorting.

use crate::catalog_state::{CatalogContext, CatalogStatus};
use crate::clerk::ClerkContext;
use crate::desk_api;
use crate::text::desk;
use leptos::prelude::*;
use leptos_router::hooks::query_signal;
use onewindow_core::case::{state_name, CaseState, DueStatus};
use onewindow_wire::body::{CaseListQuery, CaseSort, CaseSummary, DueFilter};

/// The states a clerk filters by (a decided or delivered case under one name each).
const STATES: [CaseState; 12] = [
    CaseState::PreChecked,
    CaseState::Received,
    CaseState::Accepted,
    CaseState::NotAccepted,
    CaseState::CorrectionRequested,
    CaseState::UnderReview,
    CaseState::SpecialProcedure,
    // The lead's queue: refusals filed for approval (否定备案).
    CaseState::RefusalPending,
    CaseState::Decided { approved: true },
    CaseState::Delivered {
        method: onewindow_core::catalog::DeliveryMethod::Window,
    },
    CaseState::Evaluated,
    CaseState::Archived,
];

fn state_label(s: CaseState) -> &'static str {
    match s {
        CaseState::Decided { .. } => crate::text::faults().decided_any,
        other => desk().state(Some(other)),
    }
}

pub(super) fn row(case: &CaseSummary) -> impl IntoView {
    let warning = case.warning;
    let class = match warning {
        Some(DueStatus::OnTime) => "on_time",
        Some(DueStatus::DueSoon) => "due_soon",
        Some(DueStatus::Overdue) => "overdue",
        Some(DueStatus::Met) => "met",
        Some(DueStatus::MetLate) => "met_late",
        None => "none",
    };
    let time_left = match case.working_days_left {
        Some(d) if d < 0 => format!("{}{}{}", desk().overdue_by, -d, desk().working_days),
        Some(d) => format!("{}{}{}", desk().days_left, d, desk().working_days),
        None => "—".into(),
    };
    let deadline = case
        .next_deadline
        .as_ref()
        .map(|n| format!("{} {}", desk().deadline_kind(&n.kind), n.deadline.due))
        .unwrap_or_default();
    let href = format!("/desk/cases/{}", case.number);
    view! {
        <tr class=format!("due-{class}")>
            <td><a href=href>{case.number.clone()}</a></td>
            <td>
                {case.item.name.clone().unwrap_or_else(|| case.item.code.clone())}
                <br/><span class="note case-body">{case.handling_body.clone()}</span>
            </td>
            <td>{case.applicant_name.clone()}</td>
            <td>{desk().state(case.state)}</td>
            <td>{deadline}</td>
            <td><span class=format!("due-badge due-{class}")>{desk().warning(warning)}</span>" "{time_left}</td>
        </tr>
    }
}

/// The list with its filters.
#[component]
pub fn CaseList() -> impl IntoView {
    let CatalogContext(catalog) = expect_context();
    let clerk: ClerkContext = expect_context();
    // The filters live in the URL's query, so a reload or a shared link keeps them.
    let state = query_signal::<String>("state");
    let department = query_signal::<String>("department");
    // A department's queue narrowed to where the answers routed the case (e.g. one police
    // station of the county's police).
    let body = query_signal::<String>("body");
    let due = query_signal::<String>("due");
    let sort = query_signal::<String>("sort");
    // The front desk starts from its own cases (首办负责人); a department's posts and the
    // supervisor from every case (their queues are the department and state filters).
    let whose = query_signal::<String>("whose");
    let front_desk = move || {
        clerk
            .clerk()
            .is_some_and(|c| c.role == onewindow_wire::body::AccountRole::Clerk)
    };
    let mine = move || match whose.0.get().as_deref() {
        Some("mine") => true,
        Some("all") => false,
        _ => front_desk(),
    };
    // An ID number is personal data: kept in the page, not in the address or history.
    let id_search = RwSignal::new(None::<String>);
    let id_typed = RwSignal::new(String::new());
    let filters = move || CaseListQuery {
        id_number: id_search.get(),
        mine: mine().then_some(true),
        state: state.0.get().filter(|s| !s.is_empty()),
        department: department.0.get().filter(|s| !s.is_empty()),
        item: None,
        handling_body: body.0.get().filter(|s| !s.is_empty()),
        due: match due.0.get().as_deref() {
            Some("soon") => Some(DueFilter::Soon),
            Some("overdue") => Some(DueFilter::Overdue),
            _ => None,
        },
        sort: (sort.0.get().as_deref() == Some("newest")).then_some(CaseSort::Newest),
    };
    // Fetched again when a filter changes; dropped with the page.
    let cases = LocalResource::new(move || {
        let q = filters();
        async move { desk_api::cases(&q).await }
    });
    Effect::new(move |_| {
        if let Some(Err(e)) = cases.get() {
            if e.status == 401 {
                clerk.session_ended();
            }
        }
    });
    let departments = move || match catalog.get() {
        CatalogStatus::Ready(l) => {
            let mut d: Vec<String> = l.index.items.iter().map(|i| i.department.clone()).collect();
            d.sort();
            d.dedup();
            d
        }
        _ => vec![],
    };
    let select = |id: &'static str,
                  label: &'static str,
                  (value, set): (Memo<Option<String>>, SignalSetter<Option<String>>),
                  options: Vec<(String, String)>| {
        view! {
            <p class="field field-inline">
                <label for=id>{label}</label>
                <select id=id on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set.set((!v.is_empty()).then_some(v));
                }>
                    {options.into_iter().map(|(v, l)| {
                        let selected = {
                            let v = v.clone();
                            move || value.get().unwrap_or_default() == v
                        };
                        view! { <option value=v selected=selected>{l}</option> }
                    }).collect_view()}
                </select>
            </p>
        }
    };
    // The handling bodies: the items' own, the ones routing sent the listed cases to, and
    // the one chosen.
    let bodies = move || {
        let mut b: Vec<String> = match catalog.get() {
            CatalogStatus::Ready(l) => {
                let dept = department.0.get().unwrap_or_default();
                l.index
                    .items
                    .iter()
                    .filter(|i| dept.is_empty() || i.department == dept)
                    .map(|i| i.handling_body.clone())
                    .collect()
            }
            _ => vec![],
        };
        if let Some(Ok(list)) = cases.get() {
            b.extend(list.cases.iter().map(|c| c.handling_body.clone()));
        }
        b.extend(body.0.get());
        b.retain(|x| !x.is_empty());
        b.sort();
        b.dedup();
        b
    };
    let all = || (String::new(), desk().all.to_string());
    // Work queues: one link per state a post works on, for its own department.
    let queues = move || {
        let me = clerk.clerk();
        let dept = me
            .as_ref()
            .and_then(|c| c.departments.first().cloned())
            .map(|d| format!("&department={}", js_sys::encode_uri_component(&d)))
            .unwrap_or_default();
        me.map(|c| onewindow_core::case::access::queues(c.role.post()))
            .unwrap_or_default()
            .into_iter()
            .map(|state| {
                let href = format!("/desk?whose=all&state={}{dept}", state_name(state));
                view! { <li><a href=href>{desk().queue(state)}</a></li> }
            })
            .collect_view()
    };
    view! {
        <section class="panel case-list" aria-labelledby="my-cases">
            <h2 id="my-cases">{move || if mine() { desk().my_cases } else { desk().all_cases }}</h2>
            <nav aria-label=desk().queues><ul class="queues">{queues}</ul></nav>
            <div class="filters">
                {move || select("f-whose", desk().filter_whose, whose, vec![
                    (String::new(), if front_desk() { desk().my_cases } else { desk().all_cases }.into()),
                    (if front_desk() { "all" } else { "mine" }.into(), if front_desk() { desk().all_cases } else { desk().my_cases }.into()),
                ])}
                {select("f-state", desk().filter_state, state,
                    std::iter::once(all()).chain(STATES.iter().map(|s| (state_name(*s).to_string(), state_label(*s).to_string()))).collect())}
                {move || select("f-dept", desk().filter_department, department,
                    std::iter::once(all()).chain(departments().into_iter().map(|d| (d.clone(), d))).collect())}
                {move || select("f-body", desk().filter_body, body,
                    std::iter::once(all()).chain(bodies().into_iter().map(|d| (d.clone(), d))).collect())}
                {select("f-due", desk().filter_due, due, vec![
                    all(),
                    ("soon".into(), desk().due_soon_or_overdue.into()),
                    ("overdue".into(), desk().warning(Some(DueStatus::Overdue)).into()),
                ])}
                {select("f-sort", desk().sort_label, sort, vec![
                    (String::new(), desk().sort_due.into()),
                    ("newest".into(), desk().sort_newest.into()),
                ])}
            </div>
            <form class="filters id-search" role="search" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let typed = id_typed.get_untracked().trim().to_string();
                id_search.set((!typed.is_empty()).then_some(typed));
            }>
                <p class="field field-inline">
                    <label for="f-id">{desk().filter_id_number}</label>
                    <input id="f-id" type="text" inputmode="text" autocomplete="off" spellcheck="false"
                        prop:value=move || id_typed.get()
                        on:input=move |ev| id_typed.set(event_target_value(&ev))/>
                </p>
                <button type="submit">{desk().search_id}</button>
                {move || id_search.get().is_some().then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| {
                        id_typed.set(String::new());
                        id_search.set(None);
                    }>{desk().clear_id_search}</button>
                })}
            </form>
            <Transition fallback=|| view! { <p class="progress" role="status">{desk().loading_cases}</p> }>
            {move || cases.get().map(|answer| match answer {
                Err(e) => view! { <p class="banner banner-error" role="alert">{e.message}</p> }.into_any(),
                Ok(list) if list.cases.is_empty() => view! { <p>{desk().no_cases}</p> }.into_any(),
                Ok(list) => view! {
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
                            <tbody>{list.cases.iter().map(row).collect_view()}</tbody>
                        </table>
                    </div>
                }.into_any(),
            })}
            </Transition>
        </section>
    }
}
