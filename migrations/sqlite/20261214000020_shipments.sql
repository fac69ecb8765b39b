-- Orders split by owner: an order's goods leave in one parcel per owner (the platform's own
-- goods, each supplier's), numbered 1, 2, … in the order (the platform's first, then suppliers by
-- id). Each owner ships its parcel with its own carrier and tracking number, and after-sale
-- requests are made on one parcel, handled by its owner and refunded by its share.
CREATE TABLE shipments (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    -- NULL: the platform's parcel; else the supplier's user id.
    owner_id INTEGER REFERENCES users(id),
    -- waiting, shipped, delivered, cancelled, refunded (domain::order::shipment)
    status TEXT NOT NULL,
    carrier TEXT,
    tracking_no TEXT,
    shipped_at INTEGER,
    delivered_at INTEGER,
    -- What the shopper paid for this parcel's goods (its share of the order total, fen).
    paid_share INTEGER NOT NULL,
    UNIQUE (order_id, seq)
);
CREATE INDEX shipments_owner ON shipments(owner_id, status, order_id);
CREATE INDEX shipments_transit ON shipments(status, shipped_at);

ALTER TABLE order_items ADD COLUMN shipment_id INTEGER REFERENCES shipments(id);
ALTER TABLE after_sales ADD COLUMN shipment_id INTEGER REFERENCES shipments(id);

-- The carrier's steps, per parcel (they were per order).
CREATE TABLE shipment_tracking (
    shipment_id INTEGER NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    code TEXT NOT NULL,
    location TEXT NOT NULL,
    happened_at INTEGER NOT NULL,
    PRIMARY KEY (shipment_id, seq)
);

-- Orders placed before: one parcel per owner of their goods, standing where the order stood.
-- An order shipped as a whole gave every parcel the same carrier and tracking.
INSERT INTO shipments (order_id, seq, owner_id, status, carrier, tracking_no, shipped_at, delivered_at, paid_share)
SELECT o.id,
       (SELECT COUNT(DISTINCT COALESCE(p2.owner_id, 0)) FROM order_items i2
          JOIN products p2 ON p2.id = i2.product_id
         WHERE i2.order_id = o.id AND COALESCE(p2.owner_id, 0) <= COALESCE(w.owner_id, 0)),
       w.owner_id,
       CASE
         WHEN o.status = 'refunded' THEN 'refunded'
         WHEN o.status = 'cancelled' THEN 'cancelled'
         WHEN o.status IN ('pending_payment', 'paid') THEN 'waiting'
         -- Shipped again after an exchange keeps the first delivery's time: the status decides.
         WHEN o.status = 'shipped' THEN 'shipped'
         WHEN o.status IN ('delivered', 'completed') THEN 'delivered'
         -- After-sale: where the goods were when it was asked for.
         WHEN o.shipped_at IS NULL THEN 'waiting'
         WHEN o.delivered_at IS NOT NULL THEN 'delivered'
         ELSE 'shipped'
       END,
       o.carrier, o.tracking_no, o.shipped_at, o.delivered_at,
       0
  FROM orders o
  JOIN (SELECT DISTINCT i.order_id, p.owner_id FROM order_items i
          JOIN products p ON p.id = i.product_id) w ON w.order_id = o.id;

-- Each earlier parcel's share: its goods' part of the total; the first parcel takes the fen
-- that rounding leaves, so the shares add up to the total.
UPDATE shipments SET paid_share = COALESCE(
    (SELECT o.total FROM orders o WHERE o.id = shipments.order_id)
    * (SELECT CAST(COALESCE(SUM(i.total), 0) AS BIGINT) FROM order_items i
         JOIN products p ON p.id = i.product_id
        WHERE i.order_id = shipments.order_id
          AND COALESCE(p.owner_id, 0) = COALESCE(shipments.owner_id, 0))
    / NULLIF((SELECT CAST(SUM(i.total) AS BIGINT) FROM order_items i
               WHERE i.order_id = shipments.order_id), 0),
    0);
UPDATE shipments SET paid_share = paid_share + (
    SELECT o.total - (SELECT CAST(SUM(s2.paid_share) AS BIGINT) FROM shipments s2
                       WHERE s2.order_id = o.id)
      FROM orders o WHERE o.id = shipments.order_id)
 WHERE seq = 1;

UPDATE order_items SET shipment_id = (
    SELECT s.id FROM shipments s JOIN products p ON p.id = order_items.product_id
     WHERE s.order_id = order_items.order_id
       AND COALESCE(s.owner_id, 0) = COALESCE(p.owner_id, 0));

-- Requests made before were on the whole order: on its first parcel (the only one, nearly always).
-- One still open refunds that parcel's share, as a new request would.
UPDATE after_sales SET shipment_id = (
    SELECT s.id FROM shipments s WHERE s.order_id = after_sales.order_id AND s.seq = 1);
UPDATE after_sales SET refund_amount = (
    SELECT s.paid_share FROM shipments s WHERE s.id = after_sales.shipment_id)
 WHERE kind <> 'exchange' AND status IN ('open', 'awaiting_return');

INSERT INTO shipment_tracking (shipment_id, seq, code, location, happened_at)
SELECT s.id, t.seq, t.code, t.location, t.happened_at
  FROM tracking_events t JOIN shipments s ON s.order_id = t.order_id;
DROP TABLE tracking_events;

-- A shopper's complaint about the seller of a parcel (service, goods not as described, no
-- answer): one per parcel, read by operators and counted in the supplier's rating.
CREATE TABLE complaints (
    id INTEGER PRIMARY KEY,
    shipment_id INTEGER NOT NULL UNIQUE REFERENCES shipments(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
