//! Who moved an order and why, as the timeline stores them: short codes in the database
//! ("operator:12", "shipped|sandbox|SF123"), translated only when shown, so a Chinese page never
//! shows an English sentence written at the time of the move.

use crate::domain::order::after_sale::AfterSaleKind;
use std::fmt;

/// Who made a move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Shopper,
    /// An operator acting for the shop, by user id.
    Operator(i64),
    /// The supplier owning the parcel, by user id.
    Supplier(i64),
    PaymentProvider,
    Carrier,
    /// A background job (expiry, automatic completion).
    System,
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Shopper => f.write_str("shopper"),
            Actor::Operator(id) => write!(f, "operator:{id}"),
            Actor::Supplier(id) => write!(f, "supplier:{id}"),
            Actor::PaymentProvider => f.write_str("payment provider"),
            Actor::Carrier => f.write_str("carrier"),
            Actor::System => f.write_str("system"),
        }
    }
}

impl Actor {
    /// Reads a stored actor; anything unknown is the system.
    pub fn parse(value: &str) -> Actor {
        match value.split_once(':') {
            Some(("operator", id)) => Actor::Operator(id.parse().unwrap_or(0)),
            Some(("supplier", id)) => Actor::Supplier(id.parse().unwrap_or(0)),
            _ => match value {
                "shopper" => Actor::Shopper,
                "operator" => Actor::Operator(0),
                "payment provider" => Actor::PaymentProvider,
                "carrier" => Actor::Carrier,
                _ => Actor::System,
            },
        }
    }
}

/// Why an order moved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoveReason {
    Placed,
    Paid {
        reference: String,
    },
    /// Not paid in time; the stock went back.
    Expired,
    Cancelled,
    Shipped {
        carrier: String,
        tracking_no: String,
    },
    Delivered,
    ReceiptConfirmed,
    /// The confirmation window passed.
    AutoCompleted,
    AfterSaleRequested {
        kind: AfterSaleKind,
        reason: String,
    },
    AfterSaleApproved {
        message: String,
    },
    AfterSaleRejected {
        message: String,
    },
    /// Returned goods arrived back at the shop.
    GoodsReturned,
    /// Exchanged goods went out again.
    Reshipped {
        carrier: String,
        tracking_no: String,
    },
    /// Text stored before these codes existed, shown as it is.
    Other(String),
}

const SEPARATOR: char = '|';

impl fmt::Display for MoveReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Free text goes last, so a '|' inside it cannot shift the fields before it.
        match self {
            MoveReason::Placed => f.write_str("placed"),
            MoveReason::Paid { reference } => write!(f, "paid|{reference}"),
            MoveReason::Expired => f.write_str("expired"),
            MoveReason::Cancelled => f.write_str("cancelled"),
            MoveReason::Shipped {
                carrier,
                tracking_no,
            } => write!(f, "shipped|{carrier}|{tracking_no}"),
            MoveReason::Delivered => f.write_str("delivered"),
            MoveReason::ReceiptConfirmed => f.write_str("receipt_confirmed"),
            MoveReason::AutoCompleted => f.write_str("auto_completed"),
            MoveReason::AfterSaleRequested { kind, reason } => {
                write!(f, "after_sale|{}|{reason}", kind.as_str())
            }
            MoveReason::AfterSaleApproved { message } => write!(f, "approved|{message}"),
            MoveReason::AfterSaleRejected { message } => write!(f, "rejected|{message}"),
            MoveReason::GoodsReturned => f.write_str("goods_returned"),
            MoveReason::Reshipped {
                carrier,
                tracking_no,
            } => write!(f, "reshipped|{carrier}|{tracking_no}"),
            MoveReason::Other(text) => f.write_str(text),
        }
    }
}

impl MoveReason {
    pub fn parse(value: &str) -> MoveReason {
        let (code, rest) = value.split_once(SEPARATOR).unwrap_or((value, ""));
        let two = || {
            let (a, b) = rest.split_once(SEPARATOR).unwrap_or((rest, ""));
            (a.to_string(), b.to_string())
        };
        match code {
            "placed" => MoveReason::Placed,
            "paid" => MoveReason::Paid {
                reference: rest.to_string(),
            },
            "expired" => MoveReason::Expired,
            "cancelled" => MoveReason::Cancelled,
            "shipped" => {
                let (carrier, tracking_no) = two();
                MoveReason::Shipped {
                    carrier,
                    tracking_no,
                }
            }
            "delivered" => MoveReason::Delivered,
            "receipt_confirmed" => MoveReason::ReceiptConfirmed,
            "auto_completed" => MoveReason::AutoCompleted,
            "after_sale" => {
                let (kind, reason) = two();
                match AfterSaleKind::parse(&kind) {
                    Some(kind) => MoveReason::AfterSaleRequested { kind, reason },
                    None => MoveReason::Other(value.to_string()),
                }
            }
            "approved" => MoveReason::AfterSaleApproved {
                message: rest.to_string(),
            },
            "rejected" => MoveReason::AfterSaleRejected {
                message: rest.to_string(),
            },
            "goods_returned" => MoveReason::GoodsReturned,
            "reshipped" => {
                let (carrier, tracking_no) = two();
                MoveReason::Reshipped {
                    carrier,
                    tracking_no,
                }
            }
            _ => MoveReason::Other(value.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_reads_back_as_written() {
        let reasons = [
            MoveReason::Placed,
            MoveReason::Paid {
                reference: "SBX-1".into(),
            },
            MoveReason::Expired,
            MoveReason::Cancelled,
            MoveReason::Shipped {
                carrier: "sandbox".into(),
                tracking_no: "SF1".into(),
            },
            MoveReason::Delivered,
            MoveReason::ReceiptConfirmed,
            MoveReason::AutoCompleted,
            MoveReason::AfterSaleRequested {
                kind: AfterSaleKind::Exchange,
                reason: "wrong size | too small".into(),
            },
            MoveReason::AfterSaleApproved {
                message: "ok".into(),
            },
            MoveReason::AfterSaleRejected {
                message: "no".into(),
            },
            MoveReason::GoodsReturned,
            MoveReason::Reshipped {
                carrier: "sandbox".into(),
                tracking_no: "SF2".into(),
            },
            MoveReason::Other("order placed".into()),
        ];
        for reason in reasons {
            assert_eq!(MoveReason::parse(&reason.to_string()), reason);
        }
    }

    #[test]
    fn actors_read_back_and_old_values_still_read() {
        for actor in [
            Actor::Shopper,
            Actor::Operator(12),
            Actor::PaymentProvider,
            Actor::Carrier,
            Actor::System,
        ] {
            assert_eq!(Actor::parse(&actor.to_string()), actor);
        }
        assert_eq!(Actor::parse("operator"), Actor::Operator(0));
        assert_eq!(Actor::parse("cron"), Actor::System);
    }
}
