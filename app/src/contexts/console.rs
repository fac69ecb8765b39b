//! Which console a shared back-office page is shown in: the operators' (`/admin`, every owner's
//! goods) or a supplier's (`/supplier`, its own). The layouts provide it; pages and components
//! that serve both build their links from it. The server functions decide what the caller may
//! see; this only says where links go.

use leptos::prelude::*;

/// The console's address, `/admin` or `/supplier`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Console(pub &'static str);

impl Console {
    pub const ADMIN: Console = Console("/admin");
    pub const SUPPLIER: Console = Console("/supplier");

    /// `path` (starting with `/`) inside this console, e.g. `/stock/7`.
    pub fn at(self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

/// The console the page is shown in; the operators' when no layout said.
pub fn use_console() -> Console {
    use_context::<Console>().unwrap_or(Console::ADMIN)
}
