-- Full-text search (app/src/db/search.rs). The analyzer is Rust (app/src/domain/search): the
-- server writes `tsvector` literals it made and queries with `tsquery` literals, never
-- to_tsvector/to_tsquery, so no text-search configuration or locale touches the text.
-- Only active products are indexed. The migration leaves the index empty: the server fills it
-- on start (`ensure_current`).
CREATE TABLE product_search (
    product_id BIGINT PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
    -- Popularity bucket << 32 | product id: its b-tree, walked backwards, gives the most
    -- popular matches first.
    search_key BIGINT NOT NULL UNIQUE,
    analyzer_version BIGINT NOT NULL,
    -- Names only (weight A), for suggestions.
    name_doc TSVECTOR NOT NULL,
    -- Names (weight A), descriptions, category and option names (weight D), and position-less
    -- scope lexemes (c:<category id>, o:<axis>:<value>).
    doc TSVECTOR NOT NULL
);
CREATE INDEX product_search_doc ON product_search USING GIN (doc);
CREATE INDEX product_search_name ON product_search USING GIN (name_doc);
-- Replaced by the index: LIKE '%…%' on these could not use an index on any backend.
ALTER TABLE products DROP COLUMN name_search, DROP COLUMN search_text;
