-- Promotions: 滿減 full reductions with tiers, coupons and the copies members hold, and what an
-- order took from them. Amounts are fen, rates basis points (500 = 5 %), times unix seconds.
-- The rules themselves are domain::promotion and domain::pricing.

-- 滿減: the best tier reached within the scope applies, while the promotion runs.
CREATE TABLE full_reductions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    -- all, categories, products, supplier (domain::promotion::Scope); ids comma-separated.
    scope_kind TEXT NOT NULL DEFAULT 'all',
    scope_ids TEXT NOT NULL DEFAULT '',
    include_flash INTEGER NOT NULL DEFAULT 0,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX full_reductions_running ON full_reductions(ends_at, starts_at);

CREATE TABLE full_reduction_tiers (
    reduction_id INTEGER NOT NULL REFERENCES full_reductions(id) ON DELETE CASCADE,
    threshold INTEGER NOT NULL,
    off INTEGER NOT NULL,
    PRIMARY KEY (reduction_id, threshold)
);

-- A coupon's terms; members hold copies (member_coupons).
CREATE TABLE coupons (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    -- amount_off, percent_off, free_shipping (domain::promotion::CouponKind)
    kind TEXT NOT NULL,
    off INTEGER NOT NULL DEFAULT 0,
    rate_bp INTEGER NOT NULL DEFAULT 0,
    cap INTEGER NOT NULL DEFAULT 0,
    min_spend INTEGER NOT NULL DEFAULT 0,
    scope_kind TEXT NOT NULL DEFAULT 'all',
    scope_ids TEXT NOT NULL DEFAULT '',
    include_flash INTEGER NOT NULL DEFAULT 0,
    -- bronze, silver, gold, platinum (domain::account::MemberTier)
    min_tier TEXT NOT NULL DEFAULT 'bronze',
    -- Either a fixed window for every copy, or valid_days from the claim.
    valid_from INTEGER,
    valid_until INTEGER,
    valid_days INTEGER,
    -- When members may claim it (the coupon centre, or by its code).
    claim_from INTEGER NOT NULL,
    claim_until INTEGER NOT NULL,
    total_quantity INTEGER NOT NULL,
    claimed INTEGER NOT NULL DEFAULT 0,
    per_member_limit INTEGER NOT NULL DEFAULT 1,
    -- Shown in the coupon centre (/coupons) for anyone to claim.
    in_centre INTEGER NOT NULL DEFAULT 1,
    -- Claimed by typing it; unique, upper case.
    code TEXT UNIQUE,
    -- Given without claiming: 'welcome' to every new account (domain::promotion::Reward).
    reward TEXT,
    paused INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

CREATE TABLE member_coupons (
    id INTEGER PRIMARY KEY,
    coupon_id INTEGER NOT NULL REFERENCES coupons(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    claimed_at INTEGER NOT NULL,
    valid_from INTEGER NOT NULL,
    valid_until INTEGER NOT NULL,
    -- The order that used it; NULL while usable. Cancelling an unpaid order gives it back.
    used_order_id INTEGER REFERENCES orders(id),
    used_at INTEGER
);
CREATE INDEX member_coupons_user ON member_coupons(user_id, used_order_id, valid_until);
CREATE INDEX member_coupons_coupon ON member_coupons(coupon_id, user_id);

-- What the order took: points redeemed (returned if it is cancelled or refunded) and the
-- whole explanation of its total (domain::pricing::Quote's adjustments, JSON), kept forever so
-- the receipt and after-sale show what checkout showed.
ALTER TABLE orders ADD COLUMN points_used INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN pricing TEXT NOT NULL DEFAULT '[]';
-- Each line's share of every discount added up (fen): a refund of the line gives back
-- total - discount.
ALTER TABLE order_items ADD COLUMN discount INTEGER NOT NULL DEFAULT 0;

-- Which promotions each order used and what each took off (fen), for the promotions' reports.
CREATE TABLE order_promotions (
    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    -- full_reduction or coupon (the coupon's id, not the member's copy)
    kind TEXT NOT NULL,
    promotion_id INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    PRIMARY KEY (order_id, kind, promotion_id)
);
CREATE INDEX order_promotions_promotion ON order_promotions(kind, promotion_id);

-- 會員日 member days: every week on a weekday (1 = Monday … 7 = Sunday) or every month on a
-- day, in shop time, while the campaign runs; members of min_tier and above get rate_bp more
-- off and points_percent of the usual points (domain::promotion::member_day).
CREATE TABLE member_days (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    weekday INTEGER,
    day_of_month INTEGER,
    rate_bp INTEGER NOT NULL DEFAULT 0,
    points_percent INTEGER NOT NULL DEFAULT 100,
    min_tier TEXT NOT NULL DEFAULT 'bronze',
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
