-- The rest of a product's catalog data: its brand, and per SKU an optional list price (the
-- "was" price, in fen, above the price), an optional GTIN-13/EAN-13 (check digit verified by the
-- editor; one trade item, so unique), and an optional shipping weight in grams.
ALTER TABLE products ADD COLUMN brand TEXT NOT NULL DEFAULT '';
ALTER TABLE skus ADD COLUMN list_price INTEGER;
ALTER TABLE skus ADD COLUMN gtin TEXT;
ALTER TABLE skus ADD COLUMN weight_g INTEGER;
CREATE UNIQUE INDEX skus_gtin ON skus (gtin) WHERE gtin IS NOT NULL;

-- Scheduled listing: a draft or unlisted product with a time (unix seconds) goes live then
-- (the server's periodic job saves it as published, with a revision and an audit entry).
ALTER TABLE products ADD COLUMN publish_at INTEGER;
CREATE INDEX products_publish_at ON products (publish_at) WHERE publish_at IS NOT NULL;

-- A SKU can be taken off sale on its own ('disabled'): the shop neither shows nor sells it, and
-- the product's price range and stock leave it out.
ALTER TABLE skus ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
