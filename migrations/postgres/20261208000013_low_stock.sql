-- Low-stock thresholds: per SKU (NULL: its owner's default), and the default per owner
-- ('platform' now; 'supplier:<user id>' when suppliers list goods). When a SKU's sellable count
-- falls to its threshold, operators holding the catalog permission get a mail through the outbox.
ALTER TABLE skus ADD COLUMN low_stock_threshold BIGINT;

CREATE TABLE stock_settings (
    owner_key TEXT PRIMARY KEY,
    low_stock_threshold BIGINT NOT NULL CHECK (low_stock_threshold >= 0)
);
INSERT INTO stock_settings (owner_key, low_stock_threshold) VALUES ('platform', 5);
