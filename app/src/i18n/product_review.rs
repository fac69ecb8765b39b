//! Strings of listing through review: the supplier's "Submit for review", the notes on its
//! editor, the back office's review queue, and suspended suppliers.

pub mod en;
pub mod zh_hans;
pub mod zh_hant;

pub struct ProductReviewTexts {
    /// The supplier editor's button (in place of "Publish").
    pub submit_for_review: &'static str,
    pub submitted_notice: &'static str,
    /// A live product's edit was submitted.
    pub edit_waits_notice: &'static str,
    /// `{}`: when it was submitted.
    pub note_pending: &'static str,
    /// `{}`: when, then the operator's reason.
    pub note_rejected: &'static str,
    /// `{}`: when.
    pub note_approved: &'static str,
    pub status_submitted: &'static str,
    pub status_rejected: &'static str,
    pub status_suspended: &'static str,
    /// The review queue's column of what each submission changes.
    pub changes: &'static str,
    pub new_product: &'static str,
    pub change_of_live: &'static str,
    pub approve: &'static str,
    pub reject: &'static str,
    pub reason: &'static str,
    pub approved_notice: &'static str,
    pub rejected_notice: &'static str,
    pub already_decided: &'static str,
    pub supplier_suspended: &'static str,
    pub live_needs_review: &'static str,
    /// The supplier products page's link to a new product.
    pub add_product: &'static str,
    pub suspend: &'static str,
    pub reinstate: &'static str,
    pub supplier_active: &'static str,
    /// The console's notice to a suspended supplier.
    pub suspended_notice: &'static str,
    /// `{}`: the product.
    pub mail_approved_subject: &'static str,
    /// `{}`: the product.
    pub mail_approved_body: &'static str,
    /// `{}`: the product.
    pub mail_rejected_subject: &'static str,
    /// `{}`: the product, then the operator's reason.
    pub mail_rejected_body: &'static str,
}
