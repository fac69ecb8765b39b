//! The shopper's pages a first visit seldom starts on, as lazy routes (see `admin::routes`):
//! the member center, signing in and registering, an order's pages, the coupon centre and the
//! privacy policy. With the `split` feature each is a WASM chunk fetched when the page is first
//! opened (or, for a visit that starts on one, before hydrating), so the home, category, search
//! and product pages do not carry their code. The cart and checkout stay in the first download:
//! they are one tap away from every product page.

use leptos::prelude::*;
use leptos_router::LazyRoute;

lazy_page!(Account, super::account::overview::AccountPage);
lazy_page!(Profile, super::account::profile::ProfilePage);
lazy_page!(Addresses, super::account::addresses::AddressesPage);
lazy_page!(Favourites, super::account::favourites::FavouritesPage);
lazy_page!(History, super::account::history::HistoryPage);
lazy_page!(Points, super::account::points::PointsPage);
lazy_page!(Orders, super::account::orders::OrdersPage);
lazy_page!(Coupons, super::account::coupons::CouponsPage);
lazy_page!(
    MembershipLevel,
    super::account::membership_level::MembershipLevelPage
);
lazy_page!(Privacy, super::account::privacy::PrivacyPage);
lazy_page!(SignIn, super::account::sign_in::SignInPage);
lazy_page!(Register, super::account::register::RegisterPage);
lazy_page!(
    ForgotPassword,
    super::account::forgot_password::ForgotPasswordPage
);
lazy_page!(
    ResetPassword,
    super::account::reset_password::ResetPasswordPage
);
lazy_page!(Goodbye, super::account::goodbye::GoodbyePage);
lazy_page!(Order, super::order::order_page::OrderPage);
lazy_page!(Receipt, super::order::receipt_page::ReceiptPage);
lazy_page!(CouponCentre, super::coupon_centre::CouponCentrePage);
lazy_page!(PrivacyPolicy, super::privacy_policy::PrivacyPolicyPage);
