//! Integration tests: server functions and HTTP routes against fresh SQLite and PostgreSQL
//! databases holding the real demo catalog.

mod account;
mod back_office;
mod backup;
mod browser;
mod cart;
mod catalog;
mod checkout;
mod fake;
mod flash_sales;
mod gateways;
mod helpers;
mod http;
mod listing;
mod orders;
mod promotions;
mod schema;
mod search;
mod search_index;
mod security;
mod suppliers;
mod test_app;
