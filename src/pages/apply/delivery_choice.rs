//! How the applicant wants the result (出件方式), asked on the check-your-answers page and
//! kept in the draft: the ways the item offers, and the address when it is posted. The
//! case records it; it can be changed until the result is handed out.

use crate::draft_state::DraftHandle;
use crate::text::{desk, t};
use leptos::prelude::*;
use onewindow_core::catalog::{DeliveryMethod, ServiceItem};
use onewindow_core::submission::DeliveryChoice;

/// The radios and, for post, the address.
#[component]
pub fn DeliveryChoiceField(handle: DraftHandle, item: ServiceItem) -> impl IntoView {
    let methods = if item.delivery.is_empty() {
        vec![
            DeliveryMethod::Window,
            DeliveryMethod::Locker,
            DeliveryMethod::Post,
        ]
    } else {
        item.delivery.clone()
    };
    let chosen = move || {
        handle
            .draft
            .with(|d| d.as_ref().and_then(|d| d.delivery.clone()))
    };
    let choose = move |method: DeliveryMethod| {
        handle.edit(move |d| {
            let address = d.delivery.as_ref().and_then(|c| c.address.clone());
            d.delivery = Some(DeliveryChoice {
                method,
                address: (method == DeliveryMethod::Post).then(|| address.unwrap_or_default()),
            });
        })
    };
    let set_address = move |text: String| {
        handle.edit(move |d| {
            if let Some(c) = d.delivery.as_mut() {
                c.address = Some(text);
            }
        })
    };
    view! {
        <fieldset class="radios delivery-choice">
            <legend>{t().delivery_heading}</legend>
            <span class="hint">{t().delivery_hint}</span>
            {methods.into_iter().map(|m| {
                let id = format!("delivery-{}", desk().method(m));
                view! {
                    <div class="radio">
                        <input type="radio" id=id.clone() name="delivery"
                            prop:checked=move || chosen().is_some_and(|c| c.method == m)
                            on:change=move |_| choose(m)/>
                        <label for=id>{desk().method(m)}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
        {move || chosen().filter(|c| c.method == DeliveryMethod::Post).map(|c| view! {
            <p class="field">
                <label for="delivery-address">{t().delivery_address}</label>
                <textarea id="delivery-address" rows="2" prop:value=c.address.unwrap_or_default()
                    on:change=move |ev| set_address(event_target_value(&ev))></textarea>
            </p>
        })}
    }
}
