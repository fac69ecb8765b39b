-- Uploaded product photos: every stored width as a srcset, and alt text per language (empty:
-- the product's name stands in).
ALTER TABLE product_images ADD COLUMN srcset TEXT NOT NULL DEFAULT '';
ALTER TABLE product_images ADD COLUMN alt_zh_hant TEXT NOT NULL DEFAULT '';
ALTER TABLE product_images ADD COLUMN alt_zh_hans TEXT NOT NULL DEFAULT '';
ALTER TABLE product_images ADD COLUMN alt_en TEXT NOT NULL DEFAULT '';
