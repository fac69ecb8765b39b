//! Accounts and the member center's data, one file per idea: users and credentials, profile,
//! front-page numbers, password resets, privacy (export and deletion), the address book,
//! favourites, browsing history and the points ledger. Queries are scoped by the owner's id.

mod addresses;
mod favourites;
mod history;
mod password_reset;
pub(crate) mod points;
mod privacy;
mod profile;
mod saved;
mod users;

pub use addresses::*;
pub use favourites::*;
pub use history::*;
pub use password_reset::*;
pub use points::*;
pub use privacy::*;
pub use profile::*;
pub use saved::merge_guest_state;
pub use users::*;
