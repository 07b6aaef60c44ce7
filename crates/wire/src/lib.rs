//! # onewindow-wire
//!
//! OneWindow's HTTP API as types: every route ([`endpoints`]) with its path, method,
//! query, body and answer, and every body ([`body`]). The server answers with these types
//! and the browser reads them, so a field renamed on one side is a compile error on the
//! other. The OpenAPI document is generated from them (feature `schema`, server only).
//!
//! Serde only: no web, server or async dependency, so the browser pays for nothing but
//! the types it uses.
#![deny(missing_docs)]

pub mod body;
pub mod complaint;
pub mod consult;
pub mod endpoints;
#[cfg(feature = "schema")]
pub mod openapi;
pub mod supervision;

pub use endpoints::{Endpoint, Method, Route};
