-- Member prices per SKU and level (domain::promotion::member_price): a member of the level or
-- above pays the lowest price set for their level or the ones below it on that SKU, instead of
-- the level's discount rate. Amounts are fen, times unix seconds.
CREATE TABLE member_prices (
    sku_id BIGINT NOT NULL REFERENCES skus(id) ON DELETE CASCADE,
    -- domain::account::MemberTier: 'bronze' (every member), 'silver', 'gold', 'platinum'.
    tier TEXT NOT NULL,
    price BIGINT NOT NULL CHECK (price > 0),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (sku_id, tier)
);
