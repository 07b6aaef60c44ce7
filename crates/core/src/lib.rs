//! # onewindow-core
//!
//! Everything OneWindow decides, as pure functions over plain data: the catalogue of
//! service items (事项) and its loader/linter, the working-day clock (工作日), the checklist rules and the
//! front-desk outcome, bundles (一件事) asked as one questionnaire, the case lifecycle with
//! every deadline, and the notices.
//!
//! Design rationale: the same crate runs in the browser (compiled to WebAssembly) and on the
//! server (native), so a decision is made once and both sides agree on it. It therefore
//! does no I/O, reads no clock and spawns nothing: file contents, the current time and
//! randomness come in as arguments. Errors are returned as [`Diagnostic`]s that name the
//! file and the line, never as panics.
#![deny(missing_docs)]

pub mod bundle_flow;
pub mod calendar;
pub mod case;
pub mod case_notice;
pub mod catalog;
pub mod checklist;
pub mod complaint;
pub mod condition;
pub mod consultation;
pub mod diagnostic;
pub mod guide_change;
pub mod notice;
pub mod outcome;
pub mod outgoing;
pub mod precheck;
pub mod settings;
pub mod submission;
pub mod supervision;
pub mod validate;

#[cfg(test)]
mod test_support;

pub use calendar::Calendar;
pub use catalog::{Catalog, ServiceItem};
pub use diagnostic::Diagnostic;
