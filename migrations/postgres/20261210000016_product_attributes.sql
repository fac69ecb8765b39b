-- A product's attributes (specifications) per language: "name: value" lines, normalized by the
-- editor (domain::catalog::product_attributes), empty for none.
ALTER TABLE products ADD COLUMN attributes_zh_hant TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN attributes_zh_hans TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN attributes_en TEXT NOT NULL DEFAULT '';
