-- Product editing: a version per product (an edit over a newer version is a conflict), every
-- saved state kept as a revision, and the platform-wide sequence of SKU codes.

ALTER TABLE products ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE products ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;

-- Every saved state of a product (JSON of its fields, axes and SKUs), newest version last.
CREATE TABLE product_revisions (
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    status TEXT NOT NULL,
    state_json TEXT NOT NULL,
    actor_id INTEGER NOT NULL,
    actor_email TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (product_id, version)
);

-- The next number of each code sequence; a number handed out is never handed out again, even
-- when its SKU is deleted.
CREATE TABLE code_sequences (
    name TEXT PRIMARY KEY,
    next_value INTEGER NOT NULL
);
INSERT INTO code_sequences (name, next_value) VALUES ('sku', 1);
