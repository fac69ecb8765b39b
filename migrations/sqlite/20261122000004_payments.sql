-- Payments, refunds, shipping and after-sale. Amounts are integer fen; times are unix seconds.

-- Shipping and the automatic completion window live on the order.
ALTER TABLE orders ADD COLUMN carrier TEXT;
ALTER TABLE orders ADD COLUMN tracking_no TEXT;
ALTER TABLE orders ADD COLUMN shipped_at INTEGER;
ALTER TABLE orders ADD COLUMN delivered_at INTEGER;
-- A delivered order completes by itself after this time unless the shopper asks for after-sale.
ALTER TABLE orders ADD COLUMN complete_after INTEGER;
-- Money that arrived for an order that could no longer take it (expired, cancelled): shown to
-- operators, and refunded.
ALTER TABLE orders ADD COLUMN flag TEXT;

-- One attempt to pay an order at a provider. The provider's reference is unique: a callback
-- names it, and settling is a guarded update of this row, so it happens once.
CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    provider TEXT NOT NULL,
    provider_ref TEXT NOT NULL UNIQUE,
    amount INTEGER NOT NULL,
    -- pending, succeeded, failed, refunded
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    settled_at INTEGER
);
CREATE INDEX payments_order ON payments(order_id);

CREATE TABLE refunds (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    payment_id INTEGER NOT NULL REFERENCES payments(id),
    amount INTEGER NOT NULL,
    reason TEXT NOT NULL,
    provider_ref TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX refunds_order ON refunds(order_id);

-- Every callback a provider sent us, kept for audits (bad signatures included).
CREATE TABLE payment_callbacks (
    id INTEGER PRIMARY KEY,
    provider TEXT NOT NULL,
    body TEXT NOT NULL,
    signature_valid INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    received_at INTEGER NOT NULL
);

-- The sandbox gateway's own books, as a real gateway keeps them on its side.
CREATE TABLE sandbox_payments (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    merchant_order TEXT NOT NULL,
    amount INTEGER NOT NULL,
    notify_url TEXT NOT NULL,
    return_url TEXT NOT NULL,
    -- created, succeeded, failed, refunded
    status TEXT NOT NULL,
    refunded INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

-- Callbacks the sandbox gateway still has to deliver (it retries until we answer 200).
CREATE TABLE sandbox_notifications (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    deliver_after INTEGER NOT NULL,
    delivered_at INTEGER
);
CREATE INDEX sandbox_notifications_due ON sandbox_notifications(delivered_at, deliver_after);

-- What the carrier reported about a parcel, in order.
CREATE TABLE tracking_events (
    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    code TEXT NOT NULL,
    location TEXT NOT NULL,
    happened_at INTEGER NOT NULL,
    PRIMARY KEY (order_id, seq)
);

-- Refund only, return and refund, or exchange; one open request per order at a time.
CREATE TABLE after_sales (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    -- open, awaiting_return (approved; the goods are on their way back), approved, rejected
    status TEXT NOT NULL,
    -- Where the order goes back to if the request is rejected.
    resume_to TEXT NOT NULL,
    refund_amount INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    decided_at INTEGER
);
CREATE INDEX after_sales_order ON after_sales(order_id);

CREATE TABLE after_sale_messages (
    id INTEGER PRIMARY KEY,
    after_sale_id INTEGER NOT NULL REFERENCES after_sales(id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    body TEXT NOT NULL,
    photo TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX after_sale_messages_request ON after_sale_messages(after_sale_id, id);
