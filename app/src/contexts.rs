//! Values shared down the component tree, each as a `provide_…` / `use_…` pair.

pub mod cart;
pub mod console;
pub mod database;
pub mod favourites;
pub mod guest_storage;
pub mod hydration;
pub mod locale;
pub mod page_query;
pub mod session;
pub mod site;
