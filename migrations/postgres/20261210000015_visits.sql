-- Visits, for the dashboard's conversion rate (visits that placed an order ÷ visits). A visit is
-- one visitor's pages on one shop day. No cookie: the visitor is a SHA-256 of that day's random
-- salt, the address and the browser's User-Agent (as privacy-friendly analytics do, e.g.
-- Plausible). Salts are deleted once their day is over, so a stored key cannot be traced back
-- to an address or linked to another day's.
CREATE TABLE visits (
    day BIGINT NOT NULL,
    visitor TEXT NOT NULL,
    ordered BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, visitor)
);

CREATE TABLE visit_salts (
    day BIGINT PRIMARY KEY,
    salt TEXT NOT NULL
);
