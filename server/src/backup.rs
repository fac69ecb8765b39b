//! `server backup PATH` and `server restore PATH`: a consistent copy of the whole database taken
//! while the shop runs, and putting it back into an empty database.
//!
//! SQLite: `VACUUM INTO` (SQLite 3.27+) writes a transactionally consistent copy, readers and
//! the writer going on meanwhile; restoring copies that file into place. PostgreSQL: the
//! standard tools, `pg_dump --format=custom` (a consistent snapshot of one transaction) and
//! `pg_restore --no-owner --exit-on-error` into an empty database; both must be on PATH.

use anyhow::{bail, Context};
use app::db::{sqlite_path, Backend, Db};
use std::path::Path;

/// Writes a consistent copy of the database at `database_url` to `path` (which must not exist).
pub async fn backup(db: &Db, database_url: &str, path: &Path) -> anyhow::Result<()> {
    if path.exists() {
        bail!(
            "{} exists already; a backup never overwrites a file",
            path.display()
        );
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    match db.backend() {
        Backend::Sqlite => {
            let target = path.to_str().context("the backup path is not UTF-8")?;
            sqlx::query("VACUUM INTO $1")
                .bind(target)
                .execute(db.pool())
                .await
                .context("VACUUM INTO")?;
            // Today's visit salt stays out of backups (it would let a copy's visitor keys be
            // traced back to addresses): deleted from the copy, whose free pages are then
            // dropped.
            let copy = Db::connect(&format!("sqlite://{target}"))
                .await
                .context("opening the backup to clear visit salts")?;
            sqlx::query("DELETE FROM visit_salts")
                .execute(copy.writer())
                .await
                .context("clearing visit salts in the backup")?;
            sqlx::query("VACUUM")
                .execute(copy.writer())
                .await
                .context("compacting the backup")?;
            copy.close().await;
        }
        Backend::Postgres => {
            let mut command = std::process::Command::new("pg_dump");
            command
                .arg("--format=custom")
                .arg("--no-owner")
                // Today's visit salt stays out of backups (see `app::flow::visit`).
                .arg("--exclude-table-data=visit_salts")
                .arg("--file")
                .arg(path)
                .arg(database_url);
            let status = run(command)
                .await
                .context("running pg_dump (is it installed and on PATH?)")?;
            if !status.success() {
                bail!("pg_dump failed ({status})");
            }
        }
    }
    Ok(())
}

/// Restores the backup at `path` into the empty database at `database_url`. Refused when that
/// database already holds users, products or orders (nothing is overwritten).
pub async fn restore(database_url: &str, path: &Path) -> anyhow::Result<()> {
    if !path.is_file() {
        bail!("no backup at {}", path.display());
    }
    match Backend::from_url(database_url) {
        Some(Backend::Sqlite) => {
            let target = sqlite_path(database_url).context("a SQLite URL names a file")?;
            let target = Path::new(target);
            if target.exists() && !is_empty(database_url).await? {
                bail!(
                    "{} holds data already; restore into an empty database",
                    target.display()
                );
            }
            for suffix in ["", "-wal", "-shm"] {
                let file = format!("{}{suffix}", target.display());
                let _ = std::fs::remove_file(file);
            }
            if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::copy(path, target).context("copying the backup into place")?;
        }
        Some(Backend::Postgres) => {
            if !is_empty(database_url).await? {
                bail!("the database holds data already; restore into an empty database");
            }
            // A database that was only migrated has empty tables: drop them first, so the
            // dump's own definitions and data go in whole.
            let db = Db::connect(database_url).await?;
            sqlx::query("DROP SCHEMA public CASCADE")
                .execute(db.pool())
                .await?;
            sqlx::query("CREATE SCHEMA public")
                .execute(db.pool())
                .await?;
            db.close().await;
            let mut command = std::process::Command::new("pg_restore");
            command
                .arg("--no-owner")
                .arg("--exit-on-error")
                .arg("--dbname")
                .arg(database_url)
                .arg(path);
            let status = run(command)
                .await
                .context("running pg_restore (is it installed and on PATH?)")?;
            if !status.success() {
                bail!("pg_restore failed ({status})");
            }
        }
        None => bail!("DATABASE_URL is neither sqlite: nor postgres://"),
    }
    Ok(())
}

/// Runs a tool to its end on a blocking thread.
async fn run(mut command: std::process::Command) -> anyhow::Result<std::process::ExitStatus> {
    Ok(tokio::task::spawn_blocking(move || command.status()).await??)
}

/// True when the database has no users, products or orders (missing tables count as empty).
async fn is_empty(database_url: &str) -> anyhow::Result<bool> {
    let db = Db::connect(database_url).await?;
    let mut empty = true;
    for table in ["users", "products", "orders"] {
        let rows: Result<i64, _> = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(db.pool())
            .await;
        if rows.is_ok_and(|n| n > 0) {
            empty = false;
        }
    }
    db.close().await;
    Ok(empty)
}
