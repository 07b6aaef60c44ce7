//! `/apply/:id/:step`: the pre-check, one question per page, then the applicant, the
//! checklist, a check-your-answers page and the receipt. Every change is saved in the
//! draft (see `draft_state`), so a reload resumes exactly here.

mod applicant_step;
pub(crate) mod checklist_step;
mod delivery_choice;
mod desk_marks;
mod done_step;
mod question_step;
mod review_step;

pub use crate::apply_step::{step_url, Step};

use crate::catalog_state::{CatalogContext, CatalogStatus};
use crate::draft_state::use_draft;
use crate::text::t;
use applicant_step::ApplicantStep;
use checklist_step::ChecklistStep;
use done_step::DoneStep;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;
use onewindow_core::checklist::{all_questions, next_question};
use question_step::QuestionStep;
use review_step::ReviewStep;

/// The pre-check of one draft.
#[component]
pub fn ApplyPage() -> impl IntoView {
    let CatalogContext(status) = expect_context();
    let params = use_params_map();
    let id = params.read_untracked().get("id").unwrap_or_default();
    let handle = use_draft(id.clone());
    let step = move || {
        params
            .read()
            .get("step")
            .and_then(|s| s.parse::<Step>().ok())
    };
    // The page is rebuilt when the step or the draft's identity changes, not on every
    // keystroke saved into the draft.
    let identity = Memo::new(move |_| {
        let generation = handle.generation.get();
        handle.draft.with(|d| {
            d.as_ref()
                .map(|d| (d.id.clone(), d.item.clone(), generation))
        })
    });
    let asked = StoredValue::new(Vec::<String>::new());
    let guide_failure = RwSignal::new(None::<String>);
    // `/apply/:id` without a step resumes where the user was.
    let resume = move || {
        if step().is_some() {
            return None;
        }
        handle.draft.with(|d| {
            d.as_ref().map(|d| {
                let target = d.step.parse::<Step>().unwrap_or(Step::Start);
                view! { <Redirect path=step_url(&d.id, &target)/> }
            })
        })
    };
    let crate::display::DisplayContext(display) = expect_context();
    // On a shared terminal, unfinished work can go to the desk instead of staying here.
    let hand_over = move || {
        let editing_precheck = handle.draft.with(|d| {
            d.as_ref().is_some_and(|d| {
                d.channel == onewindow_core::submission::Channel::PreCheck
                    && d.status == crate::storage::DraftStatus::Editing
            })
        });
        (display.get().terminal && editing_precheck && step() != Some(Step::Review))
            .then(|| view! { <crate::components::HandOver handle=handle/> })
    };
    view! {
        {resume}
        {move || handle.error.get().map(|e| view! { <p class="banner banner-error" role="alert">{e}</p> })}
        {move || handle.note.get().map(|n| view! { <p class="banner banner-warning" role="status">{n}</p> })}
        {move || {
            let CatalogStatus::Ready(loaded) = status.get() else {
                return view! { <p class="progress" role="status">{t().loading_catalog}</p> }.into_any();
            };
            if !handle.loaded.get() {
                return view! { <p class="progress" role="status">{t().loading_catalog}</p> }.into_any();
            }
            let Some((_, item_code, _)) = identity.get() else {
                return view! { <p role="alert">{t().draft_not_found}</p> }.into_any();
            };
            // The guides this draft needs: its item's, or every item's of its bundle.
            let needed = match loaded.index.bundles.iter().find(|b| b.code == item_code) {
                Some(b) => b.items.clone(),
                None => vec![item_code.clone()],
            };
            if let Some(waiting) = crate::components::guides_pending(status, &loaded, needed.clone(), asked, guide_failure) {
                return waiting;
            }
            let draft = handle.draft.get_untracked().unwrap_or_else(|| crate::draft_state::new_draft(&item_code));
            // A bundle (一件事) is asked as one questionnaire, made by the core.
            let bundle = loaded.catalog.bundle(&item_code).cloned();
            let item = loaded.catalog.item(&item_code).cloned().or_else(|| {
                onewindow_core::bundle_flow::bundle_questionnaire(&loaded.catalog, &item_code)
            });
            let Some(item) = item else {
                return view! { <p role="alert">{t().item_not_found}</p> }.into_any();
            };
            let bundle = bundle.map(|b| (loaded.catalog.clone(), b));
            let step = match step().unwrap_or(Step::Start) {
                Step::Start => next_question(&item, &draft.answers, None)
                    .map_or(Step::Applicant, |q| Step::Question(q.id.clone())),
                other => other,
            };
            let calendar = loaded.calendar.clone();
            let page = match step {
                Step::Applicant => view! { <ApplicantStep handle=handle item=item/> }.into_any(),
                Step::Checklist => view! { <ChecklistStep handle=handle item=item bundle=bundle/> }.into_any(),
                Step::Review => view! { <ReviewStep handle=handle item=item calendar=calendar bundle=bundle/> }.into_any(),
                Step::Done => view! { <DoneStep handle=handle item=item/> }.into_any(),
                Step::Start | Step::Question(_) => {
                    let qid = match &step { Step::Question(id) => id.clone(), _ => String::new() };
                    match all_questions(&item).into_iter().find(|q| q.id == qid) {
                        Some(question) => view! { <QuestionStep handle=handle item=item question=question/> }.into_any(),
                        None => view! { <p role="alert">{t().draft_not_found}</p> }.into_any(),
                    }
                }
            };
            view! { <crate::components::GuideUpdate handle=handle codes=needed/> {page} }.into_any()
        }}
        {hand_over}
    }
}
