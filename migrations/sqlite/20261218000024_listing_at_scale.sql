-- Listings at scale (db/catalog/listing.rs, db/catalog/facet_counts.rs).
--
-- One index per sort within a category, ending in the id so each sort is one forward or backward
-- walk: a page reads its 24 rows (plus the offset) instead of sorting the whole category.
-- The price index also holds total_stock, so counts with price and stock filters read only it.
DROP INDEX products_category;
CREATE INDEX products_category_featured ON products (category_id, status, featured, sales_count, id);
CREATE INDEX products_category_newest ON products (category_id, status, created_at, id);
CREATE INDEX products_category_price ON products (category_id, status, min_price, id, total_stock);
CREATE INDEX products_category_sales ON products (category_id, status, sales_count, id);

-- The option values each active product offers, with its category: what its facet counts
-- contributed, so a change can take exactly that back (also after the product is deleted, so no
-- foreign key removes the rows first).
CREATE TABLE product_facets (
    product_id INTEGER NOT NULL,
    category_id INTEGER NOT NULL,
    axis_key TEXT NOT NULL,
    value_key TEXT NOT NULL,
    PRIMARY KEY (product_id, axis_key, value_key)
);
-- Active products per category offering each option value: a category page's facets are the
-- sum over it and its subcategories (a few hundred rows) instead of a count over every SKU.
CREATE TABLE category_facet_counts (
    category_id INTEGER NOT NULL,
    axis_key TEXT NOT NULL,
    value_key TEXT NOT NULL,
    products INTEGER NOT NULL,
    PRIMARY KEY (category_id, axis_key, value_key)
);
-- Changes to those counts (+1 or -1), appended in the transaction of every product change
-- (db::search::index_product) and folded into the counts by a job every few seconds. Appending
-- takes no lock on a shared row, so product writes never wait on each other or deadlock over a
-- count; readers add the changes not folded yet.
CREATE TABLE facet_count_changes (
    id INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL,
    axis_key TEXT NOT NULL,
    value_key TEXT NOT NULL,
    delta INTEGER NOT NULL
);
CREATE INDEX facet_count_changes_category ON facet_count_changes (category_id);
INSERT INTO product_facets (product_id, category_id, axis_key, value_key)
SELECT DISTINCT p.id, p.category_id, sv.axis_key, sv.value_key
FROM sku_values sv JOIN products p ON p.id = sv.product_id
WHERE p.status = 'active';
INSERT INTO category_facet_counts (category_id, axis_key, value_key, products)
SELECT category_id, axis_key, value_key, COUNT(*)
FROM product_facets GROUP BY category_id, axis_key, value_key;
