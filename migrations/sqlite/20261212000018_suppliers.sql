-- Suppliers: applications to sell on Jishi, and the suppliers operators approved. A supplier is
-- a user: its id is the owner_id of its goods and warehouses (domain::owner).
CREATE TABLE supplier_applications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    company TEXT NOT NULL,
    contact TEXT NOT NULL,
    phone TEXT NOT NULL,
    licence_number TEXT NOT NULL,
    -- The licence photo re-encoded as JPEG (metadata dropped), in base64. Private: shown only to the
    -- applicant and to operators holding the suppliers permission, never under /media.
    licence_jpeg_base64 TEXT NOT NULL,
    -- Top-level category ids, comma-separated.
    categories TEXT NOT NULL,
    -- Region code of the first warehouse.
    region TEXT NOT NULL,
    -- pending, approved, rejected
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    decided_at INTEGER,
    decided_by INTEGER REFERENCES users(id)
);
CREATE INDEX supplier_applications_user ON supplier_applications (user_id, id);
-- At most one application per user waits for review.
CREATE UNIQUE INDEX supplier_applications_pending ON supplier_applications (user_id)
    WHERE status = 'pending';

CREATE TABLE suppliers (
    user_id INTEGER PRIMARY KEY REFERENCES users(id),
    company TEXT NOT NULL,
    -- active, suspended
    status TEXT NOT NULL,
    application_id INTEGER REFERENCES supplier_applications(id),
    approved_at INTEGER NOT NULL
);
