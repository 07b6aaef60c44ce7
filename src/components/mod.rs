//! Reusable pieces of the pages, one per file.

mod catalog_gate;
mod item_guide;
mod item_list;

pub use catalog_gate::CatalogGate;
pub use item_guide::ItemGuide;
pub use item_list::ItemList;
