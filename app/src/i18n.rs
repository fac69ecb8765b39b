//! Languages: zh-Hant (default), zh-Hans and en. The locale comes from the `lang` cookie (set by
//! the language switcher), else Accept-Language, else zh-Hant. Every visible string lives in a
//! `Texts` table; a missing translation is a compile error, not a blank on screen.

pub mod account;
pub mod admin;
pub mod cart;
pub mod checkout;
mod en;
pub mod mail;
pub mod order;
pub mod product_review;
pub mod promotion;
pub mod supplier;
mod zh_hans;
mod zh_hant;

pub use crate::domain::locale::{Locale, LANG_COOKIE};

// The language type is the domain's; what it says is ours.
impl Locale {
    /// Every string of the interface in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::ZhHant => &zh_hant::TEXTS,
            Locale::ZhHans => &zh_hans::TEXTS,
            Locale::En => &en::TEXTS,
        }
    }
}

/// Finds `name`'s value in a Cookie header.
pub fn cookie_value<'a>(cookie_header: &'a str, name: &str) -> Option<&'a str> {
    cookie_header.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

/// Replaces `{n}` in a template. Kept tiny on purpose: our strings have at most one number or name.
pub fn fill(template: &str, value: impl std::fmt::Display) -> String {
    template.replace("{}", &value.to_string())
}

/// Fills each `{}` of `template` with the next of `values`, in order (every translation of such
/// a template keeps the same order).
pub fn fill_all(template: &str, values: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut values = values.iter();
    let mut pieces = template.split("{}");
    out.push_str(pieces.next().unwrap_or_default());
    for piece in pieces {
        if let Some(value) = values.next() {
            out.push_str(&value.to_string());
        }
        out.push_str(piece);
    }
    out
}

/// One line of a refused order in words: how many were wanted and how many are left.
pub fn shortfall_text(
    c: &checkout::CheckoutTexts,
    line: &crate::domain::cart::StockShortfall,
) -> String {
    if line.available <= 0 {
        fill(c.shortfall_sold_out, &line.name)
    } else {
        fill_all(c.shortfall, &[&line.name, &line.wanted, &line.available])
    }
}

/// A product's status in words (`products.status`).
pub fn product_status_text(
    texts: &Texts,
    status: crate::domain::catalog::product_edit::ProductStatus,
) -> &'static str {
    use crate::domain::catalog::product_edit::ProductStatus;
    let (b, r) = (texts.admin, texts.product_review);
    match status {
        ProductStatus::Active => b.status_active,
        ProductStatus::Draft => b.status_draft,
        ProductStatus::Unlisted => b.status_unlisted,
        ProductStatus::Submitted => r.status_submitted,
        ProductStatus::Rejected => r.status_rejected,
        ProductStatus::Suspended => r.status_suspended,
    }
}

/// The sentence for a refused input.
pub fn problem_text(texts: &Texts, problem: crate::domain::form::Problem) -> &'static str {
    let (t, b) = (texts.accounts, texts.admin);
    use crate::domain::form::Problem;
    match problem {
        Problem::EmailInvalid => t.email_invalid,
        Problem::EmailTaken => t.email_taken,
        Problem::PasswordTooShort => t.password_too_short,
        Problem::PasswordTooLong => t.password_too_long,
        Problem::PasswordTooSimple => t.password_too_simple,
        Problem::PasswordContainsEmail => t.password_contains_email,
        Problem::ConsentRequired => t.consent_required,
        Problem::DisplayNameInvalid => t.display_name_invalid,
        Problem::PhoneInvalid => t.phone_invalid,
        Problem::BirthdayInvalid => t.birthday_invalid,
        Problem::LocaleInvalid => t.locale_invalid,
        Problem::RecipientInvalid => t.recipient_invalid,
        Problem::RegionInvalid => t.region_invalid,
        Problem::CityInvalid => t.city_invalid,
        Problem::DetailInvalid => t.detail_invalid,
        Problem::PostalCodeInvalid => t.postal_code_invalid,
        Problem::WrongPassword => t.wrong_password,
        Problem::NameInvalid => b.name_invalid,
        Problem::SlugInvalid => b.slug_invalid,
        Problem::SlugTaken => b.slug_taken,
        Problem::ParentInvalid => b.parent_invalid,
        Problem::NoSuchAccount => b.no_such_account,
        Problem::PriceInvalid => b.price_invalid,
        Problem::StockInvalid => b.stock_invalid,
        Problem::DescriptionInvalid => b.description_invalid,
        Problem::CategoryInvalid => b.category_invalid,
        Problem::OptionsInvalid => b.options_invalid,
        Problem::SkuHasOrders => b.sku_has_orders,
        Problem::WarehouseInvalid => b.warehouse_invalid,
        Problem::AdjustmentInvalid => b.adjustment_invalid,
        Problem::ReasonRequired => b.reason_required,
        Problem::AdjustmentBelowReserved => b.adjustment_below_reserved,
        Problem::WarehouseNameTaken => b.warehouse_name_taken,
        Problem::ImagesInvalid => b.images_invalid,
        Problem::AltInvalid => b.alt_invalid,
        Problem::ThresholdInvalid => b.threshold_invalid,
        Problem::CsvUnreadable => b.csv_unreadable,
        Problem::CsvColumnsMissing => b.csv_columns_missing,
        Problem::CsvEmpty => b.csv_empty,
        Problem::CsvTooLarge => b.csv_too_large,
        Problem::CsvProductMissing => b.csv_product_missing,
        Problem::CsvProductColumnsDiffer => b.csv_product_columns_differ,
        Problem::CsvVersionInvalid => b.csv_version_invalid,
        Problem::CsvStatusInvalid => b.csv_status_invalid,
        Problem::OwnerSuspended => texts.product_review.supplier_suspended,
        Problem::CsvCombinationRepeated => b.csv_combination_repeated,
        Problem::CsvProductUnknown => b.csv_product_unknown,
        Problem::CsvProductChanged => b.csv_product_changed,
        Problem::CsvSkuCodeUnknown => b.csv_sku_code_unknown,
        Problem::BrandInvalid => b.brand_invalid,
        Problem::ListPriceInvalid => b.list_price_invalid,
        Problem::GtinInvalid => b.gtin_invalid,
        Problem::GtinTaken => b.gtin_taken,
        Problem::WeightInvalid => b.weight_invalid,
        Problem::TransferToInvalid => b.transfer_to_invalid,
        Problem::TransferQuantityInvalid => b.transfer_quantity_invalid,
        Problem::TransferBeyondFree => b.transfer_beyond_free,
        Problem::PublishAtInvalid => b.publish_at_invalid,
        Problem::CsvSkuStatusInvalid => b.csv_sku_status_invalid,
        Problem::AttributesInvalid => b.attributes_invalid,
        Problem::CompanyInvalid => texts.supplier.company_invalid,
        Problem::ContactInvalid => texts.supplier.contact_invalid,
        Problem::LicenceNumberInvalid => texts.supplier.licence_number_invalid,
        Problem::CategoriesInvalid => texts.supplier.categories_invalid,
        Problem::LicenceImageInvalid => texts.supplier.licence_image_invalid,
        Problem::TiersInvalid => texts.promotion.tiers_invalid,
        Problem::PromotionWindowInvalid => texts.promotion.window_invalid,
        Problem::RateInvalid => texts.promotion.rate_invalid,
        Problem::CountInvalid => texts.promotion.count_invalid,
        Problem::CodeInvalid => texts.promotion.code_invalid,
        Problem::CodeTaken => texts.promotion.code_taken,
        Problem::KindInvalid => texts.promotion.kind_invalid,
        Problem::FlashItemsInvalid => texts.promotion.flash_items_invalid,
        Problem::FlashSkuUnknown => texts.promotion.flash_sku_unknown,
        Problem::FlashPriceNotLower => texts.promotion.flash_price_not_lower,
        Problem::FlashStockShort => texts.promotion.flash_stock_short,
        Problem::FlashOverlap => texts.promotion.flash_overlap,
        Problem::StackingOrderInvalid => texts.promotion.stacking_invalid,
        Problem::ScopeInvalid => texts.promotion.scope_invalid,
        Problem::ScopeUnknown => texts.promotion.scope_unknown,
        Problem::SegmentInvalid => texts.promotion.segment_invalid,
        Problem::CouponNotOpen => texts.promotion.coupon_not_open,
        Problem::SkuCodeUnknown => texts.promotion.sku_code_unknown,
        Problem::MemberPriceNotLower => texts.promotion.member_price_not_lower,
    }
}

/// Every string the interface shows. Templates take one value at `{}` (see [`fill`]).
pub struct Texts {
    /// Accounts and the member center.
    pub accounts: &'static account::AccountTexts,
    /// The back office.
    pub admin: &'static admin::AdminTexts,
    /// The cart.
    pub carts: &'static cart::CartTexts,
    /// The checkout page and refused orders.
    pub checkout: &'static checkout::CheckoutTexts,
    /// Orders, payment, shipping and after-sale.
    pub orders: &'static order::OrderTexts,
    /// Listing through review and suspended suppliers.
    pub product_review: &'static product_review::ProductReviewTexts,
    /// Supplier applications and the supplier console.
    pub supplier: &'static supplier::SupplierTexts,
    /// Promotions, coupons and the steps of a price explanation.
    pub promotion: &'static promotion::PromotionTexts,
    pub site_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,
    pub suggestions: &'static str,
    pub cart: &'static str,
    pub account: &'static str,
    pub language: &'static str,
    pub change_language: &'static str,
    pub main_navigation: &'static str,
    pub home: &'static str,
    pub categories: &'static str,
    pub shop_by_category: &'static str,
    pub featured: &'static str,
    pub new_arrivals: &'static str,
    pub best_sellers: &'static str,
    pub see_all: &'static str,
    pub all_of: &'static str,
    pub breadcrumb: &'static str,
    pub search_results_for: &'static str,
    pub search_title: &'static str,
    pub product_count: &'static str,
    /// A search matched more products than pages reach: "{}+" with the reachable count.
    pub product_count_capped: &'static str,
    pub sort_by: &'static str,
    pub sort_relevance: &'static str,
    pub sort_newest: &'static str,
    pub sort_price_asc: &'static str,
    pub sort_price_desc: &'static str,
    pub sort_best_selling: &'static str,
    pub filters: &'static str,
    pub price: &'static str,
    pub min_price: &'static str,
    pub max_price: &'static str,
    pub in_stock_only: &'static str,
    pub apply: &'static str,
    pub clear_filters: &'static str,
    pub pagination: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub page_of: &'static str,
    pub no_results: &'static str,
    pub no_results_tips: &'static str,
    pub popular_now: &'static str,
    pub empty_category: &'static str,
    pub problem_min_price: &'static str,
    pub problem_max_price: &'static str,
    pub problem_min_above_max: &'static str,
    pub problem_sort: &'static str,
    pub problem_page: &'static str,
    pub problem_option: &'static str,
    pub in_stock: &'static str,
    pub low_stock: &'static str,
    pub out_of_stock: &'static str,
    pub sold_out: &'static str,
    pub sold_count: &'static str,
    pub from_price: &'static str,
    pub choose_options: &'static str,
    pub quantity: &'static str,
    pub add_to_cart: &'static str,
    pub cart_arrives_soon: &'static str,
    pub description: &'static str,
    /// The heading of a product's attribute table.
    pub specifications: &'static str,
    /// `{}`: the product's brand.
    pub brand: &'static str,
    /// Before a SKU's list price, shown struck through.
    pub was_price: &'static str,
    pub item_code: &'static str,
    pub product_images: &'static str,
    pub show_image: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub product_not_found: &'static str,
    pub back_home: &'static str,
    pub error_title: &'static str,
    pub error_body: &'static str,
    pub loading: &'static str,
    pub cart_empty: &'static str,
    pub continue_shopping: &'static str,
    pub account_title: &'static str,
    pub account_soon: &'static str,
    pub footer_note: &'static str,
    /// Heading of the products group under the search box (categories use `categories`).
    pub suggestion_products: &'static str,
    /// Said by screen readers when suggestions arrive; `{}` is how many.
    pub suggestions_count: &'static str,
    pub suggestions_none: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_in_order() {
        assert_eq!(fill_all("{}: {} of {}", &[&"Tea", &4, &2]), "Tea: 4 of 2");
        assert_eq!(fill_all("no holes", &[&1]), "no holes");
        let line = crate::domain::cart::StockShortfall {
            sku_id: 1,
            name: "Oolong".into(),
            wanted: 4,
            available: 2,
        };
        assert_eq!(
            shortfall_text(Locale::En.texts().checkout, &line),
            "Oolong: you asked for 4, 2 left."
        );
    }

    #[test]
    fn tags_map_to_our_three_languages() {
        assert_eq!(Locale::from_tag("zh-TW"), Some(Locale::ZhHant));
        assert_eq!(Locale::from_tag("zh_HK"), Some(Locale::ZhHant));
        assert_eq!(Locale::from_tag("zh-Hant-TW"), Some(Locale::ZhHant));
        assert_eq!(Locale::from_tag("zh-CN"), Some(Locale::ZhHans));
        assert_eq!(Locale::from_tag("zh"), Some(Locale::ZhHans));
        assert_eq!(Locale::from_tag("en-GB"), Some(Locale::En));
        assert_eq!(Locale::from_tag("fr"), None);
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.code()), Some(locale));
        }
    }

    #[test]
    fn accept_language_respects_quality() {
        assert_eq!(
            Locale::from_accept_language("fr-FR,fr;q=0.9,en;q=0.8,zh-CN;q=0.7"),
            Some(Locale::En)
        );
        assert_eq!(
            Locale::from_accept_language("en;q=0.5, zh-TW;q=0.9"),
            Some(Locale::ZhHant)
        );
        assert_eq!(
            Locale::from_accept_language("zh-CN, en"),
            Some(Locale::ZhHans)
        );
        assert_eq!(Locale::from_accept_language("en;q=0, de"), None);
        assert_eq!(Locale::from_accept_language(""), None);
    }

    #[test]
    fn cookie_beats_header_beats_default() {
        assert_eq!(Locale::resolve(Some("en"), Some("zh-CN")), Locale::En);
        assert_eq!(
            Locale::resolve(Some("garbage"), Some("zh-CN")),
            Locale::ZhHans
        );
        assert_eq!(Locale::resolve(None, None), Locale::ZhHant);
        assert_eq!(
            cookie_value("a=1; lang=zh-Hans; b=2", "lang"),
            Some("zh-Hans")
        );
        assert_eq!(cookie_value("xlang=en", "lang"), None);
    }

    #[test]
    fn templates_fill() {
        assert_eq!(fill(Locale::En.texts().product_count, 3), "3 products");
        assert!(Locale::ALL
            .iter()
            .all(|l| l.texts().low_stock.contains("{}")));
    }
}
