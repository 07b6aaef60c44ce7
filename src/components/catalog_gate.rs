//! Shows its children once the catalogue is there; until then, progress or the error and
//! a way to retry. Says so when the device's offline copy is shown.

use crate::catalog_state::{ensure_guides, start_loading, CatalogStatus, LoadedCatalog};
use crate::text::t;
use leptos::prelude::*;

/// Renders `children` with the loaded catalogue, once the guides of the items in `needs`
/// are on the page (fetched from the device or the server as needed, with progress).
#[component]
pub fn CatalogGate<F, V>(
    status: RwSignal<CatalogStatus>,
    children: F,
    /// Items whose full guides the children use.
    #[prop(optional, into)]
    needs: Signal<Vec<String>>,
) -> impl IntoView
where
    F: Fn(LoadedCatalog) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let asked = StoredValue::new(Vec::<String>::new());
    let failure = RwSignal::new(None::<String>);
    move || match status.get() {
        CatalogStatus::Loading => view! {
            <p class="progress" role="status" aria-live="polite">{t().loading_catalog}</p>
        }
        .into_any(),
        CatalogStatus::Failed(why) => view! {
            <div class="banner banner-error" role="alert">
                <p><strong>{t().catalog_failed}</strong></p>
                <p>{why}</p>
                <button type="button" on:click=move |_| start_loading(status)>{t().retry}</button>
            </div>
        }
        .into_any(),
        CatalogStatus::Ready(loaded) => {
            if let Some(waiting) = guides_pending(status, &loaded, needs.get(), asked, failure) {
                return waiting;
            }
            let offline = loaded.offline_copy_from.clone().map(|when| {
                view! {
                    <p class="banner banner-warning" role="status">{t().catalog_offline}{when}</p>
                }
            });
            let cache = loaded.cache_warning.clone().map(|why| {
                view! {
                    <p class="banner banner-warning" role="status">{why}</p>
                }
            });
            view! { {offline} {cache} {children(loaded)} }.into_any()
        }
    }
}

/// Until the page has the guides of `needed`: fetches them once (from the device or the
/// server) and says so; on failure, why and a way to try again. `None` once they are there.
pub fn guides_pending(
    status: RwSignal<CatalogStatus>,
    loaded: &LoadedCatalog,
    needed: Vec<String>,
    asked: StoredValue<Vec<String>>,
    failure: RwSignal<Option<String>>,
) -> Option<AnyView> {
    if loaded.missing(&needed).is_empty() {
        return None;
    }
    if let Some(why) = failure.get() {
        return Some(
            view! {
                <div class="banner banner-error" role="alert">
                    <p>{why}</p>
                    <button type="button" on:click=move |_| {
                        failure.set(None);
                        asked.set_value(vec![]);
                        status.update(|_| ());
                    }>{t().retry}</button>
                </div>
            }
            .into_any(),
        );
    }
    if asked.get_value() != needed {
        asked.set_value(needed.clone());
        leptos::task::spawn_local(async move {
            match ensure_guides(status, needed).await {
                // Asked again if the guides go missing later (a newer index replaced them).
                Ok(()) => asked.set_value(vec![]),
                Err(e) => failure.set(Some(e)),
            }
        });
    }
    Some(
        view! {
            <p class="progress" role="status" aria-live="polite">{t().loading_guide}</p>
        }
        .into_any(),
    )
}
