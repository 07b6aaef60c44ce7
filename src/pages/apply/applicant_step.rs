//! The applicant's name, ID number (or credit code) and mobile, validated by the core
//! with the reason shown on the field.

use super::{step_url, Step};
use crate::clock::today;
use crate::draft_state::DraftHandle;
use crate::text::t;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use onewindow_core::catalog::ServiceItem;
use onewindow_core::checklist::previous_question;

/// Which field.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Name,
    Id,
    Mobile,
    AgentName,
    AgentId,
    AgentMobile,
}

/// Every problem with the applicant as entered, by field: the core's check, the one the
/// server makes.
fn problems(
    a: &onewindow_core::submission::ApplicantInput,
    agent: Option<&onewindow_core::submission::ApplicantInput>,
) -> Vec<(Field, String)> {
    use onewindow_core::submission::{check_agent, check_applicant};
    let mut errors = check_applicant(a, today()).err().unwrap_or_default();
    if let Some(agent) = agent {
        errors.extend(check_agent(agent, today()).err().unwrap_or_default());
    }
    errors
        .into_iter()
        .filter_map(|e| {
            let f = match e.field.as_str() {
                "applicant.name" => Field::Name,
                "applicant.id_number" => Field::Id,
                "applicant.mobile" => Field::Mobile,
                "agent.name" => Field::AgentName,
                "agent.id_number" => Field::AgentId,
                "agent.mobile" => Field::AgentMobile,
                _ => return None,
            };
            // The summary lists both people's problems: say whose.
            let problem = if e.field.starts_with("agent.") {
                format!("{}：{}", t().agent_heading, e.problem)
            } else {
                e.problem
            };
            Some((f, problem))
        })
        .collect()
}

/// The applicant page.
#[component]
pub fn ApplicantStep(handle: DraftHandle, item: ServiceItem) -> impl IntoView {
    let navigate = use_navigate();
    let draft = handle
        .draft
        .get_untracked()
        .unwrap_or_else(|| crate::draft_state::new_draft(&item.code));
    let id = draft.id.clone();
    let errors = RwSignal::new(Vec::<(Field, String)>::new());
    // 代办: the rules put the agent's papers on the checklist; here the agent is named.
    let acting = item.acting_for_applicant(&draft.answers);
    let agent = draft.agent.clone().unwrap_or_default();
    let back = match previous_question(&item, &draft.answers, "\u{0}") {
        Some(q) => step_url(&id, &Step::Question(q.id.clone())),
        None => format!("/items/{}", item.code),
    };
    // A terminal types ID numbers and mobiles on its own keypad (it may have no keyboard).
    let terminal = use_context::<crate::display::DisplayContext>()
        .is_some_and(|d| d.0.get_untracked().terminal);
    let set_value = move |f: Field, v: String| {
        // Checked on "continue" only (a check on leaving the field would move the button
        // under the user's finger); typing clears the old message.
        if errors.with_untracked(|e| e.iter().any(|(x, _)| *x == f)) {
            errors.update(|e| e.retain(|(x, _)| *x != f));
        }
        handle.edit(|d| {
            let agent = d.agent.get_or_insert_with(Default::default);
            match f {
                Field::Name => d.applicant.name = v.clone(),
                Field::Id => d.applicant.id_number = v.clone(),
                Field::Mobile => d.applicant.mobile = v.clone(),
                Field::AgentName => agent.name = v.clone(),
                Field::AgentId => agent.id_number = v.clone(),
                Field::AgentMobile => agent.mobile = v.clone(),
            }
            d.step = Step::Applicant.to_string();
        });
    };
    let field = move |f: Field,
                      label: &'static str,
                      hint: Option<&'static str>,
                      initial: String,
                      autocomplete: &'static str| {
        let dom_id = match f {
            Field::Name => "applicant-name",
            Field::Id => "applicant-id",
            Field::Mobile => "applicant-mobile",
            Field::AgentName => "agent-name",
            Field::AgentId => "agent-id",
            Field::AgentMobile => "agent-mobile",
        };
        let error =
            move || errors.with(|e| e.iter().find(|(x, _)| *x == f).map(|(_, m)| m.clone()));
        let keys = match f {
            Field::Id | Field::AgentId => Some(crate::components::Keys::IdNumber),
            Field::Mobile | Field::AgentMobile => Some(crate::components::Keys::Digits),
            Field::Name | Field::AgentName => None,
        }
        .filter(|_| terminal);
        let keypad = keys.map(|keys| {
            view! {
                <crate::components::Keypad input=dom_id.to_string() label=label.to_string() keys=keys
                    changed=Callback::new(move |v: String| set_value(f, v))/>
            }
        });
        view! {
                    <div class="field" class:field-invalid=move || error().is_some()>
                        <label for=dom_id>{label}</label>
                        {hint.map(|h| view! { <p class="hint" id=format!("{dom_id}-hint")>{h}</p> })}
                        <p class="field-error" id=format!("{dom_id}-error") aria-live="polite">{error}</p>
                        <input id=dom_id class="text-input" type="text" autocomplete=autocomplete
                            inputmode=if keys.is_some() { "none" } else if matches!(f, Field::Mobile | Field::AgentMobile) { "tel" } else { "text" }
                            aria-invalid=move || if error().is_some() { "true" } else { "false" }
                            aria-describedby=format!("{dom_id}-hint {dom_id}-error")
                            prop:value=initial
                            on:input=move |ev| set_value(f, event_target_value(&ev))
        />
                        {keypad}
                    </div>
                }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = handle.draft.get_untracked();
        let a = d.as_ref().map(|d| d.applicant.clone()).unwrap_or_default();
        let agent = acting.then(|| d.as_ref().and_then(|d| d.agent.clone()).unwrap_or_default());
        let found = problems(&a, agent.as_ref());
        if found.is_empty() {
            handle.edit(|d| d.step = Step::Checklist.to_string());
            handle.save_now();
            navigate(&step_url(&id, &Step::Checklist), Default::default());
        } else {
            let spoken: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
            crate::speech::announce(&spoken.join("。"));
            errors.set(found);
        }
    };
    view! {
        <p><a class="back-link" href=back>{t().back}</a></p>
        <form class="question" on:submit=on_submit novalidate>
            <h1>{t().applicant_heading}</h1>
            <p class="hint">{t().applicant_intro}</p>
            {move || (!errors.read().is_empty()).then(|| view! {
                <div class="error-summary" role="alert">
                    <h2>{t().error_summary}</h2>
                    <ul>{errors.get().into_iter().map(|(_, m)| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            })}
            {field(Field::Name, t().field_name, None, draft.applicant.name.clone(), "name")}
            {field(Field::Id, t().field_id, Some(t().field_id_hint), draft.applicant.id_number.clone(), "off")}
            {field(Field::Mobile, t().field_mobile, None, draft.applicant.mobile.clone(), "tel")}
            {acting.then(|| view! {
                <fieldset class="agent">
                    <legend>{t().agent_heading}</legend>
                    <p class="hint">{t().agent_intro}</p>
                    {field(Field::AgentName, t().agent_name, None, agent.name.clone(), "off")}
                    {field(Field::AgentId, t().agent_id, None, agent.id_number.clone(), "off")}
                    {field(Field::AgentMobile, t().agent_mobile, None, agent.mobile.clone(), "off")}
                </fieldset>
            })}
            <p><button type="submit">{t().continue_}</button></p>
        </form>
    }
}
