//! Mounts the app and registers the service worker that keeps it usable offline.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(onewindow::App);
    register_service_worker();
}

/// The service worker (`public/sw.js`) caches the app shell so a reload works offline.
/// Browsers without one (or pages not served over a secure origin) simply go without.
fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    if js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        let _ = navigator.service_worker().register("/sw.js");
    }
}
