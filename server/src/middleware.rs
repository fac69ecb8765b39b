//! Request guards that run before any page or server function.

pub mod client_ip;
pub mod cross_site;
pub mod language;
pub mod security_headers;
pub mod visits;
