-- Catalog: categories, products with trilingual content, option axes and SKUs.
-- Amounts are integer fen; times are unix seconds.

CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES categories(id),
    slug TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0,
    name_zh_hant TEXT NOT NULL,
    name_zh_hans TEXT NOT NULL,
    name_en TEXT NOT NULL
);

-- Shared vocabulary of option axes (colour, size, …) and their values, so filters work across products.
CREATE TABLE option_axes (
    axis_key TEXT PRIMARY KEY,
    position INTEGER NOT NULL DEFAULT 0,
    name_zh_hant TEXT NOT NULL,
    name_zh_hans TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE option_values (
    axis_key TEXT NOT NULL REFERENCES option_axes(axis_key),
    value_key TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    name_zh_hant TEXT NOT NULL,
    name_zh_hans TEXT NOT NULL,
    name_en TEXT NOT NULL,
    PRIMARY KEY (axis_key, value_key)
);

CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    category_id INTEGER NOT NULL REFERENCES categories(id),
    -- 'active' is visible to shoppers; suppliers' drafts and products under review come later.
    status TEXT NOT NULL DEFAULT 'active',
    name_zh_hant TEXT NOT NULL,
    name_zh_hans TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description_zh_hant TEXT NOT NULL,
    description_zh_hans TEXT NOT NULL,
    description_en TEXT NOT NULL,
    -- Normalised (lower-case, Simplified) text of every language, written by the application.
    name_search TEXT NOT NULL,
    search_text TEXT NOT NULL,
    cover_image TEXT NOT NULL,
    -- Kept in step with the SKUs by the code that writes them; lets listings sort and filter fast.
    min_price INTEGER NOT NULL,
    max_price INTEGER NOT NULL,
    total_stock INTEGER NOT NULL,
    sales_count INTEGER NOT NULL DEFAULT 0,
    featured INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX products_category ON products(category_id, status);
CREATE INDEX products_created ON products(created_at);
CREATE INDEX products_sales ON products(sales_count);
CREATE INDEX products_price ON products(min_price);
CREATE INDEX products_featured ON products(featured, sales_count);

CREATE TABLE product_images (
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    url TEXT NOT NULL,
    PRIMARY KEY (product_id, position)
);

CREATE TABLE product_axes (
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    axis_key TEXT NOT NULL REFERENCES option_axes(axis_key),
    position INTEGER NOT NULL,
    PRIMARY KEY (product_id, axis_key)
);

CREATE TABLE skus (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    code TEXT NOT NULL UNIQUE,
    price INTEGER NOT NULL CHECK (price >= 0),
    stock INTEGER NOT NULL CHECK (stock >= 0)
);
CREATE INDEX skus_product ON skus(product_id);

CREATE TABLE sku_values (
    sku_id INTEGER NOT NULL REFERENCES skus(id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    axis_key TEXT NOT NULL,
    value_key TEXT NOT NULL,
    PRIMARY KEY (sku_id, axis_key),
    FOREIGN KEY (axis_key, value_key) REFERENCES option_values(axis_key, value_key)
);
CREATE INDEX sku_values_filter ON sku_values(product_id, axis_key, value_key);
