//! Accounts in pure Rust: what a valid email, password, registration, profile and address are
//! (with the dates, phones and regions they hold), the problems a form can be refused for, the
//! roles a user can hold, the member tiers and the accepted avatar uploads. Values are parsed once
//! at the edge; an invalid one cannot exist.

pub mod address;
pub mod date;
pub mod email;
pub mod overview;
pub mod password;
pub mod phone;
pub mod points;
pub mod profile;
pub mod region;
pub mod registration;
pub mod role;
pub mod saved;
pub mod session;
pub mod tier;
pub mod upload;

pub use crate::domain::form::{Field, FieldProblem, Problem};
pub use address::{AddressForm, AddressView, ValidAddress};
pub use date::{parse_birthday, Date};
pub use email::Email;
pub use overview::MemberOverview;
pub use password::{NewPassword, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
pub use phone::parse_phone;
pub use points::{
    end_of_this_year, expiry_cutoff, start_of_year, unspent, PointsEntry, PointsPage, PointsReason,
};
pub use profile::{parse_display_name, Profile, ProfileForm, ProfileView};
pub use region::{PostalRule, Region, REGIONS};
pub use registration::{Registration, RegistrationForm, PRIVACY_POLICY_VERSION};
pub use role::Role;
pub use saved::{GuestState, SavedProduct};
pub use session::SessionUser;
pub use tier::{MemberLevel, MemberTier, TierBenefits};
pub use upload::{ImageKind, AVATAR_MAX_BYTES};
