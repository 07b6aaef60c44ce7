//! `/items/:code`: one item's guide.

use crate::catalog_state::CatalogContext;
use crate::components::{CatalogGate, ItemGuide};
use crate::text::t;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The guide page of the item named in the path.
#[component]
pub fn GuidePage() -> impl IntoView {
    let CatalogContext(status) = expect_context();
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    view! {
        <p><a class="back-link" href="/">{t().back_to_list}</a></p>
        <CatalogGate status=status needs=Signal::derive(move || vec![code()]) let:loaded>
            {
                let catalog = loaded.catalog.clone();
                move || match catalog.item(&code()) {
                    Some(item) => {
                        let code = item.code.clone();
                        view! {
                            <div class="start-box">
                                <p>{t().precheck_intro}</p>
                                <button type="button" class="button-start" on:click=move |_| crate::draft_state::start_precheck(code.clone())>
                                    {t().start_precheck}
                                </button>
                            </div>
                            <ItemGuide item=item.clone()/>
                        }
                        .into_any()
                    }
                    None => view! { <p role="alert">{t().item_not_found}</p> }.into_any(),
                }
            }
        </CatalogGate>
    }
}
