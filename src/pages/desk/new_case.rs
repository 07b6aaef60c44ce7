//! Starting a case at the desk: for one item, or from an applicant's online pre-check so
//! nothing is asked twice.

use crate::catalog_state::{CatalogContext, CatalogStatus};
use crate::clerk::ClerkContext;
use crate::components::CatalogGate;
use crate::desk_api;
use crate::draft_state::new_draft;
use crate::pages::apply::Step;
use crate::storage::{SaveResult, Storage, DEFAULT_DB};
use crate::text::desk;
use leptos::prelude::*;
use onewindow_core::checklist::checklist;
use onewindow_core::submission::{ApplicantInput, Channel};
use onewindow_core::validate::{reference, Reference};

/// Saves a new desk draft and opens it.
async fn open_draft(mut draft: crate::storage::Draft) -> Result<(), String> {
    let storage = Storage::open(DEFAULT_DB).await?;
    match storage.save_draft(&draft).await? {
        SaveResult::Saved(rev) => draft.revision = rev,
        SaveResult::Newer(_) => return Err(crate::text::faults().draft_id_clash.into()),
    }
    if let Some(w) = web_sys::window() {
        let _ = w
            .location()
            .assign(&format!("/apply/{}/{}", draft.id, draft.step));
    }
    Ok(())
}

/// The "new case" panel.
#[component]
pub fn NewCase() -> impl IntoView {
    let CatalogContext(status) = expect_context();
    let clerk: ClerkContext = expect_context();
    let item = RwSignal::new(String::new());
    let precheck = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = item.get_untracked();
        if code.is_empty() {
            error.set(Some(desk().choose_item_first.to_string()));
            return;
        }
        let Some(c) = clerk.clerk() else { return };
        let mut draft = new_draft(&code);
        draft.channel = Channel::Desk;
        draft.actor = c.name;
        draft.step = Step::Start.to_string();
        busy.set(true);
        leptos::task::spawn_local(async move {
            if let Err(e) = open_draft(draft).await {
                error.set(Some(e));
                busy.set(false);
            }
        });
    };
    // The guidance desk answers on the item's consultation page instead.
    let consult = move |_| {
        let code = item.get_untracked();
        if code.is_empty() {
            error.set(Some(desk().choose_item_first.to_string()));
            return;
        }
        if let Some(w) = web_sys::window() {
            let _ = w.location().assign(&format!("/desk/consult/{code}"));
        }
    };
    let from_precheck = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let number = precheck.get_untracked().trim().to_string();
        if number.is_empty() {
            error.set(Some(desk().precheck_number_missing.to_string()));
            return;
        }
        let Some(c) = clerk.clerk() else { return };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = async {
                let number = match reference(&number)? {
                    Reference::Case(n) => n,
                    // A terminal's hand-over: continue where the applicant stopped.
                    Reference::Handover(n) => {
                        let work = desk_api::handover(&n).await.map_err(|e| e.message)?;
                        let mut draft = new_draft(&work.item);
                        draft.channel = Channel::Desk;
                        draft.actor = c.name;
                        draft.answers = work.answers;
                        draft.applicant = work.applicant;
                        draft.agent = work.agent;
                        draft.via_terminal = true;
                        // Resume at the first question not answered yet, else at the applicant
                        // (the item's guide first, from the device or the server).
                        crate::catalog_state::ensure_guides(status, vec![draft.item.clone()])
                            .await?;
                        let catalog = match status.get_untracked() {
                            CatalogStatus::Ready(l) => Some(l.catalog),
                            _ => None,
                        };
                        draft.step = catalog
                            .as_ref()
                            .and_then(|c| c.item(&draft.item))
                            .and_then(|item| {
                                checklist(item, &draft.answers).pending.into_iter().next()
                            })
                            .map_or(Step::Applicant, Step::Question)
                            .to_string();
                        return open_draft(draft).await;
                    }
                };
                let (case, _) = desk_api::case(&number).await.map_err(|e| e.message)?;
                if case.channel != Channel::PreCheck {
                    return Err(format!("{number}{}", desk().not_a_precheck));
                }
                let full = desk_api::unmask(&number, desk().unmask_reason_precheck)
                    .await
                    .map_err(|e| e.message)?;
                let mut draft = new_draft(&case.item.code);
                draft.channel = Channel::Desk;
                draft.actor = c.name;
                draft.answers = case.answers;
                draft.applicant = ApplicantInput {
                    name: full.name,
                    id_number: full.id_number,
                    mobile: full.mobile,
                };
                // Answers and applicant came with the pre-check: go straight to the papers.
                draft.step = Step::Checklist.to_string();
                open_draft(draft).await
            }
            .await;
            if let Err(e) = result {
                error.set(Some(e));
                busy.set(false);
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="new-case">
            <h2 id="new-case">{desk().new_case}</h2>
            {move || error.get().map(|e| view! { <p class="banner banner-error" role="alert">{e}</p> })}
            <CatalogGate status=status let:loaded>
                {
                    let items = loaded.index.items.iter().map(|i| {
                        let label = format!("{}（{}）", i.name, i.department);
                        view! { <option value=i.code.clone()>{label}</option> }
                    }).collect_view();
                    let bundles = loaded.index.bundles.iter().map(|b| {
                        let label = format!("{}（{}）", b.name, desk().bundle_suffix);
                        view! { <option value=b.code.clone()>{label}</option> }
                    }).collect_view();
                    let options = view! {
                        <optgroup label=desk().items_group>{items}</optgroup>
                        <optgroup label=desk().bundles_group>{bundles}</optgroup>
                    };
                    view! {
                        <form on:submit=start>
                            <p class="field">
                                <label for="desk-item">{desk().item_label}</label>
                                <select id="desk-item" on:change=move |ev| item.set(event_target_value(&ev))>
                                    <option value="">{desk().choose_item}</option>
                                    {options}
                                </select>
                            </p>
                            <button type="submit" disabled=move || busy.get()>{desk().start_case}</button>" "
                            <button type="button" class="secondary" on:click=consult>{crate::text::consult_text().link}</button>
                        </form>
                    }
                }
            </CatalogGate>
            <form on:submit=from_precheck>
                <p class="field">
                    <label for="precheck-number">{desk().precheck_label}</label>
                    <span class="hint" id="precheck-hint">{desk().precheck_hint}</span>
                    <input id="precheck-number" aria-describedby="precheck-hint" inputmode="numeric" prop:value=move || precheck.get()
                        on:input=move |ev| precheck.set(event_target_value(&ev))/>
                </p>
                <button type="submit" class="secondary" disabled=move || busy.get()>{desk().continue_precheck}</button>
            </form>
        </section>
    }
}
