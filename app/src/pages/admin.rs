//! Operators' pages (/admin/…). The server functions check the role; these pages only show.

pub mod orders;
pub mod outbox;
