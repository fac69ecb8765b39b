//! Integration tests: server functions and HTTP routes against fresh SQLite and PostgreSQL
//! databases holding the real demo catalog.

mod catalog;
mod helpers;
mod http;
mod search;
