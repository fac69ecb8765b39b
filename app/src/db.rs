//! Storage (server only). One `Db` handle over SQLite (embedded default) or PostgreSQL,
//! chosen by the URL. Queries are written once in the SQL both understand, with `$n` parameters.

pub mod account;
pub mod audit;
pub mod cache;
pub mod cart;
pub mod catalog;
pub mod dashboard;
pub mod order;
pub mod outbox;
pub mod payment;
pub mod promotion;
pub mod rate_limit;
pub mod search;
pub mod secrets;
pub mod session_store;
pub mod sql;
pub mod staff;
pub mod stock;
pub mod supplier;
pub mod supplier_rating;
pub mod visit;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::time::Duration;

/// The delivery-address columns an address book entry and an order share, read by name; rows
/// that carry an address flatten this in (`#[sqlx(flatten)]`).
#[derive(sqlx::FromRow)]
pub(crate) struct AddressColumns {
    pub recipient: String,
    pub phone: String,
    pub region: String,
    pub city: String,
    pub detail: String,
    pub postal_code: String,
}

impl From<AddressColumns> for crate::domain::account::AddressForm {
    fn from(columns: AddressColumns) -> Self {
        crate::domain::account::AddressForm {
            recipient: columns.recipient,
            phone: columns.phone,
            region: columns.region,
            city: columns.city,
            detail: columns.detail,
            postal_code: columns.postal_code,
        }
    }
}

/// A WHERE condition that keeps the goods `scope` covers: `column` is an `owner_id` column
/// (`p.owner_id`), `all` and `owner` the numbers of the two parameters bound with
/// [`crate::domain::owner::Scope::binds`] (written once for both databases: no `IS NOT DISTINCT
/// FROM`, which SQLite lacks).
pub(crate) fn owner_filter(column: &str, all: usize, owner: usize) -> String {
    format!("(${all} = 1 OR (${owner} IS NULL AND {column} IS NULL) OR {column} = ${owner})")
}

/// Whether a statement failed on a UNIQUE constraint (an email or slug already taken).
pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.is_unique_violation())
}

/// Now, in unix seconds: how every table stores time.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL must start with sqlite: or postgres:// (got {0:?})")]
    UnsupportedUrl(String),
    #[error("could not create the database folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
}

#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    /// Where writes go: see [`Db::writer`].
    writer: AnyPool,
    backend: Backend,
    /// Secrets are made once and never change, so each is read from the database once.
    secrets: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>>,
    pub(crate) listing_cache: std::sync::Arc<ListingCache>,
    pub(crate) visits: std::sync::Arc<visit::VisitCache>,
}

/// Costly listing answers, shared by the clones of one `Db`.
#[derive(Default, Debug)]
pub struct ListingCache {
    /// Totals, and whether the total stopped at `domain::search::COUNT_CAP`.
    pub counts: cache::TtlCache<(i64, bool)>,
    pub facets: cache::TtlCache<Vec<crate::domain::catalog::Facet>>,
}

/// For SQLite: the file path inside the URL, so its folder can be created.
/// The file of a `sqlite:` URL (None for other URLs and in-memory databases).
pub fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or("");
    (!path.is_empty() && path != ":memory:").then_some(path)
}

impl Db {
    /// Connects, creating a missing SQLite file (and its folder).
    pub async fn connect(url: &str) -> Result<Db, ConnectError> {
        sqlx::any::install_default_drivers();
        let backend =
            Backend::from_url(url).ok_or_else(|| ConnectError::UnsupportedUrl(url.to_string()))?;
        let mut url = url.to_string();
        let max_connections = match backend {
            Backend::Sqlite => {
                if let Some(parent) =
                    sqlite_path(&url).and_then(|p| std::path::Path::new(p).parent())
                {
                    if !parent.as_os_str().is_empty() {
                        std::fs::create_dir_all(parent).map_err(|source| ConnectError::Folder {
                            path: parent.display().to_string(),
                            source,
                        })?;
                    }
                }
                if !url.contains("mode=") {
                    url.push_str(if url.contains('?') {
                        "&mode=rwc"
                    } else {
                        "?mode=rwc"
                    });
                }
                8
            }
            Backend::Postgres => 16,
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool_options = move |connections: u32| {
            AnyPoolOptions::new()
                .max_connections(connections)
                .acquire_timeout(Duration::from_secs(10))
                .after_connect(move |conn, _meta| {
                    Box::pin(async move {
                        if backend == Backend::Sqlite {
                            // WAL lets readers run beside the writer; NORMAL sync is safe against
                            // process crashes (see NOTES.md); foreign keys are off by default in
                            // SQLite. Memory-mapped reads and a 32 MB page cache keep large
                            // catalogs out of read() system calls.
                            conn.execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                                 PRAGMA mmap_size = 268435456; PRAGMA cache_size = -32000;",
                            )
                            .await?;
                        }
                        Ok(())
                    })
                })
        };
        let pool = pool_options(max_connections)
            .connect_with(options.clone())
            .await?;
        // SQLite takes one writer at a time. Writers that meet a held lock sleep in SQLite's busy
        // handler (1 ms, 2 ms, 5 ms … per retry), which under 32 buyers cost more than the writes
        // themselves; one writer connection makes them queue in our process instead.
        let writer = match backend {
            Backend::Sqlite => pool_options(1).connect_with(options).await?,
            Backend::Postgres => pool.clone(),
        };
        Ok(Db {
            pool,
            writer,
            backend,
            secrets: Default::default(),
            listing_cache: Default::default(),
            visits: Default::default(),
        })
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("../migrations/sqlite").run(&self.pool).await,
            Backend::Postgres => {
                sqlx::migrate!("../migrations/postgres")
                    .run(&self.pool)
                    .await
            }
        }
    }

    /// For reads. On SQLite several connections read beside the one writer (WAL).
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// For every write and every transaction that writes. On SQLite this is a single connection,
    /// so writers wait their turn in a queue rather than in SQLite's sleeping busy handler; never
    /// hold a writer transaction while asking the writer for something else (it would wait for
    /// itself until the acquire timeout). On PostgreSQL it is the same pool as [`Db::pool`].
    pub fn writer(&self) -> &AnyPool {
        &self.writer
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    fn cached_secret(&self, name: &str) -> Option<Vec<u8>> {
        self.secrets.lock().ok()?.get(name).cloned()
    }

    fn cache_secret(&self, name: &str, value: &[u8]) {
        if let Ok(mut secrets) = self.secrets.lock() {
            secrets.insert(name.to_string(), value.to_vec());
        }
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
    }

    /// Forgets cached listing answers; call after changing the catalog.
    pub fn catalog_changed(&self) {
        self.listing_cache.counts.clear();
        self.listing_cache.facets.clear();
    }

    pub async fn close(&self) {
        self.pool.close().await;
        self.writer.close().await;
    }
}
