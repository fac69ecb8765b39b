//! Why a form was refused: the field and the problem, and the small helpers every form parser
//! shares (accounts, addresses, the back office's catalog forms).

use serde::{Deserialize, Serialize};

/// Why an input was refused. The UI translates it; the field says where to show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    EmailInvalid,
    EmailTaken,
    PasswordTooShort,
    PasswordTooLong,
    PasswordTooSimple,
    PasswordContainsEmail,
    ConsentRequired,
    DisplayNameInvalid,
    PhoneInvalid,
    BirthdayInvalid,
    LocaleInvalid,
    RecipientInvalid,
    RegionInvalid,
    CityInvalid,
    DetailInvalid,
    PostalCodeInvalid,
    WrongPassword,
    /// A name for one language: 1..=60 characters, no control characters.
    NameInvalid,
    /// An address slug: 1..=60 of a–z, 0–9 and single hyphens inside.
    SlugInvalid,
    SlugTaken,
    /// No such category, or one that would put a category under itself.
    ParentInvalid,
    /// No account has this email.
    NoSuchAccount,
    /// A price in yuan above zero with at most two decimals (at most ¥1,000,000).
    PriceInvalid,
    /// Whole units, 0..=999,999.
    StockInvalid,
    /// A description of at most 5,000 characters.
    DescriptionInvalid,
    /// No such category.
    CategoryInvalid,
    /// The options chosen make no SKU, more than 100, or use an axis or value we do not have.
    OptionsInvalid,
    /// This SKU has been ordered: it cannot be removed (set its stock to 0 instead).
    SkuHasOrders,
    /// Choose one of the warehouses listed.
    WarehouseInvalid,
    /// A non-zero whole number of units, e.g. +20 or -3, within ±999,999.
    AdjustmentInvalid,
    /// Say why (1..=200 characters).
    ReasonRequired,
    /// Taking this many would leave the warehouse with fewer units than its orders hold.
    AdjustmentBelowReserved,
    /// A warehouse of this name exists already.
    WarehouseNameTaken,
    /// More than 12 images, or an image that is not one of ours.
    ImagesInvalid,
    /// Alt text of at most 125 characters.
    AltInvalid,
    /// Whole units 0..=99,999, or empty for the default.
    ThresholdInvalid,
    /// The file is not CSV in UTF-8, or this line is not a row of it.
    CsvUnreadable,
    /// The header lacks one of the columns export writes.
    CsvColumnsMissing,
    /// A header and no rows.
    CsvEmpty,
    /// More rows, or more bytes, than one import takes.
    CsvTooLarge,
    /// Every row names its product: an id, or a label for a new one.
    CsvProductMissing,
    /// A product's own columns differ from its first row.
    CsvProductColumnsDiffer,
    /// An existing product's version is a whole number; a new product has none.
    CsvVersionInvalid,
    /// `draft`, `active` or `unlisted`.
    CsvStatusInvalid,
    /// The goods' supplier is suspended: they cannot go live.
    OwnerSuspended,
    /// Two rows of one product with the same options.
    CsvCombinationRepeated,
    /// No product has this id.
    CsvProductUnknown,
    /// The product was saved since this file was exported.
    CsvProductChanged,
    /// This SKU code is not the product's SKU with these options.
    CsvSkuCodeUnknown,
    /// A brand of at most 60 characters, or none.
    BrandInvalid,
    /// A "was" price in yuan above the price, or none.
    ListPriceInvalid,
    /// 13 digits ending in the right GS1 check digit, or none.
    GtinInvalid,
    /// Another SKU has this barcode.
    GtinTaken,
    /// Whole grams from 1 to 100,000, or none.
    WeightInvalid,
    /// Choose a warehouse other than the one the goods leave.
    TransferToInvalid,
    /// Whole units above zero (at most 999,999).
    TransferQuantityInvalid,
    /// The warehouse the goods leave has fewer units free (on hand, not held by orders).
    TransferBeyondFree,
    /// A date and time ahead of now, in shop time, or none.
    PublishAtInvalid,
    /// `active`, `disabled` or empty.
    CsvSkuStatusInvalid,
    /// One "name: value" per line, at most 30 lines; names up to 30 characters, values up to 200.
    AttributesInvalid,
    /// A company name of 2..=100 characters.
    CompanyInvalid,
    /// A contact person's name of 1..=50 characters.
    ContactInvalid,
    /// A Unified Social Credit Code (18 characters) or an 8-digit registration number.
    LicenceNumberInvalid,
    /// Choose 1 to 10 of the categories listed.
    CategoriesInvalid,
    /// A JPEG, PNG or WebP photo of the licence, at most 5 MB.
    LicenceImageInvalid,
    /// 1 to 5 tiers of "threshold:off" in yuan, each threshold above its reduction, a higher
    /// threshold never saving less.
    TiersInvalid,
    /// A start and an end in shop time, the end after the start.
    PromotionWindowInvalid,
    /// A whole percentage from 1 to 90.
    RateInvalid,
    /// A whole number in the range the field names.
    CountInvalid,
    /// 4 to 20 letters and digits, or empty.
    CodeInvalid,
    /// Another coupon has this code.
    CodeTaken,
    /// Choose one of the kinds listed.
    KindInvalid,
    /// 1 to 20 lines of "SKU code, flash price, flash stock", each code once.
    FlashItemsInvalid,
    /// A SKU code of a flash sale is not in the catalog (or not on sale).
    FlashSkuUnknown,
    /// A flash price must be below the SKU's own price.
    FlashPriceNotLower,
    /// A flash stock is more than the SKU's free stock.
    FlashStockShort,
    /// A SKU is already in another flash sale at an overlapping time.
    FlashOverlap,
    /// Name each pricing stage once.
    StackingOrderInvalid,
    /// A scope is "all goods", or categories, products or one supplier with what names them.
    ScopeInvalid,
    /// A category, product or supplier named in a scope does not exist.
    ScopeUnknown,
    /// Not a group of members the back office can give coupons to.
    SegmentInvalid,
    /// The coupon is not open for claiming now (paused, not started, ended or sold out).
    CouponNotOpen,
    /// No SKU on sale has this code.
    SkuCodeUnknown,
    /// A member price must be below the SKU's own price.
    MemberPriceNotLower,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Email,
    Password,
    NewPassword,
    Consent,
    DisplayName,
    Phone,
    Birthday,
    Locale,
    Recipient,
    Region,
    City,
    Detail,
    PostalCode,
    NameZhHant,
    NameZhHans,
    NameEn,
    Slug,
    Parent,
    DescriptionZhHant,
    DescriptionZhHans,
    DescriptionEn,
    Category,
    Options,
    /// The price of the SKU row with this index (0-based, in the editor's order).
    SkuPrice(u16),
    /// The stock of the SKU row with this index.
    SkuStock(u16),
    Warehouse,
    Quantity,
    Reason,
    /// A name in one language only (a warehouse's).
    Name,
    /// The regions a warehouse serves first.
    Serves,
    /// The product's images as a whole.
    Images,
    /// The alt texts of the image with this index.
    ImageAlt(u16),
    /// A low-stock threshold.
    Threshold,
    Brand,
    /// The list price of the SKU row with this index.
    SkuListPrice(u16),
    /// The GTIN of the SKU row with this index.
    SkuGtin(u16),
    /// The weight of the SKU row with this index.
    SkuWeight(u16),
    /// The warehouse a transfer goes to.
    TransferTo,
    /// When a product goes live by itself.
    PublishAt,
    AttributesZhHant,
    AttributesZhHans,
    AttributesEn,
    Company,
    Contact,
    LicenceNumber,
    /// The categories an applicant wants to sell in.
    Categories,
    /// The business licence photo.
    LicenceImage,
    /// A 滿減's tiers.
    Tiers,
    /// When a promotion runs, or when a coupon may be claimed.
    PromotionWindow,
    /// A coupon's amount off.
    Amount,
    /// A coupon's percentage off.
    Rate,
    /// The most a percentage coupon takes off.
    Cap,
    MinSpend,
    PerMember,
    ValidDays,
    /// A coupon's code.
    Code,
    /// A coupon's kind or level.
    Kind,
    /// A flash sale's SKUs, prices and stock.
    FlashItems,
    /// The order the pricing stages run in.
    StackingOrder,
    /// Which goods a promotion covers.
    Scope,
    /// A group of members.
    Segment,
    /// The SKU a member price is for.
    MemberPriceSku,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: Field,
    pub problem: Problem,
}

pub(crate) fn problem(field: Field, problem: Problem) -> FieldProblem {
    FieldProblem { field, problem }
}

/// Collects every problem of a form so the shopper fixes them in one go.
pub(crate) fn collect<T>(
    result: Result<T, FieldProblem>,
    problems: &mut Vec<FieldProblem>,
) -> Option<T> {
    result.map_err(|p| problems.push(p)).ok()
}

fn has_control_chars(value: &str) -> bool {
    value.chars().any(char::is_control)
}

/// Trimmed text of 1..=max characters without control characters.
pub(crate) fn bounded_text(value: &str, max: usize) -> Option<String> {
    let value = value.trim();
    let length = value.chars().count();
    (length >= 1 && length <= max && !has_control_chars(value)).then(|| value.to_string())
}
