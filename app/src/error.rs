//! The one error type every server function returns. Internal failures are logged on the server
//! and reach the shopper only as `Internal`, shown as a friendly translated message.

use crate::domain::account::FieldProblem;
use crate::domain::cart::StockShortfall;
use crate::i18n::Texts;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// The request was understood and refused for a reason the shopper can act on; translated
    /// where it is shown, never on the server.
    #[error("refused: {0:?}")]
    Refused(Refusal),
    /// Form fields that were refused, each with the reason; the page shows them beside the form.
    #[error("invalid fields: {0:?}")]
    Invalid(Vec<FieldProblem>),
    /// Not signed in (or the session ended).
    #[error("not signed in")]
    Unauthorized,
    /// Signed in, but this is not theirs to see or do.
    #[error("forbidden")]
    Forbidden,
    /// Email and password do not match an account.
    #[error("wrong email or password")]
    BadCredentials,
    /// Too many attempts; try again after this many seconds.
    #[error("rate limited")]
    RateLimited(i64),
    /// The request came from another site (or a form we did not serve).
    #[error("cross-site request refused")]
    CrossSite,
    /// The order (or request) is not in a state that allows this; the page should reload.
    #[error("not allowed in the current state")]
    Conflict,
    /// The account has orders still on their way or in after-sale, so it cannot be deleted yet.
    #[error("orders still open")]
    OrdersOpen,
    /// Details were logged where they happened; never sent to the browser.
    #[error("internal error")]
    Internal,
    /// The request never reached our code or its answer could not be read (network, encoding).
    #[error("request failed: {0}")]
    Transport(String),
}

impl AppError {
    pub fn status_code(&self) -> http::StatusCode {
        match self {
            AppError::NotFound => http::StatusCode::NOT_FOUND,
            AppError::Refused(Refusal::StockChanged(_) | Refusal::CartChanged) => {
                http::StatusCode::CONFLICT
            }
            AppError::Refused(Refusal::PaymentGatewayDown) => http::StatusCode::SERVICE_UNAVAILABLE,
            AppError::Refused(_) | AppError::Invalid(_) => http::StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unauthorized | AppError::BadCredentials => http::StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::CrossSite => http::StatusCode::FORBIDDEN,
            AppError::RateLimited(_) => http::StatusCode::TOO_MANY_REQUESTS,
            AppError::Conflict | AppError::OrdersOpen => http::StatusCode::CONFLICT,
            AppError::Internal => http::StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Transport(_) => http::StatusCode::BAD_GATEWAY,
        }
    }

    /// What the shopper reads.
    pub fn user_message(&self, texts: &Texts) -> String {
        match self {
            AppError::NotFound => texts.not_found_body.to_string(),
            AppError::Refused(refusal) => refusal.user_message(texts),
            AppError::Invalid(problems) => problems
                .iter()
                .map(|p| crate::i18n::problem_text(texts, p.problem))
                .collect::<Vec<_>>()
                .join(" "),
            AppError::Unauthorized => texts.accounts.sign_in_required.to_string(),
            AppError::Forbidden => texts.accounts.forbidden.to_string(),
            AppError::BadCredentials => texts.accounts.bad_credentials.to_string(),
            AppError::RateLimited(seconds) => {
                crate::i18n::fill(texts.accounts.rate_limited, (seconds + 59) / 60)
            }
            AppError::CrossSite => texts.accounts.cross_site.to_string(),
            AppError::Conflict => texts.orders.conflict.to_string(),
            AppError::OrdersOpen => texts.accounts.orders_open.to_string(),
            AppError::Internal | AppError::Transport(_) => texts.error_body.to_string(),
        }
    }

    /// Logs an unexpected failure with its cause and returns the opaque `Internal`.
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, cause: impl std::fmt::Display) -> AppError {
        tracing::error!(%cause, "{context}");
        AppError::Internal
    }
}

/// Why a request was refused, as a code; each page shows it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// A quantity outside 1..=99 (or more than 100 lines), from a form, a request or a cart
    /// kept in the browser.
    QuantityOutOfRange,
    /// The cart kept in this browser held impossible quantities (edited by hand or by an old
    /// version); they were corrected to 1..=99 before anything was priced.
    StoredCartRepaired,
    /// Stock changed since the cart was shown: every line that no longer fits, with what is
    /// left. Nothing was ordered.
    StockChanged(Vec<StockShortfall>),
    /// The cart is empty or differs from what the checkout page showed (another tab or device).
    CartChanged,
    ShippingMethod,
    /// An after-sale photo that is not a PNG, JPEG or WebP of at most 5 MB.
    PhotoInvalid,
    AfterSaleKind,
    /// A reason or message that is empty or too long.
    MessageInvalid,
    TooManyAddresses,
    /// A multipart form we could not read.
    UploadUnreadable,
    AvatarTooLarge,
    AvatarType,
    UnknownCarrier,
    TrackingInvalid,
    /// A password-reset link that is unknown, used or expired.
    ResetLinkInvalid,
    /// The member's unpaid orders already hold the most we allow (5 orders, or 99 units of one
    /// SKU): pay or cancel one first.
    TooManyUnpaidOrders,
    /// No payment gateway is enabled on this shop, so no order can be placed or paid now.
    PaymentUnavailable,
    /// The chosen payment method is not one this shop offers.
    PaymentMethod,
    /// The payment gateway did not answer or refused to open the payment; the order is kept.
    PaymentGatewayDown,
    /// The change would leave no operator able to grant permissions.
    LastUserManager,
    /// A category still holding products (how many) cannot be deleted: move them or hide it.
    CategoryHasProducts(i64),
    /// A category still holding subcategories (how many) cannot be deleted.
    CategoryHasChildren(i64),
    /// A dashboard range that is not two dates, starts after it ends, or is over a year.
    DashboardRange,
    /// Someone saved the product since the editor opened it; nothing was written.
    ProductChanged,
    /// A product photo that is not a JPEG, PNG or WebP of at most 5 MB that we can decode.
    ProductImageInvalid,
    /// A product CSV over 4 MB, or a form without a file.
    CsvFileInvalid,
    /// The caller already has a supplier application waiting for review.
    ApplicationPending,
    /// The caller is a supplier already.
    AlreadySupplier,
    /// Another operator decided on the application first.
    ApplicationDecided,
    /// Someone decided on the product submission first, or its supplier replaced it.
    ReviewDecided,
    /// The supplier is suspended: none of its products go live.
    SupplierSuspended,
    /// A live product of a supplier changes through review only.
    LiveNeedsReview,
    /// A coupon that cannot be claimed or used, and why.
    Coupon(crate::domain::promotion::CouponRefusal),
    /// The total worked out now differs from the one the page showed (a promotion changed or
    /// ended meanwhile): nothing was ordered; the new total (fen) is shown for the shopper to
    /// confirm.
    PriceChanged(crate::domain::money::Money),
    /// The points chosen are no longer in the balance (spent on another order meanwhile).
    PointsShort,
}

impl Refusal {
    pub fn user_message(&self, texts: &Texts) -> String {
        let (c, k, o, a) = (texts.carts, texts.checkout, texts.orders, texts.accounts);
        let b = texts.admin;
        match self {
            Refusal::QuantityOutOfRange => crate::i18n::fill(
                c.quantity_out_of_range,
                crate::domain::pricing::MAX_QUANTITY,
            ),
            Refusal::StockChanged(lines) => {
                let lines: Vec<String> = lines
                    .iter()
                    .map(|line| crate::i18n::shortfall_text(k, line))
                    .collect();
                format!("{} {}", k.stock_changed, lines.join(" "))
            }
            Refusal::StoredCartRepaired => c.stored_cart_repaired.to_string(),
            Refusal::CartChanged => k.cart_changed.to_string(),
            Refusal::ShippingMethod => k.shipping_method.to_string(),
            Refusal::PhotoInvalid => o.photo_invalid.to_string(),
            Refusal::AfterSaleKind => o.kind.to_string(),
            Refusal::MessageInvalid => o.reason_invalid.to_string(),
            Refusal::TooManyAddresses => a.too_many_addresses.to_string(),
            Refusal::UploadUnreadable => a.upload_unreadable.to_string(),
            Refusal::AvatarTooLarge => a.avatar_too_large.to_string(),
            Refusal::AvatarType => a.avatar_bad_type.to_string(),
            Refusal::UnknownCarrier => o.carrier.to_string(),
            Refusal::TrackingInvalid => o.tracking_invalid.to_string(),
            Refusal::ResetLinkInvalid => a.reset_invalid.to_string(),
            Refusal::PaymentUnavailable => o.payment_unavailable.to_string(),
            Refusal::PaymentMethod => o.payment_method_unknown.to_string(),
            Refusal::PaymentGatewayDown => o.payment_gateway_down.to_string(),
            Refusal::TooManyUnpaidOrders => o.too_many_unpaid.to_string(),
            Refusal::LastUserManager => b.last_user_manager.to_string(),
            Refusal::CategoryHasProducts(n) => crate::i18n::fill(b.category_has_products, n),
            Refusal::CategoryHasChildren(n) => crate::i18n::fill(b.category_has_children, n),
            Refusal::DashboardRange => b.range_invalid.to_string(),
            Refusal::ProductChanged => b.product_changed.to_string(),
            Refusal::ProductImageInvalid => b.product_image_invalid.to_string(),
            Refusal::CsvFileInvalid => b.csv_file_invalid.to_string(),
            Refusal::ApplicationPending => texts.supplier.already_pending.to_string(),
            Refusal::AlreadySupplier => texts.supplier.already_supplier.to_string(),
            Refusal::ApplicationDecided => texts.supplier.already_decided.to_string(),
            Refusal::ReviewDecided => texts.product_review.already_decided.to_string(),
            Refusal::SupplierSuspended => texts.product_review.supplier_suspended.to_string(),
            Refusal::LiveNeedsReview => texts.product_review.live_needs_review.to_string(),
            Refusal::Coupon(refusal) => crate::i18n::promotion::refusal_text(texts, *refusal),
            Refusal::PriceChanged(total) => crate::i18n::fill(texts.promotion.price_changed, total),
            Refusal::PointsShort => texts.promotion.points_short.to_string(),
        }
    }
}

impl From<Refusal> for AppError {
    fn from(refusal: Refusal) -> Self {
        AppError::Refused(refusal)
    }
}

impl From<crate::domain::cart::QuantityOutOfRange> for AppError {
    fn from(_: crate::domain::cart::QuantityOutOfRange) -> Self {
        AppError::Refused(Refusal::QuantityOutOfRange)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => AppError::NotFound,
            other => AppError::internal("database error", other),
        }
    }
}
