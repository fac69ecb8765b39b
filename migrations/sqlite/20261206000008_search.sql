-- Full-text search (app/src/db/search.rs). The analyzer is Rust (app/src/domain/search): FTS5
-- gets space-separated tokens it made, and its `ascii` tokenizer only splits them again at the
-- spaces (':', '_' and '-' stay inside scope tokens such as `o:colour:black`).
-- Only active products are indexed. The FTS rowid is the search key (popularity bucket << 32 |
-- product id), so walking the index by rowid descending gives the most popular matches first.
-- The migration leaves the index empty: the server fills it on start (`ensure_current`).
CREATE TABLE product_search (
    product_id INTEGER PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
    -- The FTS rowid of this product's entry, kept to delete exactly that entry.
    search_key INTEGER NOT NULL UNIQUE,
    analyzer_version INTEGER NOT NULL
);
CREATE VIRTUAL TABLE product_fts USING fts5(
    name, body, scope,
    tokenize = "ascii tokenchars ':_-'",
    content = '', contentless_delete = 1, detail = full
);
-- Deleting a product cascades to product_search, and this clears its FTS entry with it.
CREATE TRIGGER product_search_deleted AFTER DELETE ON product_search
BEGIN
    DELETE FROM product_fts WHERE rowid = old.search_key;
END;
-- Replaced by the index: LIKE '%…%' on these could not use an index on any backend.
ALTER TABLE products DROP COLUMN name_search;
ALTER TABLE products DROP COLUMN search_text;
