//! The back office's promotions: every 滿減 and coupon with where it stands and what it did,
//! creating them, and pausing, resuming or ending them. Every change is audited in the same
//! transaction.

use super::scope_names;
use super::{insert_coupon, insert_reduction, TierRow};
use crate::db::{audit, is_unique_violation, Db};
use crate::domain::account::MemberTier;
use crate::domain::audit::{Action, AuditActor, ObjectKind};
use crate::domain::form::{problem, Field, FieldProblem, Problem};
use crate::domain::locale::Locale;
use crate::domain::money::Money;
use crate::domain::promotion::form::{ValidCoupon, ValidReduction};
use crate::domain::promotion::report::{
    AdminCoupon, AdminReduction, PromotionReport, PromotionStatus,
};
use crate::domain::promotion::{CouponKind, Reward, Scope};

/// The report columns of a promotion of `kind` whose id is `id_column`, over paid orders.
fn report_columns(kind: &str, id_column: &str, starts_column: &str) -> String {
    let used = format!(
        "FROM order_promotions op JOIN orders o ON o.id = op.order_id \
         WHERE op.kind = '{kind}' AND op.promotion_id = {id_column} AND o.paid_at IS NOT NULL"
    );
    format!(
        "(SELECT COUNT(*) {used}) AS report_orders, \
         (SELECT CAST(COALESCE(SUM(op.amount), 0) AS BIGINT) {used}) AS report_discount, \
         (SELECT CAST(COALESCE(SUM(o.total), 0) AS BIGINT) {used}) AS report_gmv, \
         (SELECT COUNT(DISTINCT o.user_id) {used} AND o.user_id IN \
           (SELECT u.id FROM users u WHERE u.created_at >= {starts_column})) AS report_new_members"
    )
}

#[derive(sqlx::FromRow)]
struct ReportColumns {
    report_orders: i64,
    report_discount: i64,
    report_gmv: i64,
    report_new_members: i64,
}

impl ReportColumns {
    fn report(&self) -> PromotionReport {
        PromotionReport {
            orders: self.report_orders,
            discount: Money::from_fen(self.report_discount),
            gmv: Money::from_fen(self.report_gmv),
            new_members: self.report_new_members,
        }
    }
}

/// Every 滿減, the newest first, with its tiers, scope (names in `locale`) and report.
pub async fn reductions(
    db: &Db,
    locale: Locale,
    now: i64,
) -> Result<Vec<AdminReduction>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        name: String,
        scope_kind: String,
        scope_ids: String,
        include_flash: i64,
        starts_at: i64,
        ends_at: i64,
        paused: i64,
        #[sqlx(flatten)]
        report: ReportColumns,
    }
    let rows = sqlx::query_as::<_, Row>(&format!(
        "SELECT r.id, r.name, r.scope_kind, r.scope_ids, r.include_flash, r.starts_at, r.ends_at, r.paused, {} \
         FROM full_reductions r ORDER BY r.id DESC",
        report_columns("full_reduction", "r.id", "r.starts_at")
    ))
    .fetch_all(db.pool())
    .await?;
    let tiers = sqlx::query_as::<_, TierRow>(
        "SELECT reduction_id, threshold, off FROM full_reduction_tiers ORDER BY reduction_id, threshold",
    )
    .fetch_all(db.pool())
    .await?;
    let mut list = Vec::with_capacity(rows.len());
    for row in rows {
        // A scope that cannot be read covers nothing: shown as no names.
        let scope = Scope::from_columns(&row.scope_kind, &row.scope_ids);
        list.push(AdminReduction {
            id: row.id,
            tiers: TierRow::of(&tiers, row.id),
            status: PromotionStatus::at(now, row.starts_at, row.ends_at, row.paused != 0),
            name: row.name,
            scope_names: named(db, scope.as_ref(), locale).await?,
            scope: scope.unwrap_or(Scope::Products(Vec::new())),
            include_flash: row.include_flash != 0,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            report: row.report.report(),
        });
    }
    Ok(list)
}

async fn named(db: &Db, scope: Option<&Scope>, locale: Locale) -> Result<Vec<String>, sqlx::Error> {
    match scope {
        Some(scope) => scope_names(db, scope, locale).await,
        None => Ok(Vec::new()),
    }
}

/// Every coupon, the newest first, with its scope (names in `locale`), copies claimed and
/// used and its report.
pub async fn coupons(db: &Db, locale: Locale, now: i64) -> Result<Vec<AdminCoupon>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        name: String,
        scope_kind: String,
        scope_ids: String,
        include_flash: i64,
        reward: Option<String>,
        kind: String,
        off: i64,
        rate_bp: i64,
        cap: i64,
        min_spend: i64,
        min_tier: String,
        code: Option<String>,
        claim_from: i64,
        claim_until: i64,
        total_quantity: i64,
        claimed: i64,
        paused: i64,
        used: i64,
        #[sqlx(flatten)]
        report: ReportColumns,
    }
    let rows = sqlx::query_as::<_, Row>(&format!(
        "SELECT c.id, c.name, c.scope_kind, c.scope_ids, c.include_flash, c.reward, c.kind, c.off, c.rate_bp, c.cap, c.min_spend, c.min_tier, c.code, \
         c.claim_from, c.claim_until, c.total_quantity, c.claimed, c.paused, \
         (SELECT COUNT(*) FROM member_coupons m WHERE m.coupon_id = c.id \
          AND m.used_order_id IS NOT NULL) AS used, {} \
         FROM coupons c ORDER BY c.id DESC",
        report_columns("coupon", "c.id", "c.claim_from")
    ))
    .fetch_all(db.pool())
    .await?;
    let mut list = Vec::with_capacity(rows.len());
    for row in rows {
        let scope = Scope::from_columns(&row.scope_kind, &row.scope_ids);
        let scope_names = named(db, scope.as_ref(), locale).await?;
        let coupon = (|| {
            Some(AdminCoupon {
                id: row.id,
                kind: CouponKind::from_columns(
                    &row.kind,
                    Money::from_fen(row.off),
                    row.rate_bp,
                    Money::from_fen(row.cap),
                )?,
                scope: scope.clone()?,
                scope_names,
                include_flash: row.include_flash != 0,
                reward: row.reward.as_deref().and_then(Reward::parse),
                min_spend: Money::from_fen(row.min_spend),
                min_tier: MemberTier::parse(&row.min_tier)?,
                status: PromotionStatus::at(now, row.claim_from, row.claim_until, row.paused != 0),
                name: row.name,
                code: row.code,
                claim_from: row.claim_from,
                claim_until: row.claim_until,
                total_quantity: row.total_quantity,
                claimed: row.claimed,
                used: row.used,
                report: row.report.report(),
            })
        })();
        list.extend(coupon);
    }
    Ok(list)
}

/// Creates a 滿減 and audits it: its id.
pub async fn create_reduction(
    db: &Db,
    actor: &AuditActor,
    valid: &ValidReduction,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.writer().begin().await?;
    let id = insert_reduction(
        &mut tx,
        &valid.name,
        &valid.scope,
        &valid.tiers,
        valid.window,
        valid.include_flash,
    )
    .await?;
    let after = serde_json::json!({
        "kind": "full_reduction",
        "name": valid.name,
        "tiers": valid.tiers.iter().map(|t| [t.threshold.fen(), t.off.fen()]).collect::<Vec<_>>(),
        "scope": scope_columns(&valid.scope),
        "include_flash": valid.include_flash,
        "starts_at": valid.window.0,
        "ends_at": valid.window.1,
    });
    logged(
        &mut tx,
        actor,
        &format!("full_reduction/{id}"),
        Action::Create,
        &after,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A scope as the audit log records it: [kind, ids].
fn scope_columns(scope: &Scope) -> [String; 2] {
    let (kind, ids) = scope.to_columns();
    [kind.to_string(), ids]
}

/// The audit log's entry for a change to promotion `object` ("coupon/7").
pub(super) async fn logged(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    actor: &AuditActor,
    object: &str,
    action: Action,
    after: &serde_json::Value,
) -> Result<(), sqlx::Error> {
    audit::record(
        tx,
        actor,
        ObjectKind::Promotion,
        object,
        action,
        None,
        Some(after),
    )
    .await
}

#[derive(Debug, thiserror::Error)]
pub enum CouponError {
    #[error("invalid: {0:?}")]
    Invalid(FieldProblem),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Creates a coupon and audits it: its id; `Invalid(CodeTaken)` when another coupon has its
/// code.
pub async fn create_coupon(
    db: &Db,
    actor: &AuditActor,
    valid: &ValidCoupon,
) -> Result<i64, CouponError> {
    let mut tx = db.writer().begin().await?;
    let id = match insert_coupon(&mut tx, valid).await {
        Ok(id) => id,
        Err(e) if is_unique_violation(&e) => {
            return Err(CouponError::Invalid(problem(
                Field::Code,
                Problem::CodeTaken,
            )))
        }
        Err(e) => return Err(e.into()),
    };
    let (kind, off, rate_bp, cap) = valid.terms.kind.to_columns();
    let after = serde_json::json!({
        "kind": kind, "off": off.fen(), "rate_bp": rate_bp, "cap": cap.fen(),
        "name": valid.name, "min_spend": valid.terms.min_spend.fen(),
        "min_tier": valid.terms.min_tier.as_str(), "quantity": valid.total_quantity,
        "per_member": valid.per_member_limit, "code": valid.code,
        "claim_from": valid.claim_window.0, "claim_until": valid.claim_window.1,
        "scope": scope_columns(&valid.terms.scope),
        "reward": valid.reward.map(Reward::as_str),
        "include_flash": valid.terms.include_flash,
    });
    logged(
        &mut tx,
        actor,
        &format!("coupon/{id}"),
        Action::Create,
        &after,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Which promotions a change applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromotionKind {
    FullReduction,
    Coupon,
    /// Ending one also returns its flash stock left to normal sale.
    FlashSale,
}

/// What an operator does to a promotion. Ending a coupon closes its claiming; copies already
/// claimed stay usable until their own end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Pause,
    Resume,
    End,
}

/// Pauses, resumes or ends a promotion at `now`, audited. False when there is no such
/// promotion or it has ended already.
pub async fn change(
    db: &Db,
    actor: &AuditActor,
    kind: PromotionKind,
    id: i64,
    change: Change,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let (table, start_column, end_column, object) = match kind {
        PromotionKind::FullReduction => {
            ("full_reductions", "starts_at", "ends_at", "full_reduction")
        }
        PromotionKind::Coupon => ("coupons", "claim_from", "claim_until", "coupon"),
        PromotionKind::FlashSale => ("flash_sales", "starts_at", "ends_at", "flash_sale"),
    };
    // Ending one that has not started yet cancels it: its window closes now, never ending
    // before it starts.
    let set = match change {
        Change::Pause => "paused = 1".to_string(),
        Change::Resume => "paused = 0".to_string(),
        Change::End => format!(
            "{end_column} = $2, \
             {start_column} = CASE WHEN {start_column} > $2 THEN $2 ELSE {start_column} END"
        ),
    };
    let mut tx = db.writer().begin().await?;
    let done = if (kind, change) == (PromotionKind::FlashSale, Change::End) {
        super::flash_sale::end_now(&mut tx, id, now).await?
    } else {
        sqlx::query(&format!(
            "UPDATE {table} SET {set} WHERE id = $1 AND {end_column} > $2"
        ))
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1
    };
    if !done {
        return Ok(false);
    }
    let after = serde_json::json!({
        "change": match change {
            Change::Pause => "pause",
            Change::Resume => "resume",
            Change::End => "end",
        },
        "at": now,
    });
    logged(
        &mut tx,
        actor,
        &format!("{object}/{id}"),
        Action::Update,
        &after,
    )
    .await?;
    tx.commit().await?;
    if kind == PromotionKind::FlashSale {
        db.catalog_changed();
    }
    Ok(true)
}
