//! What the status page shows of a case.

use crate::text::{desk, status_text};
use leptos::prelude::*;
use onewindow_wire::body::ApplicantCaseView;

pub(super) fn status_view(view: &ApplicantCaseView, code: &str) -> impl IntoView {
    let s = status_text();
    let d = desk();
    let st = &view.status;
    let to_supply = (!st.to_supply.is_empty()).then(|| {
        view! {
            <section class="panel banner-warning to-supply no-print" aria-labelledby="to-supply">
                <h2 id="to-supply">{s.to_supply_heading}</h2>
                <ul>{st.to_supply.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}</ul>
            </section>
        }
    });
    let deadlines = st
        .deadlines
        .iter()
        .map(|x| {
            // A list rather than a table: it reads on a phone's width.
            view! {
                <li>
                    <strong>{d.deadline_kind(&x.kind)}</strong>" "
                    <time>{x.deadline.due.to_string()}</time>
                    {x.deadline.provisional.then_some(crate::text::t().provisional_date)}" "
                    <span class="due-badge">{d.warning(Some(x.status))}</span>
                    <br/><span class="note">{s.deadline_meaning(&x.kind)}</span>
                </li>
            }
        })
        .collect_view();
    let timeline = st
        .timeline
        .iter()
        .map(|m| {
            let extra = m.details.join("；");
            view! {
                <li>
                    <time>{m.at.format("%Y-%m-%d %H:%M").to_string()}</time>" "
                    <strong>{d.event(m.step)}</strong>
                    {(!extra.is_empty()).then(|| view! { <span class="note">{"："}{extra}</span> })}
                </li>
            }
        })
        .collect_view();
    let notices = view.notices.clone();
    let (number, code) = (view.number.clone(), code.to_string());
    let bundle = (!view.bundle.is_empty()).then(|| {
        let rows = view
            .bundle
            .iter()
            .map(|b| {
                view! {
                    <tr>
                        <td>{b.number.clone()}</td>
                        <td>{b.item.name.clone().unwrap_or_else(|| b.item.code.clone())}</td>
                        <td>{d.state(b.state)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="panel no-print" aria-labelledby="q-bundle">
                <h2 id="q-bundle">{s.bundle_heading}</h2>
                <table class="cases"><thead><tr>
                    <th scope="col">{d.col_number}</th><th scope="col">{d.col_item}</th><th scope="col">{d.col_state}</th>
                </tr></thead><tbody>{rows}</tbody></table>
            </section>
        }
    });
    let delivery = st.delivery.map(|m| {
        view! {
            <p class="no-print">{s.delivery_label}{d.method(m)}
                {st.may_change_delivery.then(|| view! { <span class="note">{s.delivery_changeable}</span> })}
            </p>
        }
    });
    view! {
        <h1 class="no-print">{s.case_heading}{view.number.clone()}</h1>
        <dl class="summary no-print">
            <div class="summary-row"><dt>{d.col_item}</dt><dd>{view.item.name.clone().unwrap_or_else(|| view.item.code.clone())}</dd></div>
            <div class="summary-row"><dt>{d.col_applicant}</dt><dd>{view.applicant.name.clone()}{"　"}{view.applicant.id_masked.clone()}</dd></div>
            <div class="summary-row"><dt>{d.col_state}</dt><dd class="q-state">{s.state_words(st.state)}</dd></div>
        </dl>
        {delivery}
        {to_supply}
        <section class="panel no-print" aria-labelledby="q-deadlines">
            <h2 id="q-deadlines">{d.deadlines_heading}</h2>
            <ul class="plain-list q-deadlines">{deadlines}</ul>
        </section>
        <section class="panel no-print" aria-labelledby="q-history">
            <h2 id="q-history">{d.history_heading}</h2>
            <ol class="history">{timeline}</ol>
        </section>
        {(!notices.is_empty()).then(|| view! {
            <super::notices::StatusNotices number=number code=code notices=notices/>
        })}
        {bundle}
    }
}
