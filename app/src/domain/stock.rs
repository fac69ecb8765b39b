//! Stock held in warehouses: the rule that picks where an order's goods come from, the kinds of
//! movement in the stock ledger, and the operator's adjustment and warehouse forms.
//!
//! Each SKU has, per warehouse, an *on hand* count (goods on the shelf) and a *reserved* count
//! (goods held for orders placed and not yet shipped). The shop sells the sum over warehouses of
//! on hand − reserved. Every change is a [`Movement`] whose deltas the ledger keeps, so on hand
//! and reserved always equal the sums of their movements.

use crate::domain::account::Region;
use crate::domain::form::{problem, Field, FieldProblem, Problem};
use serde::{Deserialize, Serialize};

/// What one warehouse can give to one order line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holding {
    pub warehouse_id: i64,
    /// The warehouse lists the delivery address's region among those it serves.
    pub serves_delivery_region: bool,
    /// On hand − reserved, in units.
    pub available: i64,
}

/// Units of one line taken from one warehouse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub warehouse_id: i64,
    pub quantity: i64,
}

/// The warehouse choice rule: where an order line of `quantity` units is reserved from.
///
/// 1. A warehouse that serves the delivery region and holds the whole line; of several, the one
///    with most available (then the lowest id).
/// 2. Else any warehouse that holds the whole line, most available first.
/// 3. Else the line is split: serving warehouses first, then most available first, until the
///    quantity is reached.
///
/// `None` when all of them together hold less than `quantity`, or `quantity` is not positive.
pub fn allocate(quantity: i64, holdings: &[Holding]) -> Option<Vec<Allocation>> {
    if quantity <= 0 {
        return None;
    }
    let mut ranked: Vec<&Holding> = holdings.iter().filter(|h| h.available > 0).collect();
    // Serving first, then most available, then the oldest warehouse: a stable, documented order.
    ranked.sort_by_key(|h| (!h.serves_delivery_region, -h.available, h.warehouse_id));
    let whole = |serving_only: bool| {
        ranked
            .iter()
            .filter(|h| !serving_only || h.serves_delivery_region)
            .filter(|h| h.available >= quantity)
            .min_by_key(|h| (-h.available, h.warehouse_id))
    };
    if let Some(h) = whole(true).or_else(|| whole(false)) {
        return Some(vec![Allocation {
            warehouse_id: h.warehouse_id,
            quantity,
        }]);
    }
    let mut left = quantity;
    let mut taken = Vec::new();
    for h in ranked {
        let take = left.min(h.available);
        taken.push(Allocation {
            warehouse_id: h.warehouse_id,
            quantity: take,
        });
        left -= take;
        if left == 0 {
            return Some(taken);
        }
    }
    None
}

/// The kinds of stock movement, as stored in `stock_movements.kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MovementKind {
    /// The balance a warehouse started the ledger with (the migration that made warehouses).
    Opening,
    /// Goods arrived (new stock, the editor's first stock of a SKU).
    Received,
    /// An operator corrected the count, with a reason.
    Adjusted,
    /// Held for an order that was placed.
    Reserved,
    /// An order was cancelled or refunded before shipping: the hold ends.
    Released,
    /// The parcel left: off the shelf and no longer held.
    Shipped,
    /// Goods came back from a shopper after shipping.
    Returned,
    /// Moved between warehouses (one movement out, one in).
    Transferred,
    /// Taken out of normal sale as a flash sale's flash stock.
    FlashHeld,
    /// A flash sale's stock back in normal sale: bought by an order (which reserves it), or
    /// left when the slot ended.
    FlashReleased,
}

impl MovementKind {
    pub const ALL: [MovementKind; 10] = [
        MovementKind::Opening,
        MovementKind::Received,
        MovementKind::Adjusted,
        MovementKind::Reserved,
        MovementKind::Released,
        MovementKind::Shipped,
        MovementKind::Returned,
        MovementKind::Transferred,
        MovementKind::FlashHeld,
        MovementKind::FlashReleased,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MovementKind::Opening => "opening",
            MovementKind::Received => "received",
            MovementKind::Adjusted => "adjusted",
            MovementKind::Reserved => "reserved",
            MovementKind::Released => "released",
            MovementKind::Shipped => "shipped",
            MovementKind::Returned => "returned",
            MovementKind::Transferred => "transferred",
            MovementKind::FlashHeld => "flash_held",
            MovementKind::FlashReleased => "flash_released",
        }
    }

    pub fn parse(value: &str) -> Option<MovementKind> {
        MovementKind::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

/// One change to a (warehouse, SKU) pair: its on-hand and reserved deltas, in units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Movement {
    pub kind: MovementKind,
    pub on_hand_delta: i64,
    pub reserved_delta: i64,
}

impl Movement {
    /// The movements an order makes, for `quantity` units of one allocation.
    pub fn for_order(kind: MovementKind, quantity: i64) -> Movement {
        let (on_hand_delta, reserved_delta) = match kind {
            MovementKind::Reserved | MovementKind::FlashHeld => (0, quantity),
            MovementKind::Released | MovementKind::FlashReleased => (0, -quantity),
            MovementKind::Shipped => (-quantity, -quantity),
            MovementKind::Returned | MovementKind::Received => (quantity, 0),
            MovementKind::Adjusted | MovementKind::Transferred | MovementKind::Opening => {
                (quantity, 0)
            }
        };
        Movement {
            kind,
            on_hand_delta,
            reserved_delta,
        }
    }

    /// How much the shop's sellable count (`skus.stock`) changes: on hand − reserved.
    pub fn sellable_delta(&self) -> i64 {
        self.on_hand_delta - self.reserved_delta
    }
}

/// A warehouse as the back office lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warehouse {
    pub id: i64,
    pub name: String,
    /// Region code where it stands.
    pub region: String,
    /// Region codes it serves first.
    pub serves: Vec<String>,
    /// `None`: the platform's own; later a supplier's user id.
    pub owner_id: Option<i64>,
}

/// One warehouse's figures for one SKU, in units.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    pub warehouse_id: i64,
    pub warehouse_name: String,
    /// Goods on the shelf.
    pub on_hand: i64,
    /// Held for orders not yet shipped.
    pub reserved: i64,
}

impl Level {
    /// What the shop can still sell from here.
    pub fn free(&self) -> i64 {
        self.on_hand - self.reserved
    }
}

/// One row of a SKU's stock ledger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    pub id: i64,
    pub warehouse_name: String,
    pub kind: MovementKind,
    pub on_hand_delta: i64,
    pub reserved_delta: i64,
    pub order_id: Option<i64>,
    /// The operator's words for an adjustment; empty for the order movements.
    pub reason: String,
    pub actor_email: Option<String>,
    /// Unix seconds.
    pub at: i64,
}

/// A SKU's low-stock threshold when neither it nor its owner has one, in units.
pub const DEFAULT_LOW_STOCK: i64 = 5;
/// The highest threshold an operator may set, in units.
pub const MAX_LOW_STOCK: i64 = 99_999;

/// Whether a change of sellable units from `before` to `after` falls to the threshold: the
/// moment the low-stock mail goes out (once per crossing, not on every sale below it).
pub fn falls_to_low(before: i64, after: i64, threshold: i64) -> bool {
    before > threshold && after <= threshold
}

/// A threshold as typed: whole units 0..=99,999; empty means "the owner's default" (`None`).
pub fn parse_threshold(typed: &str) -> Result<Option<i64>, FieldProblem> {
    let typed = crate::domain::text::fold_width(typed.trim());
    if typed.is_empty() {
        return Ok(None);
    }
    typed
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=MAX_LOW_STOCK).contains(n))
        .map(Some)
        .ok_or_else(|| problem(Field::Threshold, Problem::ThresholdInvalid))
}

/// One SKU's stock page: figures per warehouse, the newest movements, its thresholds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkuStockView {
    pub levels: Vec<Level>,
    pub ledger: Vec<LedgerEntry>,
    /// Its own low-stock threshold in units; `None`: the default applies.
    pub own_threshold: Option<i64>,
    pub default_threshold: i64,
}

/// A default threshold as typed: like [`parse_threshold`], but a default cannot be empty.
pub fn parse_default_threshold(typed: &str) -> Result<i64, FieldProblem> {
    parse_threshold(typed)?.ok_or(problem(Field::Threshold, Problem::ThresholdInvalid))
}

/// The largest single adjustment, in units (a typo guard, not a business limit).
pub const MAX_ADJUSTMENT: i64 = 999_999;

/// The stock page's "Adjust stock" form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdjustForm {
    pub warehouse: String,
    /// Signed whole units: "+20", "20" or "-3".
    pub quantity: String,
    pub reason: String,
}

/// A checked adjustment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adjustment {
    pub warehouse_id: i64,
    /// Non-zero, within ±[`MAX_ADJUSTMENT`].
    pub delta: i64,
    /// 1..=200 characters, trimmed.
    pub reason: String,
}

impl AdjustForm {
    /// Checks every field; the problems name the fields ("Warehouse", "Quantity", "Reason").
    pub fn parse(&self) -> Result<Adjustment, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let warehouse_id = self
            .warehouse
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0);
        if warehouse_id.is_none() {
            problems.push(problem(Field::Warehouse, Problem::WarehouseInvalid));
        }
        let quantity = crate::domain::text::fold_width(self.quantity.trim());
        let delta = quantity
            .strip_prefix('+')
            .unwrap_or(&quantity)
            .parse::<i64>()
            .ok()
            .filter(|d| *d != 0 && d.abs() <= MAX_ADJUSTMENT);
        if delta.is_none() {
            problems.push(problem(Field::Quantity, Problem::AdjustmentInvalid));
        }
        let reason = self.reason.trim();
        let reason_ok = !reason.is_empty()
            && reason.chars().count() <= 200
            && !reason.chars().any(char::is_control);
        if !reason_ok {
            problems.push(problem(Field::Reason, Problem::ReasonRequired));
        }
        match (warehouse_id, delta) {
            (Some(warehouse_id), Some(delta)) if problems.is_empty() => Ok(Adjustment {
                warehouse_id,
                delta,
                reason: reason.to_string(),
            }),
            _ => Err(problems),
        }
    }
}

/// The "Transfer stock" form of one SKU as typed: from one warehouse to another.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferForm {
    pub from: String,
    pub to: String,
    /// Whole units to move, above zero.
    pub quantity: String,
    pub reason: String,
}

/// A checked transfer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transfer {
    pub from_id: i64,
    /// Not `from_id`.
    pub to_id: i64,
    /// 1..=[`MAX_ADJUSTMENT`].
    pub quantity: i64,
    /// 1..=200 characters, trimmed.
    pub reason: String,
}

impl TransferForm {
    /// Checks every field; the problems name "From" (`Warehouse`), "To" (`TransferTo`),
    /// "Quantity" and "Reason".
    pub fn parse(&self) -> Result<Transfer, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let id = |text: &str| text.trim().parse::<i64>().ok().filter(|id| *id > 0);
        let from_id = id(&self.from);
        if from_id.is_none() {
            problems.push(problem(Field::Warehouse, Problem::WarehouseInvalid));
        }
        let to_id = id(&self.to).filter(|to| Some(*to) != from_id);
        if to_id.is_none() {
            problems.push(problem(Field::TransferTo, Problem::TransferToInvalid));
        }
        let quantity = crate::domain::text::fold_width(self.quantity.trim())
            .parse::<i64>()
            .ok()
            .filter(|q| (1..=MAX_ADJUSTMENT).contains(q));
        if quantity.is_none() {
            problems.push(problem(Field::Quantity, Problem::TransferQuantityInvalid));
        }
        let reason = self.reason.trim();
        if reason.is_empty() || reason.chars().count() > 200 || reason.chars().any(char::is_control)
        {
            problems.push(problem(Field::Reason, Problem::ReasonRequired));
        }
        match (from_id, to_id, quantity) {
            (Some(from_id), Some(to_id), Some(quantity)) if problems.is_empty() => Ok(Transfer {
                from_id,
                to_id,
                quantity,
                reason: reason.to_string(),
            }),
            _ => Err(problems),
        }
    }
}

/// The warehouse form: a name, where it stands and the regions it serves first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarehouseForm {
    pub name: String,
    /// A region code.
    pub region: String,
    /// Region codes.
    pub serves: Vec<String>,
}

/// A checked warehouse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidWarehouse {
    pub name: String,
    pub region: &'static str,
    /// Region codes, in the list's order, without repeats; always includes `region`.
    pub serves: Vec<&'static str>,
}

impl WarehouseForm {
    pub fn parse(&self) -> Result<ValidWarehouse, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 60 || name.chars().any(char::is_control) {
            problems.push(problem(Field::Name, Problem::NameInvalid));
        }
        let region = Region::find(self.region.trim());
        if region.is_none() {
            problems.push(problem(Field::Region, Problem::RegionInvalid));
        }
        let mut serves = Vec::new();
        for code in &self.serves {
            match Region::find(code.trim()) {
                Some(r) => serves.push(r.code),
                None => {
                    problems.push(problem(Field::Serves, Problem::RegionInvalid));
                    break;
                }
            }
        }
        let Some(region) = region.filter(|_| problems.is_empty()) else {
            return Err(problems);
        };
        serves.push(region.code);
        let order = |code: &str| {
            crate::domain::account::REGIONS
                .iter()
                .position(|r| r.code == code)
        };
        serves.sort_by_key(|c| order(c));
        serves.dedup();
        Ok(ValidWarehouse {
            name: name.to_string(),
            region: region.code,
            serves,
        })
    }
}

/// Whether a warehouse whose `serves` column is `serves` (comma-separated codes) delivers first
/// to `region`.
pub fn serves(serves: &str, region: &str) -> bool {
    serves.split(',').any(|code| code.trim() == region)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holding(id: i64, serving: bool, available: i64) -> Holding {
        Holding {
            warehouse_id: id,
            serves_delivery_region: serving,
            available,
        }
    }

    fn one(id: i64, quantity: i64) -> Option<Vec<Allocation>> {
        Some(vec![Allocation {
            warehouse_id: id,
            quantity,
        }])
    }

    #[test]
    fn a_serving_warehouse_that_holds_the_line_wins_even_with_less_stock() {
        let holdings = [holding(1, false, 100), holding(2, true, 3)];
        assert_eq!(allocate(3, &holdings), one(2, 3));
    }

    #[test]
    fn without_a_serving_warehouse_the_one_with_most_stock_is_chosen() {
        let holdings = [
            holding(1, false, 5),
            holding(2, false, 9),
            holding(3, true, 1),
        ];
        assert_eq!(allocate(4, &holdings), one(2, 4));
    }

    #[test]
    fn ties_go_to_the_oldest_warehouse() {
        let holdings = [holding(7, true, 5), holding(3, true, 5)];
        assert_eq!(allocate(2, &holdings), one(3, 2));
    }

    #[test]
    fn a_line_no_warehouse_holds_alone_is_split_serving_first() {
        let holdings = [
            holding(1, false, 4),
            holding(2, true, 2),
            holding(3, false, 3),
        ];
        assert_eq!(
            allocate(8, &holdings),
            Some(vec![
                Allocation {
                    warehouse_id: 2,
                    quantity: 2
                },
                Allocation {
                    warehouse_id: 1,
                    quantity: 4
                },
                Allocation {
                    warehouse_id: 3,
                    quantity: 2
                },
            ])
        );
    }

    #[test]
    fn too_little_or_nothing_asked_allocates_nothing() {
        let holdings = [holding(1, true, 2), holding(2, false, 1)];
        assert_eq!(allocate(4, &holdings), None);
        assert_eq!(allocate(0, &holdings), None);
        assert_eq!(allocate(1, &[]), None);
    }

    proptest::proptest! {
        /// Whatever the holdings: an allocation takes exactly the quantity, never more than a
        /// warehouse has, from each warehouse once; and it fails only when the total is short.
        #[test]
        fn allocations_are_exact_and_never_oversell(
            stock in proptest::collection::vec((proptest::bool::ANY, 0i64..20), 0..6),
            quantity in 1i64..60,
        ) {
            let holdings: Vec<Holding> = stock
                .iter()
                .enumerate()
                .map(|(i, (serving, available))| holding(i as i64 + 1, *serving, *available))
                .collect();
            let total: i64 = holdings.iter().map(|h| h.available).sum();
            match allocate(quantity, &holdings) {
                None => proptest::prop_assert!(total < quantity),
                Some(taken) => {
                    proptest::prop_assert_eq!(taken.iter().map(|a| a.quantity).sum::<i64>(), quantity);
                    let mut ids: Vec<i64> = taken.iter().map(|a| a.warehouse_id).collect();
                    ids.sort();
                    ids.dedup();
                    proptest::prop_assert_eq!(ids.len(), taken.len());
                    for a in &taken {
                        let h = holdings.iter().find(|h| h.warehouse_id == a.warehouse_id).unwrap();
                        proptest::prop_assert!(a.quantity > 0 && a.quantity <= h.available);
                    }
                    // One warehouse whenever one could hold the whole line.
                    if holdings.iter().any(|h| h.available >= quantity) {
                        proptest::prop_assert_eq!(taken.len(), 1);
                    }
                }
            }
        }
    }

    #[test]
    fn the_low_stock_mail_goes_once_per_crossing() {
        assert!(falls_to_low(6, 5, 5));
        assert!(falls_to_low(9, 0, 5));
        assert!(!falls_to_low(5, 4, 5), "already low");
        assert!(!falls_to_low(9, 6, 5));
        assert!(!falls_to_low(3, 8, 5), "restocked");
        assert_eq!(parse_threshold(""), Ok(None));
        assert_eq!(parse_threshold(" １２ "), Ok(Some(12)));
        assert_eq!(parse_threshold("0"), Ok(Some(0)));
        assert_eq!(parse_default_threshold("7"), Ok(7));
        assert_eq!(
            parse_default_threshold(" ").unwrap_err().field,
            Field::Threshold
        );
        for bad in ["-1", "1.5", "100000", "many"] {
            assert_eq!(
                parse_threshold(bad).unwrap_err().field,
                Field::Threshold,
                "{bad}"
            );
        }
    }

    #[test]
    fn order_movements_keep_sellable_stock_straight() {
        let q = 3;
        let reserve = Movement::for_order(MovementKind::Reserved, q);
        let ship = Movement::for_order(MovementKind::Shipped, q);
        let release = Movement::for_order(MovementKind::Released, q);
        let returned = Movement::for_order(MovementKind::Returned, q);
        assert_eq!(reserve.sellable_delta(), -q);
        // Shipping changes what is on the shelf, not what can be sold.
        assert_eq!(ship.sellable_delta(), 0);
        assert_eq!((ship.on_hand_delta, ship.reserved_delta), (-q, -q));
        assert_eq!(release.sellable_delta(), q);
        assert_eq!(returned.sellable_delta(), q);
        for kind in MovementKind::ALL {
            assert_eq!(MovementKind::parse(kind.as_str()), Some(kind));
        }
    }

    #[test]
    fn a_transfer_needs_two_warehouses_a_positive_quantity_and_a_reason() {
        let form = TransferForm {
            from: "1".into(),
            to: "2".into(),
            quantity: "１２".into(),
            reason: " Rebalancing ".into(),
        };
        assert_eq!(
            form.parse(),
            Ok(Transfer {
                from_id: 1,
                to_id: 2,
                quantity: 12,
                reason: "Rebalancing".into()
            })
        );
        let fields = |form: TransferForm| -> Vec<Field> {
            form.parse().unwrap_err().iter().map(|p| p.field).collect()
        };
        let same = TransferForm {
            to: "1".into(),
            ..form.clone()
        };
        assert_eq!(fields(same), vec![Field::TransferTo]);
        for quantity in ["0", "-3", "2.5", "1000000"] {
            let bad = TransferForm {
                quantity: quantity.into(),
                ..form.clone()
            };
            assert_eq!(fields(bad), vec![Field::Quantity], "{quantity}");
        }
        let empty = TransferForm::default();
        assert_eq!(
            fields(empty),
            vec![
                Field::Warehouse,
                Field::TransferTo,
                Field::Quantity,
                Field::Reason
            ]
        );
    }

    #[test]
    fn an_adjustment_needs_a_warehouse_a_signed_quantity_and_a_reason() {
        let form = |w: &str, q: &str, r: &str| AdjustForm {
            warehouse: w.into(),
            quantity: q.into(),
            reason: r.into(),
        };
        assert_eq!(
            form("2", "+20", " Delivery from the roaster ").parse(),
            Ok(Adjustment {
                warehouse_id: 2,
                delta: 20,
                reason: "Delivery from the roaster".into()
            })
        );
        assert_eq!(form("2", "－３", "盤點").parse().unwrap().delta, -3);
        let fields = |f: AdjustForm| -> Vec<Field> {
            f.parse()
                .unwrap_err()
                .into_iter()
                .map(|p| p.field)
                .collect()
        };
        assert_eq!(
            fields(form("", "0", "  ")),
            vec![Field::Warehouse, Field::Quantity, Field::Reason]
        );
        assert_eq!(fields(form("1", "1.5", "x")), vec![Field::Quantity]);
        assert_eq!(fields(form("1", "1000000", "x")), vec![Field::Quantity]);
        assert_eq!(
            fields(form("1", "2", &"x".repeat(201))),
            vec![Field::Reason]
        );
    }

    #[test]
    fn a_warehouse_serves_its_own_region_and_known_regions_only() {
        let form = WarehouseForm {
            name: " 廣州倉 ".into(),
            region: "GD".into(),
            serves: vec!["HK".into(), "GX".into(), "GX".into()],
        };
        let valid = form.parse().unwrap();
        assert_eq!(valid.name, "廣州倉");
        assert_eq!(valid.serves, vec!["GD", "GX", "HK"]);
        let bad = WarehouseForm {
            name: String::new(),
            region: "XX".into(),
            serves: vec!["YY".into()],
        };
        let fields: Vec<Field> = bad
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, vec![Field::Name, Field::Region, Field::Serves]);
        assert!(serves("SH,JS,ZJ", "JS"));
        assert!(!serves("SH,JS,ZJ", "GD"));
    }
}
