-- Carts, orders, their history, payments. Amounts are integer fen; times are unix seconds.

-- A signed-in shopper's cart (a guest's lives in the browser until sign-in).
CREATE TABLE cart_items (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    sku_id INTEGER NOT NULL REFERENCES skus(id) ON DELETE CASCADE,
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    added_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, sku_id)
);

CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    order_no TEXT NOT NULL UNIQUE,
    -- The checkout page's token: placing the same checkout twice finds this order again.
    checkout_token TEXT NOT NULL UNIQUE,
    user_id INTEGER REFERENCES users(id),
    email TEXT NOT NULL,
    locale TEXT NOT NULL,
    status TEXT NOT NULL,
    subtotal INTEGER NOT NULL,
    discount INTEGER NOT NULL,
    shipping_method TEXT NOT NULL,
    shipping_fee INTEGER NOT NULL,
    total INTEGER NOT NULL,
    recipient TEXT NOT NULL,
    phone TEXT NOT NULL,
    region TEXT NOT NULL,
    city TEXT NOT NULL,
    detail TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- Unpaid orders are cancelled (and their stock released) after this time.
    pay_before INTEGER NOT NULL,
    paid_at INTEGER
);
CREATE INDEX orders_user ON orders(user_id, id);
CREATE INDEX orders_status ON orders(status, pay_before);

CREATE TABLE order_items (
    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    sku_id INTEGER NOT NULL REFERENCES skus(id),
    product_id INTEGER NOT NULL REFERENCES products(id),
    name TEXT NOT NULL,
    sku_code TEXT NOT NULL,
    unit_price INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    total INTEGER NOT NULL,
    PRIMARY KEY (order_id, sku_id)
);

-- Every move of the state machine: who, when, why.
CREATE TABLE order_events (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    from_status TEXT,
    to_status TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX order_events_order ON order_events(order_id, id);
