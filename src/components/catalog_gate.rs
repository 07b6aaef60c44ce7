//! Shows its children once the catalogue is there; until then, progress or the error and
//! a way to retry. Says so when the device's offline copy is shown.

use crate::catalog_state::{start_loading, CatalogStatus, LoadedCatalog};
use crate::text::t;
use leptos::prelude::*;

/// Renders `children` with the loaded catalogue.
#[component]
pub fn CatalogGate<F, V>(status: RwSignal<CatalogStatus>, children: F) -> impl IntoView
where
    F: Fn(LoadedCatalog) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
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
