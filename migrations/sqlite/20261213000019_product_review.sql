-- Listing through review: a supplier's product goes live only once an operator approves what it
-- submitted. A submission keeps the editor's form as sent and the product's state before and
-- after it (the fields the review page compares); an edit of a live product waits here while the
-- approved version stays in the shop.
CREATE TABLE product_submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    owner_id INTEGER NOT NULL,
    -- The product's version the supplier edited; approval is refused once it moved on.
    base_version INTEGER NOT NULL,
    form_json TEXT NOT NULL,
    -- The product's state (as product_revisions keeps it) when it was submitted, and as it would be.
    before_json TEXT,
    after_json TEXT NOT NULL,
    -- pending, approved, rejected, withdrawn (a newer submission of the same product replaced it)
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    submitted_by INTEGER NOT NULL,
    submitted_at INTEGER NOT NULL,
    decided_by INTEGER,
    decided_at INTEGER
);
CREATE INDEX product_submissions_product ON product_submissions (product_id, id);
CREATE INDEX product_submissions_status ON product_submissions (status, submitted_at);
-- One submission per product waits at a time.
CREATE UNIQUE INDEX product_submissions_pending ON product_submissions (product_id)
    WHERE status = 'pending';

-- A user is a supplier or waits to become one at most once, even when two requests race.
DROP INDEX supplier_applications_pending;
CREATE UNIQUE INDEX supplier_applications_pending ON supplier_applications (user_id)
    WHERE status IN ('pending', 'approved');
