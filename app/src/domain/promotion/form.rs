//! The back office's promotion forms as typed, and what they become once valid: a 滿減 with its
//! tiers and window, a coupon with its terms, quantity and claim window. Every problem of a form
//! is reported at once.

use super::{CouponKind, CouponTerms, Scope, Tier, Validity};
use crate::domain::account::MemberTier;
use crate::domain::form::{problem, Field, FieldProblem, Problem};
use crate::domain::money::Money;
use crate::domain::time::parse_shop_time;
use serde::{Deserialize, Serialize};

/// A 滿減 as typed: tiers one per line or comma-separated as "threshold:off" in yuan
/// ("299:30, 599:80"); start and end in shop time ("2026-12-01T09:00").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReductionForm {
    pub name: String,
    pub tiers: String,
    pub starts: String,
    pub ends: String,
    /// Which goods: "all" (or empty), "categories", "products" or "supplier".
    #[serde(default)]
    pub scope: String,
    /// The keys naming them, comma-separated (see [`ScopeChoice::parse`]).
    #[serde(default)]
    pub scope_keys: String,
    /// Non-empty ("on", a ticked checkbox) when flash-sale lines count towards the tiers and
    /// share the reduction.
    #[serde(default)]
    pub include_flash: String,
}

/// Which goods an offer covers, as typed, before the keys are looked up: category addresses
/// or names, product addresses or SKU codes, a supplier's sign-in email or company name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScopeChoice {
    All,
    Categories(Vec<String>),
    Products(Vec<String>),
    Supplier(String),
}

impl ScopeChoice {
    /// Reads the scope fields: `kind` "all" or empty, "categories", "products" or "supplier";
    /// `keys` separated by commas (also "，", "、", ";" or new lines), 1..=50 of them of at most
    /// 100 characters each, exactly one for a supplier; keys typed with "all" are ignored.
    /// `ScopeInvalid` at the field `Scope` otherwise.
    pub fn parse(kind: &str, keys: &str) -> Result<ScopeChoice, FieldProblem> {
        let bad = || problem(Field::Scope, Problem::ScopeInvalid);
        let mut list: Vec<String> = Vec::new();
        for key in keys
            .split([',', '，', '、', ';', '\n'])
            .map(str::trim)
            .filter(|k| !k.is_empty())
        {
            if key.chars().count() > 100 || key.chars().any(char::is_control) {
                return Err(bad());
            }
            if !list.iter().any(|k| k == key) {
                list.push(key.to_string());
            }
        }
        let some = !list.is_empty() && list.len() <= 50;
        match kind.trim() {
            "" | "all" => Ok(ScopeChoice::All),
            "categories" if some => Ok(ScopeChoice::Categories(list)),
            "products" if some => Ok(ScopeChoice::Products(list)),
            "supplier" if list.len() == 1 => Ok(ScopeChoice::Supplier(list.remove(0))),
            _ => Err(bad()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidReduction {
    pub name: String,
    pub scope: Scope,
    /// Lowest threshold first.
    pub tiers: Vec<Tier>,
    /// (starts, ends) in Unix seconds.
    pub window: (i64, i64),
    /// Whether flash-sale lines count towards the tiers and share the reduction.
    pub include_flash: bool,
}

/// A coupon as typed: `kind` is "amount_off", "percent_off" or "free_shipping"; amounts in yuan,
/// `rate` a percentage (10 = 10 % off); `code` empty for a coupon claimed in the coupon centre.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CouponForm {
    pub name: String,
    pub kind: String,
    pub amount: String,
    pub rate: String,
    pub cap: String,
    pub min_spend: String,
    pub min_tier: String,
    pub quantity: String,
    pub per_member: String,
    pub valid_days: String,
    pub claim_from: String,
    pub claim_until: String,
    pub code: String,
    /// "welcome", "birthday", "level_up" or "segment" for a coupon given; empty for a coupon
    /// claimed.
    pub reward: String,
    /// Which goods: as [`ReductionForm::scope`].
    pub scope: String,
    pub scope_keys: String,
    /// As [`ReductionForm::include_flash`], for the coupon.
    pub include_flash: String,
    /// A fixed end of use in shop time ("2026-12-31T23:59"): copies are usable from the claim
    /// window's start until then. Empty: each copy lasts `valid_days` from its claiming.
    pub valid_until: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidCoupon {
    pub name: String,
    pub terms: CouponTerms,
    pub validity: Validity,
    pub claim_window: (i64, i64),
    pub total_quantity: i64,
    pub per_member_limit: i64,
    /// Upper case; None: claimed in the coupon centre (or given, with a reward).
    pub code: Option<String>,
    /// Given without claiming (not shown in the coupon centre).
    pub reward: Option<super::Reward>,
}

pub(super) fn name(value: &str) -> Result<String, FieldProblem> {
    let value = value.trim();
    let count = value.chars().count();
    if (1..=60).contains(&count) && !value.chars().any(char::is_control) {
        Ok(value.to_string())
    } else {
        Err(problem(Field::Name, Problem::NameInvalid))
    }
}

/// A window of shop times, the end after the start.
fn window(starts: &str, ends: &str, field: Field) -> Result<(i64, i64), FieldProblem> {
    match (parse_shop_time(starts), parse_shop_time(ends)) {
        (Some(from), Some(until)) if until > from => Ok((from, until)),
        _ => Err(problem(field, Problem::PromotionWindowInvalid)),
    }
}

/// Yuan above zero, at most ¥1,000,000.
fn yuan(value: &str, field: Field) -> Result<Money, FieldProblem> {
    match Money::parse_yuan(value) {
        Ok(money) if money > Money::ZERO && money <= Money::from_yuan(1_000_000) => Ok(money),
        _ => Err(problem(field, Problem::PriceInvalid)),
    }
}

/// Yuan from zero (an empty field is zero), at most ¥1,000,000.
fn yuan_or_zero(value: &str, field: Field) -> Result<Money, FieldProblem> {
    if value.trim().is_empty() {
        return Ok(Money::ZERO);
    }
    match Money::parse_yuan(value) {
        Ok(money) if money <= Money::from_yuan(1_000_000) => Ok(money),
        _ => Err(problem(field, Problem::PriceInvalid)),
    }
}

fn whole(
    value: &str,
    range: std::ops::RangeInclusive<i64>,
    field: Field,
    p: Problem,
) -> Result<i64, FieldProblem> {
    value
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or(problem(field, p))
}

impl ReductionForm {
    /// The 滿減, or every problem: a name of 1..=60 characters; 1..=5 tiers, each threshold
    /// above its reduction, thresholds all different, a higher threshold never saving less; a
    /// window whose end follows its start. `scope` is the scope fields once looked up (see
    /// [`ScopeChoice`]), or their problem.
    pub fn parse(
        &self,
        scope: Result<Scope, FieldProblem>,
    ) -> Result<ValidReduction, Vec<FieldProblem>> {
        let name = name(&self.name);
        let tiers = parse_tiers(&self.tiers);
        let window = window(&self.starts, &self.ends, Field::PromotionWindow);
        match (name, tiers, window, scope) {
            (Ok(name), Ok(tiers), Ok(window), Ok(scope)) => Ok(ValidReduction {
                name,
                scope,
                tiers,
                window,
                include_flash: !self.include_flash.trim().is_empty(),
            }),
            (name, tiers, window, scope) => {
                Err([name.err(), tiers.err(), window.err(), scope.err()]
                    .into_iter()
                    .flatten()
                    .collect())
            }
        }
    }
}

fn parse_tiers(text: &str) -> Result<Vec<Tier>, FieldProblem> {
    let bad = || problem(Field::Tiers, Problem::TiersInvalid);
    let mut tiers: Vec<Tier> = text
        .split([',', '\n', '，', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|pair| {
            let (threshold, off) = pair.split_once([':', '：', '/'])?;
            let threshold = Money::parse_yuan(threshold).ok()?;
            let off = Money::parse_yuan(off).ok()?;
            (off > Money::ZERO && threshold > off).then_some(Tier { threshold, off })
        })
        .collect::<Option<_>>()
        .ok_or_else(bad)?;
    tiers.sort_by_key(|t| t.threshold);
    let increasing = tiers
        .windows(2)
        .all(|pair| pair[0].threshold < pair[1].threshold && pair[0].off <= pair[1].off);
    if tiers.is_empty() || tiers.len() > 5 || !increasing {
        return Err(bad());
    }
    Ok(tiers)
}

/// Keeps a field's value, or its problem beside the others.
fn ok<T>(problems: &mut Vec<FieldProblem>, result: Result<T, FieldProblem>) -> Option<T> {
    result.map_err(|p| problems.push(p)).ok()
}

impl CouponForm {
    /// The coupon, or every problem: amounts in yuan (the amount off below the minimum spend
    /// when there is one), a rate of 1–90 %, 1..=1,000,000 copies, 1..=100 per member, 1..=365
    /// days of validity, a claim window, a code of 4..=20 letters and digits or none. `scope`
    /// is the scope fields once looked up (see [`ScopeChoice`]), or their problem.
    pub fn parse(
        &self,
        scope: Result<Scope, FieldProblem>,
    ) -> Result<ValidCoupon, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let p = &mut problems;
        let name = ok(p, name(&self.name));
        let scope = ok(p, scope);
        let min_spend = ok(p, yuan_or_zero(&self.min_spend, Field::MinSpend));
        let kind = match self.kind.as_str() {
            "amount_off" => {
                let off = yuan(&self.amount, Field::Amount).and_then(|off| match min_spend {
                    Some(min) if min > Money::ZERO && off >= min => {
                        Err(problem(Field::Amount, Problem::PriceInvalid))
                    }
                    _ => Ok(off),
                });
                ok(p, off).map(|off| CouponKind::AmountOff { off })
            }
            "percent_off" => {
                let rate = ok(
                    p,
                    whole(&self.rate, 1..=90, Field::Rate, Problem::RateInvalid),
                );
                let cap = ok(p, yuan(&self.cap, Field::Cap));
                rate.zip(cap).map(|(rate, cap)| CouponKind::PercentOff {
                    rate_bp: rate * 100,
                    cap,
                })
            }
            "free_shipping" => Some(CouponKind::FreeShipping),
            _ => ok(p, Err(problem(Field::Kind, Problem::KindInvalid))),
        };
        let tier = if self.min_tier.is_empty() {
            "bronze"
        } else {
            self.min_tier.as_str()
        };
        let min_tier = ok(
            p,
            MemberTier::parse(tier).ok_or(problem(Field::Kind, Problem::KindInvalid)),
        );
        let count = |value: &str, range, field| whole(value, range, field, Problem::CountInvalid);
        let quantity = ok(p, count(&self.quantity, 1..=1_000_000, Field::Quantity));
        let per_member = ok(p, count(&self.per_member, 1..=100, Field::PerMember));
        let claim = ok(
            p,
            window(&self.claim_from, &self.claim_until, Field::PromotionWindow),
        );
        let validity = if self.valid_until.trim().is_empty() {
            ok(p, count(&self.valid_days, 1..=365, Field::ValidDays)).map(Validity::DaysAfterClaim)
        } else {
            // Usable from the first claim until a moment after claiming opens.
            let until = parse_shop_time(&self.valid_until);
            match (claim, until) {
                (Some((from, _)), Some(until)) if until > from => {
                    Some(Validity::Window { from, until })
                }
                (None, _) => None,
                _ => ok(
                    p,
                    Err(problem(Field::ValidDays, Problem::PromotionWindowInvalid)),
                ),
            }
        };
        let code: String = self
            .code
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect();
        let code = if code.is_empty() {
            Some(None)
        } else if (4..=20).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphanumeric())
        {
            Some(Some(code))
        } else {
            ok(p, Err(problem(Field::Code, Problem::CodeInvalid)))
        };
        let reward = if self.reward.is_empty() {
            Some(None)
        } else {
            ok(
                p,
                super::Reward::parse(&self.reward)
                    .map(Some)
                    .ok_or(problem(Field::Kind, Problem::KindInvalid)),
            )
        };
        match (
            name, min_spend, kind, min_tier, quantity, per_member, validity, claim, code, reward,
            scope,
        ) {
            (
                Some(name),
                Some(min_spend),
                Some(kind),
                Some(min_tier),
                Some(total_quantity),
                Some(per_member_limit),
                Some(validity),
                Some(claim_window),
                Some(code),
                Some(reward),
                Some(scope),
            ) => Ok(ValidCoupon {
                name,
                terms: CouponTerms {
                    kind,
                    min_spend,
                    scope,
                    include_flash: !self.include_flash.trim().is_empty(),
                    min_tier,
                },
                validity,
                claim_window,
                total_quantity,
                per_member_limit,
                code,
                reward,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduction(tiers: &str) -> ReductionForm {
        ReductionForm {
            name: "Winter 滿減".into(),
            tiers: tiers.into(),
            starts: "2026-12-01T09:00".into(),
            ends: "2026-12-31T23:59".into(),
            ..ReductionForm::default()
        }
    }

    #[test]
    fn tiers_are_read_in_any_order_and_must_make_sense() {
        let valid = reduction("599:80, 299：30").parse(Ok(Scope::All)).unwrap();
        assert_eq!(
            valid.tiers,
            vec![
                Tier {
                    threshold: Money::from_yuan(299),
                    off: Money::from_yuan(30)
                },
                Tier {
                    threshold: Money::from_yuan(599),
                    off: Money::from_yuan(80)
                }
            ]
        );
        assert!(valid.window.1 > valid.window.0);
        for bad in [
            "",
            "299",
            "30:299",
            "299:30, 599:20",
            "299:30, 299:40",
            "a:b",
        ] {
            assert_eq!(
                reduction(bad).parse(Ok(Scope::All)),
                Err(vec![problem(Field::Tiers, Problem::TiersInvalid)]),
                "{bad}"
            );
        }
        let backwards = ReductionForm {
            ends: "2026-11-30T09:00".into(),
            name: "".into(),
            ..reduction("299:30")
        };
        assert_eq!(
            backwards.parse(Ok(Scope::All)),
            Err(vec![
                problem(Field::Name, Problem::NameInvalid),
                problem(Field::PromotionWindow, Problem::PromotionWindowInvalid)
            ])
        );
    }

    fn coupon() -> CouponForm {
        CouponForm {
            name: "¥20 off".into(),
            kind: "amount_off".into(),
            amount: "20".into(),
            min_spend: "200".into(),
            quantity: "1000".into(),
            per_member: "1".into(),
            valid_days: "30".into(),
            claim_from: "2026-12-01T00:00".into(),
            claim_until: "2026-12-31T00:00".into(),
            code: " welcome 10 ".into(),
            ..CouponForm::default()
        }
    }

    #[test]
    fn coupons_are_read_with_every_problem_named() {
        let valid = coupon().parse(Ok(Scope::All)).unwrap();
        assert_eq!(
            valid.terms.kind,
            CouponKind::AmountOff {
                off: Money::from_yuan(20)
            }
        );
        assert_eq!(valid.code.as_deref(), Some("WELCOME10"));
        assert_eq!(valid.validity, Validity::DaysAfterClaim(30));
        assert_eq!(valid.terms.min_tier, MemberTier::Bronze);
        let percent = CouponForm {
            kind: "percent_off".into(),
            rate: "10".into(),
            cap: "50".into(),
            min_tier: "silver".into(),
            code: String::new(),
            ..coupon()
        }
        .parse(Ok(Scope::All))
        .unwrap();
        assert_eq!(
            percent.terms.kind,
            CouponKind::PercentOff {
                rate_bp: 1_000,
                cap: Money::from_yuan(50)
            }
        );
        assert_eq!(percent.code, None);
        let bad = CouponForm {
            amount: "250".into(),
            quantity: "0".into(),
            valid_days: "400".into(),
            code: "ab".into(),
            ..coupon()
        };
        assert_eq!(
            bad.parse(Ok(Scope::All)),
            Err(vec![
                problem(Field::Amount, Problem::PriceInvalid),
                problem(Field::Quantity, Problem::CountInvalid),
                problem(Field::ValidDays, Problem::CountInvalid),
                problem(Field::Code, Problem::CodeInvalid),
            ])
        );
        let bad_rate = CouponForm {
            kind: "percent_off".into(),
            rate: "95".into(),
            cap: "50".into(),
            ..coupon()
        };
        assert_eq!(
            bad_rate.parse(Ok(Scope::All)),
            Err(vec![problem(Field::Rate, Problem::RateInvalid)])
        );
    }

    #[test]
    fn a_coupon_may_end_on_a_fixed_date_and_cover_flash_lines() {
        let fixed = CouponForm {
            valid_until: "2027-01-31T23:59".into(),
            valid_days: "".into(),
            include_flash: "on".into(),
            ..coupon()
        }
        .parse(Ok(Scope::All))
        .unwrap();
        assert_eq!(
            fixed.validity,
            Validity::Window {
                from: fixed.claim_window.0,
                until: parse_shop_time("2027-01-31T23:59").unwrap()
            }
        );
        assert!(fixed.terms.include_flash);
        assert!(!coupon().parse(Ok(Scope::All)).unwrap().terms.include_flash);
        let before_claiming = CouponForm {
            valid_until: "2026-11-30T00:00".into(),
            ..coupon()
        };
        assert_eq!(
            before_claiming.parse(Ok(Scope::All)),
            Err(vec![problem(
                Field::ValidDays,
                Problem::PromotionWindowInvalid
            )])
        );
        let flash = ReductionForm {
            include_flash: "on".into(),
            ..reduction("299:30")
        };
        assert!(flash.parse(Ok(Scope::All)).unwrap().include_flash);
        assert!(
            !reduction("299:30")
                .parse(Ok(Scope::All))
                .unwrap()
                .include_flash
        );
    }

    #[test]
    fn scopes_are_read_from_their_kind_and_keys() {
        assert_eq!(ScopeChoice::parse("", ""), Ok(ScopeChoice::All));
        assert_eq!(ScopeChoice::parse("all", "tea"), Ok(ScopeChoice::All));
        assert_eq!(
            ScopeChoice::parse("categories", " tea，digital、tea\n"),
            Ok(ScopeChoice::Categories(vec![
                "tea".into(),
                "digital".into()
            ]))
        );
        assert_eq!(
            ScopeChoice::parse("products", "DIG-0000137-K"),
            Ok(ScopeChoice::Products(vec!["DIG-0000137-K".into()]))
        );
        assert_eq!(
            ScopeChoice::parse("supplier", " tea@example.com "),
            Ok(ScopeChoice::Supplier("tea@example.com".into()))
        );
        let bad = Err(problem(Field::Scope, Problem::ScopeInvalid));
        assert_eq!(ScopeChoice::parse("categories", " , "), bad);
        assert_eq!(ScopeChoice::parse("supplier", "a, b"), bad);
        assert_eq!(ScopeChoice::parse("brands", "a"), bad);
        assert_eq!(ScopeChoice::parse("products", &"x".repeat(101)), bad);
        let many = (0..51).map(|n| n.to_string()).collect::<Vec<_>>().join(",");
        assert_eq!(ScopeChoice::parse("products", &many), bad);
    }

    #[test]
    fn a_scope_problem_is_reported_with_the_others() {
        let scope_problem = problem(Field::Scope, Problem::ScopeUnknown);
        assert_eq!(
            reduction("").parse(Err(scope_problem)),
            Err(vec![
                problem(Field::Tiers, Problem::TiersInvalid),
                scope_problem
            ])
        );
        let coupon = CouponForm {
            quantity: "0".into(),
            ..coupon()
        };
        assert_eq!(
            coupon.parse(Err(scope_problem)),
            Err(vec![
                scope_problem,
                problem(Field::Quantity, Problem::CountInvalid)
            ])
        );
        let scoped = reduction("299:30")
            .parse(Ok(Scope::Categories(vec![4])))
            .unwrap();
        assert_eq!(scoped.scope, Scope::Categories(vec![4]));
    }
}
