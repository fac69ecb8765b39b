-- Secrets the shop makes for itself on first use (e.g. the key that signs guests' order links),
-- shared by every server instance on this database.
CREATE TABLE app_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
