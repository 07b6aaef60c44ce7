//! Reusable pieces of the pages, one per file.

mod call_staff;
mod catalog_gate;
mod drafts_list;
mod guide_update;
mod hand_over;
mod idle_guard;
mod item_guide;
mod item_list;
mod keypad;
mod mode_switch;
mod read_aloud;
mod search_box;
mod signature_pad;

pub use call_staff::CallStaff;
pub use catalog_gate::{guides_pending, CatalogGate};
pub use drafts_list::DraftsList;
pub use guide_update::GuideUpdate;
pub use hand_over::HandOver;
pub use idle_guard::{clear_session, clear_session_to, IdleGuard};
pub use item_guide::ItemGuide;
pub use item_list::ItemList;
pub use keypad::{Keypad, Keys};
pub use mode_switch::ModeSwitch;
pub use read_aloud::ReadAloud;
pub use search_box::SearchBox;
pub use signature_pad::SignaturePad;
