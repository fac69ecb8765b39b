//! Services (server only): what a request does once `auth` has said who is calling and that
//! they may. Each takes its dependencies as arguments (database, gateways, settings), so it runs
//! without Leptos; server functions stay thin: who → may they → one call here → the answer.

pub mod account;
pub mod dashboard;
pub mod order;
pub mod product_csv;
pub mod visit;
