//! One page per route.

mod guide;
mod home;

pub use guide::GuidePage;
pub use home::HomePage;
