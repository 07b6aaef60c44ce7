//! # onewindow (the browser app)
//!
//! The Leptos single-page app that applicants, clerks and helpers use. It shows what the
//! core decides and never decides anything itself: every rule lives in `onewindow-core`.
//! Two adapters reach the outside world: [`storage`] (IndexedDB) and [`api`] (the server).

pub mod api;
pub mod app;
pub mod apply_step;
pub mod catalog_state;
pub mod clerk;
pub mod clock;
pub mod components;
pub mod desk_api;
pub mod display;
pub mod draft_state;
pub mod hooks;
pub mod outbox;
pub mod pages;
pub mod perf;
pub mod speech;
pub mod storage;
pub mod text;

pub use app::App;
