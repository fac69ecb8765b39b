-- 限時秒殺 flash sales: a time slot with a flash price and a dedicated flash stock per SKU.
-- The flash stock is taken out of normal stock when the slot is created (held in warehouses as
-- stock_movements of kind 'flash_held', so on hand − reserved still equals skus.stock) and what
-- is left goes back when the slot ends ('flash_released'). Amounts are fen, times unix seconds.
CREATE TABLE flash_sales (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    -- Units of each SKU one member may buy at the flash price in this slot.
    per_member_limit INTEGER NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0,
    -- When the flash stock left went back to normal stock (the slot ended or was ended).
    returned_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX flash_sales_window ON flash_sales(ends_at, starts_at);

CREATE TABLE flash_sale_items (
    id INTEGER PRIMARY KEY,
    flash_sale_id INTEGER NOT NULL REFERENCES flash_sales(id),
    sku_id INTEGER NOT NULL REFERENCES skus(id),
    price INTEGER NOT NULL,
    -- The flash stock: units taken out of normal stock for the slot.
    quantity INTEGER NOT NULL,
    -- Units bought at the flash price in orders not cancelled; never above quantity.
    sold INTEGER NOT NULL DEFAULT 0,
    UNIQUE (flash_sale_id, sku_id)
);
CREATE INDEX flash_sale_items_sku ON flash_sale_items(sku_id);

-- Where an item's flash stock is held, per warehouse (the units still held).
CREATE TABLE flash_sale_holds (
    item_id INTEGER NOT NULL REFERENCES flash_sale_items(id),
    warehouse_id INTEGER NOT NULL REFERENCES warehouses(id),
    quantity INTEGER NOT NULL,
    PRIMARY KEY (item_id, warehouse_id)
);

-- Units an order bought at a flash price: the per-member limit counts them while the order
-- is not cancelled.
CREATE TABLE flash_sale_purchases (
    item_id INTEGER NOT NULL REFERENCES flash_sale_items(id),
    order_id INTEGER NOT NULL REFERENCES orders(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    quantity INTEGER NOT NULL,
    -- What the flash price took off those units (fen).
    discount INTEGER NOT NULL,
    PRIMARY KEY (item_id, order_id)
);
CREATE INDEX flash_sale_purchases_member ON flash_sale_purchases(item_id, user_id);

-- Operators' promotion settings by name: 'stacking_order' is the order the pricing stages run
-- in ("member_price,flash_sale,full_reduction,coupon,points"; domain::promotion::StackingOrder).
CREATE TABLE promotion_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

-- The level a member was last given level-up coupons for (domain::account::MemberTier); the
-- job gives the coupons of each level above it that they reach.
ALTER TABLE users ADD COLUMN rewarded_tier TEXT NOT NULL DEFAULT 'bronze';
-- The last year a member was given birthday coupons (0: never), so they come once a year.
ALTER TABLE users ADD COLUMN birthday_rewarded_year INTEGER NOT NULL DEFAULT 0;
