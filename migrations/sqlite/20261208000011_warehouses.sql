-- Warehouses and the stock ledger. Stock is held per SKU per warehouse; `skus.stock` stays as
-- what the shop can sell (the sum over warehouses of on hand minus reserved), kept in the same
-- transaction as every movement. Every change to `warehouse_stock` is a row in
-- `stock_movements`, so on hand and reserved always equal the sums of their deltas.

CREATE TABLE warehouses (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    -- Region code (domain::account::REGIONS) where the warehouse stands.
    region TEXT NOT NULL,
    -- Region codes it delivers to first, comma-separated (the reservation rule prefers these).
    serves TEXT NOT NULL,
    -- NULL: the platform's own; later a supplier's user id.
    owner_id INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);

CREATE TABLE warehouse_stock (
    warehouse_id INTEGER NOT NULL REFERENCES warehouses(id),
    sku_id INTEGER NOT NULL REFERENCES skus(id) ON DELETE CASCADE,
    on_hand INTEGER NOT NULL CHECK (on_hand >= 0),
    -- Held for orders placed and not yet shipped.
    reserved INTEGER NOT NULL CHECK (reserved >= 0 AND reserved <= on_hand),
    PRIMARY KEY (warehouse_id, sku_id)
);
CREATE INDEX warehouse_stock_sku ON warehouse_stock(sku_id);

-- kind: opening, received, adjusted, reserved, released, shipped, returned, transferred.
CREATE TABLE stock_movements (
    id INTEGER PRIMARY KEY,
    warehouse_id INTEGER NOT NULL REFERENCES warehouses(id),
    sku_id INTEGER NOT NULL REFERENCES skus(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    on_hand_delta INTEGER NOT NULL,
    reserved_delta INTEGER NOT NULL,
    order_id INTEGER,
    reason TEXT NOT NULL,
    actor_id INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX stock_movements_sku ON stock_movements(sku_id, id);

-- Which warehouse each order's goods were reserved from (a line is split only when no single
-- warehouse held all of it).
CREATE TABLE order_allocations (
    order_id INTEGER NOT NULL REFERENCES orders(id),
    sku_id INTEGER NOT NULL,
    warehouse_id INTEGER NOT NULL REFERENCES warehouses(id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, sku_id, warehouse_id)
);

-- A shop that already has goods gets one warehouse holding all of them.
INSERT INTO warehouses (id, name, region, serves, owner_id, created_at)
SELECT 1, 'Main warehouse', 'SH', 'SH,JS,ZJ,AH', NULL, CAST(strftime('%s', 'now') AS INTEGER)
WHERE EXISTS (SELECT 1 FROM skus);

INSERT INTO order_allocations (order_id, sku_id, warehouse_id, quantity)
SELECT order_id, sku_id, 1, SUM(quantity) FROM order_items
WHERE EXISTS (SELECT 1 FROM warehouses WHERE id = 1)
GROUP BY order_id, sku_id;

-- Goods of orders not yet shipped are reserved: their quantities are on hand but not for sale.
INSERT INTO warehouse_stock (warehouse_id, sku_id, on_hand, reserved)
SELECT 1, s.id, s.stock + COALESCE(r.quantity, 0), COALESCE(r.quantity, 0)
FROM skus s
LEFT JOIN (
    SELECT i.sku_id, SUM(i.quantity) AS quantity
    FROM order_items i JOIN orders o ON o.id = i.order_id
    WHERE o.status IN ('pending_payment', 'paid')
       OR (o.status = 'after_sale' AND EXISTS (
            SELECT 1 FROM after_sales a
            WHERE a.order_id = o.id AND a.status IN ('open', 'awaiting_return')
              AND a.resume_to = 'paid'))
    GROUP BY i.sku_id
) r ON r.sku_id = s.id;

INSERT INTO stock_movements (warehouse_id, sku_id, kind, on_hand_delta, reserved_delta, order_id,
                             reason, actor_id, created_at)
SELECT warehouse_id, sku_id, 'opening', on_hand, reserved, NULL, '', NULL,
       CAST(strftime('%s', 'now') AS INTEGER)
FROM warehouse_stock;
