-- A guest cart is folded into a member's cart once per merge id (made in the browser with the
-- guest cart), however many tabs or retries send it.
CREATE TABLE cart_merges (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    merge_id TEXT NOT NULL,
    merged_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, merge_id)
);
