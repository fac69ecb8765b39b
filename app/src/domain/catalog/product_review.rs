//! Listing through review: a supplier's product reaches the shop only once an operator approves
//! what the supplier submitted. An edit of a live product waits beside it, so shoppers keep
//! seeing the approved version until the edit is approved. Operators' own products skip review.

use super::product_edit::ProductStatus;
use crate::domain::audit::FieldChange;
use serde::{Deserialize, Serialize};

/// Where a submission is (`product_submissions.status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubmissionStatus {
    /// In the review queue.
    Pending,
    /// Applied to the product, which is live.
    Approved,
    /// Turned down with a reason; the supplier may change it and submit again.
    Rejected,
    /// Replaced by a newer submission of the same product before anyone decided.
    Withdrawn,
}

impl SubmissionStatus {
    /// Every status, in the order a submission can reach them.
    pub const ALL: [SubmissionStatus; 4] = [
        SubmissionStatus::Pending,
        SubmissionStatus::Approved,
        SubmissionStatus::Rejected,
        SubmissionStatus::Withdrawn,
    ];

    /// As stored in `product_submissions.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            SubmissionStatus::Pending => "pending",
            SubmissionStatus::Approved => "approved",
            SubmissionStatus::Rejected => "rejected",
            SubmissionStatus::Withdrawn => "withdrawn",
        }
    }

    /// The status stored as `value`; None for anything else.
    pub fn parse(value: &str) -> Option<SubmissionStatus> {
        SubmissionStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == value)
    }
}

/// What "Submit for review" does to the product itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnSubmit {
    /// The product is live: it stays as approved, and the edit waits beside it.
    Beside,
    /// The product is not in the shop: it takes the edit at once, with this status.
    InPlace(ProductStatus),
}

/// What submitting does to a product in `current` state (None: a new product). A suspended
/// supplier's product cannot be submitted (None is returned).
pub fn on_submit(current: Option<ProductStatus>) -> Option<OnSubmit> {
    match current {
        Some(ProductStatus::Active) => Some(OnSubmit::Beside),
        Some(ProductStatus::Suspended) => None,
        None
        | Some(
            ProductStatus::Draft
            | ProductStatus::Submitted
            | ProductStatus::Rejected
            | ProductStatus::Unlisted,
        ) => Some(OnSubmit::InPlace(ProductStatus::Submitted)),
    }
}

/// Whether a supplier may save a product in `current` state as a draft without review: only
/// while it is out of the shop (a live one changes through review only).
pub fn may_save_draft(current: Option<ProductStatus>) -> bool {
    matches!(
        current,
        None | Some(
            ProductStatus::Draft
                | ProductStatus::Submitted
                | ProductStatus::Rejected
                | ProductStatus::Unlisted
        )
    )
}

/// The product's status after a rejection: one that was never live becomes rejected; a live one
/// stays live as approved before.
pub fn after_rejection(current: ProductStatus) -> ProductStatus {
    match current {
        ProductStatus::Submitted => ProductStatus::Rejected,
        other => other,
    }
}

/// A submission in the review queue, with what it changes field by field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    /// What "Approve" and "Reject" act on.
    pub submission_id: i64,
    /// The product it changes (or creates).
    pub product_id: i64,
    /// The product's name in the reader's language, as submitted.
    pub name: String,
    /// The supplier's company.
    pub company: String,
    /// Unix seconds.
    pub submitted_at: i64,
    /// True when the product has never been live (everything is new to shoppers).
    pub new_product: bool,
    /// From the product as shoppers last saw it (nothing, for a new one) to the product as
    /// submitted: names, brand, descriptions,
    /// category (by name), axes, images, one field per SKU (code, price, stock).
    pub changes: Vec<FieldChange>,
}

/// The latest review of a product, as its supplier's editor shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewNote {
    /// Waiting, approved or rejected (a withdrawn one is never the latest shown).
    pub status: SubmissionStatus,
    /// The operator's reason when rejected; empty otherwise.
    pub reason: String,
    /// When it was submitted, or decided once it was (unix seconds).
    pub at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_back() {
        for s in SubmissionStatus::ALL {
            assert_eq!(SubmissionStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(SubmissionStatus::parse("maybe"), None);
    }

    #[test]
    fn a_live_product_keeps_its_approved_version_while_an_edit_waits() {
        assert_eq!(
            on_submit(Some(ProductStatus::Active)),
            Some(OnSubmit::Beside)
        );
        assert!(!may_save_draft(Some(ProductStatus::Active)));
        assert_eq!(
            after_rejection(ProductStatus::Active),
            ProductStatus::Active
        );
    }

    #[test]
    fn a_product_out_of_the_shop_waits_as_submitted_and_a_rejection_marks_it() {
        for current in [
            None,
            Some(ProductStatus::Draft),
            Some(ProductStatus::Submitted),
            Some(ProductStatus::Rejected),
            Some(ProductStatus::Unlisted),
        ] {
            assert_eq!(
                on_submit(current),
                Some(OnSubmit::InPlace(ProductStatus::Submitted))
            );
            assert!(may_save_draft(current));
        }
        assert_eq!(
            after_rejection(ProductStatus::Submitted),
            ProductStatus::Rejected
        );
    }

    #[test]
    fn a_suspended_suppliers_product_cannot_be_submitted() {
        assert_eq!(on_submit(Some(ProductStatus::Suspended)), None);
        assert!(!may_save_draft(Some(ProductStatus::Suspended)));
    }
}
