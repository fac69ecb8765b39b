//! Warehouses: the list, adding and changing one (audited), and the default one new stock goes to.

use super::*;

/// The warehouses `scope` covers, oldest first.
pub async fn warehouses(db: &Db, scope: Scope) -> Result<Vec<Warehouse>, sqlx::Error> {
    let (all, owner) = scope.binds();
    let rows: Vec<WarehouseRow> = sqlx::query_as(&format!(
        "SELECT id, name, region, serves, owner_id FROM warehouses WHERE {} ORDER BY id",
        crate::db::owner_filter("owner_id", 1, 2)
    ))
    .bind(all)
    .bind(owner)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(WarehouseRow::into_warehouse).collect())
}

#[derive(sqlx::FromRow)]
struct WarehouseRow {
    id: i64,
    name: String,
    region: String,
    serves: String,
    owner_id: Option<i64>,
}

impl WarehouseRow {
    fn into_warehouse(self) -> Warehouse {
        Warehouse {
            id: self.id,
            name: self.name,
            region: self.region,
            serves: self.serves.split(',').map(str::to_string).collect(),
            owner_id: self.owner_id,
        }
    }
}

/// Creates a warehouse owned as `scope` creates (`id` None) or changes one `scope` covers (else
/// `NotFound`). Returns its id.
pub async fn save_warehouse(
    db: &Db,
    scope: Scope,
    actor: &AuditActor,
    id: Option<i64>,
    warehouse: &ValidWarehouse,
) -> Result<i64, StockError> {
    let mut tx = db.writer().begin().await?;
    let serves = warehouse.serves.join(",");
    let before: Option<Warehouse> = match id {
        Some(id) => Some(
            sqlx::query_as::<_, WarehouseRow>(
                "SELECT id, name, region, serves, owner_id FROM warehouses WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .filter(|w| scope.covers(Owner::from_column(w.owner_id)))
            .ok_or(StockError::NotFound)?
            .into_warehouse(),
        ),
        None => None,
    };
    let written = match id {
        Some(id) => sqlx::query_scalar(
            "UPDATE warehouses SET name = $1, region = $2, serves = $3 WHERE id = $4 RETURNING id",
        )
        .bind(&warehouse.name)
        .bind(warehouse.region)
        .bind(&serves)
        .bind(id)
        .fetch_one(&mut *tx)
        .await,
        None => {
            sqlx::query_scalar(
                "INSERT INTO warehouses (name, region, serves, owner_id, created_at) \
             VALUES ($1, $2, $3, $5, $4) RETURNING id",
            )
            .bind(&warehouse.name)
            .bind(warehouse.region)
            .bind(&serves)
            .bind(unix_now())
            .bind(scope.creates_as().column())
            .fetch_one(&mut *tx)
            .await
        }
    };
    let id: i64 = match written {
        Ok(id) => id,
        Err(e) if crate::db::is_unique_violation(&e) => {
            return Err(StockError::Invalid(problem(
                Field::Name,
                Problem::WarehouseNameTaken,
            )))
        }
        Err(e) => return Err(e.into()),
    };
    let json = |w: &Warehouse| serde_json::to_value(w).expect("plain fields");
    let after = Warehouse {
        id,
        name: warehouse.name.clone(),
        region: warehouse.region.to_string(),
        serves: warehouse.serves.iter().map(|c| c.to_string()).collect(),
        owner_id: before
            .as_ref()
            .map_or(scope.creates_as().column(), |b| b.owner_id),
    };
    audit::record(
        &mut tx,
        actor,
        ObjectKind::Warehouse,
        &id.to_string(),
        if before.is_some() {
            Action::Update
        } else {
            Action::Create
        },
        before.as_ref().map(json).as_ref(),
        Some(&json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The warehouse new stock of `owner`'s goods goes to when none is named: the owner's oldest,
/// made (Shanghai) when it has none yet. Each owner's stock stays in its own warehouses.
pub(super) async fn default_warehouse(
    conn: &mut AnyConnection,
    owner: Owner,
) -> Result<i64, sqlx::Error> {
    let found: Option<i64> = match owner.column() {
        None => {
            sqlx::query_scalar("SELECT MIN(id) FROM warehouses WHERE owner_id IS NULL")
                .fetch_one(&mut *conn)
                .await?
        }
        Some(id) => {
            sqlx::query_scalar("SELECT MIN(id) FROM warehouses WHERE owner_id = $1")
                .bind(id)
                .fetch_one(&mut *conn)
                .await?
        }
    };
    if let Some(id) = found {
        return Ok(id);
    }
    // Names are unique across owners: a supplier's first one carries its id.
    let name = match owner.column() {
        None => "Main warehouse".to_string(),
        Some(id) => format!("Warehouse of supplier {id}"),
    };
    sqlx::query_scalar(
        "INSERT INTO warehouses (name, region, serves, owner_id, created_at) \
         VALUES ($1, 'SH', 'SH,JS,ZJ,AH', $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(owner.column())
    .bind(unix_now())
    .fetch_one(conn)
    .await
}
