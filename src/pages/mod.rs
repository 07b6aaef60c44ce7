//! One page per route.

mod apply;
mod complaint;
mod desk;
mod guide;
mod home;
mod notice_preview;
mod status;
mod supervision;

pub use apply::ApplyPage;
pub use complaint::ComplaintPage;
pub use desk::consult::ConsultPage;
pub use desk::{DeskCasePage, DeskPage};
pub use guide::GuidePage;
pub use home::HomePage;
pub use notice_preview::{NoticeListPage, NoticePreviewPage};
pub use status::{KnownCases, StatusPage};
pub use supervision::{AuditPage, SecurityPage, SupervisionPage};
