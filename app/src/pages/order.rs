//! An order's own pages: its detail with timeline and actions, and its printable receipt.

pub mod order_page;
pub mod receipt_page;
