-- Every product has an owner, as warehouses have: NULL for the platform's own goods, else the
-- supplier (a user with the supplier role). Back-office functions act only on the owners the
-- caller's scope covers (domain::owner).
ALTER TABLE products ADD COLUMN owner_id INTEGER REFERENCES users(id);
CREATE INDEX products_owner ON products (owner_id);
