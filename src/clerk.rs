//! The clerk logged in on this device, and leaving cleanly: logging out, or being idle
//! past the server's limit, ends the session and removes what the device holds of other
//! people's data (drafts and rescue copies; cases still waiting to be sent stay).

use crate::desk_api::{self, ClerkInfo};
use crate::hooks::{Listener, ACTIVITY};
use leptos::prelude::*;

/// Whether a clerk is logged in.
#[derive(Debug, Clone, PartialEq)]
pub enum ClerkState {
    /// Not asked the server yet.
    Unknown,
    /// Nobody (or the server could not be asked: the message says why).
    LoggedOut(Option<String>),
    /// This clerk.
    In(ClerkInfo),
}

/// The app-wide clerk signal.
#[derive(Clone, Copy)]
pub struct ClerkContext(pub RwSignal<ClerkState>);

impl ClerkContext {
    /// The clerk, if one is logged in.
    pub fn clerk(&self) -> Option<ClerkInfo> {
        match self.0.get() {
            ClerkState::In(c) => Some(c),
            _ => None,
        }
    }

    /// Asks the server once who is logged in.
    pub fn check(&self) {
        if self.0.get_untracked() != ClerkState::Unknown {
            return;
        }
        let state = self.0;
        leptos::task::spawn_local(async move {
            state.set(match desk_api::current().await {
                Ok(Some(c)) => {
                    start_idle_logout(c.idle_seconds);
                    ClerkState::In(c)
                }
                Ok(None) => ClerkState::LoggedOut(None),
                Err(e) => ClerkState::LoggedOut(Some(e.message)),
            });
        });
    }

    /// The server said the session is gone (401): show the login again.
    pub fn session_ended(&self) {
        self.0.set(ClerkState::LoggedOut(Some(
            crate::text::desk().session_ended.to_string(),
        )));
    }
}

/// Logs out and clears the device, then shows the desk's login.
pub async fn logout() {
    stop_idle_logout();
    let _ = desk_api::logout().await;
    crate::components::clear_session_to("/desk").await;
}

/// The clerk's idle watch: its listeners and timer, removed when it is dropped.
struct IdleWatch {
    _listeners: Vec<Listener>,
    timer: Option<leptos::prelude::IntervalHandle>,
}

impl Drop for IdleWatch {
    fn drop(&mut self) {
        if let Some(t) = self.timer.take() {
            t.clear();
        }
    }
}

thread_local! {
    /// At most one watch: a new login replaces (and so removes) the last one's.
    static IDLE_WATCH: std::cell::RefCell<Option<IdleWatch>> = const { std::cell::RefCell::new(None) };
}

/// Logs out after `idle_seconds` without a touch or a key: the server would refuse the
/// next request anyway, and the screen may show someone's data.
pub fn start_idle_logout(idle_seconds: i64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let last = std::rc::Rc::new(std::cell::Cell::new(crate::clock::now_ms()));
    let listeners = ACTIVITY
        .iter()
        .map(|event| {
            let last = last.clone();
            Listener::new(&window, event, move |_| last.set(crate::clock::now_ms()))
        })
        .collect();
    let timer = leptos::prelude::set_interval_with_handle(
        move || {
            if crate::clock::now_ms() - last.get() > idle_seconds as f64 * 1000.0 {
                stop_idle_logout();
                leptos::task::spawn_local(logout());
            }
        },
        std::time::Duration::from_secs(5),
    )
    .ok();
    IDLE_WATCH.with(|w| {
        *w.borrow_mut() = Some(IdleWatch {
            _listeners: listeners,
            timer,
        })
    });
}

/// Ends the idle watch (on logout).
pub fn stop_idle_logout() {
    IDLE_WATCH.with(|w| w.borrow_mut().take());
}
