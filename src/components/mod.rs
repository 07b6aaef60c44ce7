//! Reusable pieces of the pages, one per file.

mod catalog_gate;
mod drafts_list;
mod item_guide;
mod item_list;
mod search_box;

pub use catalog_gate::CatalogGate;
pub use drafts_list::DraftsList;
pub use item_guide::ItemGuide;
pub use item_list::ItemList;
pub use search_box::SearchBox;
