//! The frame around every page.

pub mod bottom_nav;
pub mod footer;
pub mod header;
pub mod language_select;
pub mod search_box;
