//! Strings of the supplier side: the application to sell on Jishi, the operator's decision on
//! it (pages and mails), and the supplier console.

pub mod en;
pub mod zh_hans;
pub mod zh_hant;

pub struct SupplierTexts {
    pub apply_title: &'static str,
    pub apply_intro: &'static str,
    pub company: &'static str,
    pub contact: &'static str,
    pub phone: &'static str,
    pub licence_number: &'static str,
    pub licence_number_hint: &'static str,
    pub licence_image: &'static str,
    pub licence_image_hint: &'static str,
    pub categories: &'static str,
    pub categories_hint: &'static str,
    pub region: &'static str,
    /// The application form's button.
    pub apply: &'static str,
    pub sign_in_to_apply: &'static str,
    /// `{}`: the company.
    pub pending: &'static str,
    /// `{}`: the company, then the operator's reason.
    pub rejected: &'static str,
    pub apply_again: &'static str,
    /// `{}`: the company.
    pub approved: &'static str,
    pub company_invalid: &'static str,
    pub contact_invalid: &'static str,
    pub licence_number_invalid: &'static str,
    pub categories_invalid: &'static str,
    pub licence_image_invalid: &'static str,
    pub already_pending: &'static str,
    pub already_supplier: &'static str,
    pub already_decided: &'static str,
    /// The console's name, and the member menu's link to it.
    pub console: &'static str,
    pub console_navigation: &'static str,
    pub dashboard: &'static str,
    pub products: &'static str,
    pub stock: &'static str,
    pub orders: &'static str,
    pub not_a_supplier: &'static str,
    pub warehouses: &'static str,
    pub low_stock_skus: &'static str,
    pub no_products: &'static str,
    pub no_orders: &'static str,
    pub order: &'static str,
    /// The console's order tabs.
    pub parcel_tabs: &'static str,
    pub tab_to_ship: &'static str,
    pub tab_to_receive_back: &'static str,
    pub tab_done: &'static str,
    /// Under a parcel shipped: the address is no longer shown, only the city.
    pub delivered_to_city: &'static str,
    pub amount: &'static str,
    pub applications: &'static str,
    pub no_applications: &'static str,
    pub status: &'static str,
    pub status_pending: &'static str,
    pub status_approved: &'static str,
    pub status_rejected: &'static str,
    pub approve: &'static str,
    pub reject: &'static str,
    pub reason: &'static str,
    pub show_licence: &'static str,
    pub applied_at: &'static str,
    /// The supplier evaluation.
    pub rating: &'static str,
    pub rating_hint: &'static str,
    pub on_time_shipping: &'static str,
    pub after_sale_rate: &'static str,
    /// Parcels a shopper complained about, of all its parcels.
    pub complaint_rate: &'static str,
    pub rejection_rate: &'static str,
    /// `{}`: the rate in the period before.
    pub rating_before: &'static str,
    pub mail_approved_subject: &'static str,
    /// `{}`: the company.
    pub mail_approved_body: &'static str,
    pub mail_rejected_subject: &'static str,
    /// `{}`: the company, then the reason.
    pub mail_rejected_body: &'static str,
}
