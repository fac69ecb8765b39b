//! Products and SKUs as CSV, for the back office's import and export: one row per SKU, the
//! product's own columns repeated on each of its rows. Export writes these columns and import
//! reads them, so export → edit → import round-trips.
//!
//! Columns (the header row names them; any order):
//! - `product`: the product's id, or for a new product any label that is not a number
//!   (`new-mug`), the same on each of its rows;
//! - `version`: the version exported (empty for a new product): a product saved since is refused
//!   rather than overwritten;
//! - `status`: `draft`, `active` or `unlisted`;
//! - `category`: the category's address (slug);
//! - `name_en`, `name_zh_hant`, `name_zh_hans`, `brand` (may be empty), `description_en`,
//!   `description_zh_hant`, `description_zh_hans` (Markdown);
//! - `options`: the SKU's option values as `axis=value` pairs of the shared vocabulary, in axis
//!   order, joined by `; ` (`colour=black; size=s`), empty for a product without options;
//! - `sku_code`: the platform code of an existing SKU (export writes it; empty for a new SKU);
//! - `price`: yuan with at most two decimals (`129.00`);
//! - `stock`: the units the SKU can sell after the import (not a change);
//! - `list_price` (yuan, above `price`), `gtin` (EAN-13) and `weight_g` (grams): each may be
//!   empty;
//! - `sku_status`: `active` (or empty) or `disabled` (off sale on its own);
//! - `stock_at_export`: what the SKU could sell when exported (not to be edited). With it, the
//!   import moves the stock by what was changed in the file (`stock` − `stock_at_export`), so
//!   units sold since the export stay sold (as Shopify's "On hand (current)/(new)" columns do);
//!   left empty, `stock` is set as it is;
//! - `attributes_en`, `attributes_zh_hant`, `attributes_zh_hans`: the specifications, one
//!   `name: value` per line inside the cell (see [`super::product_attributes`]). These three may
//!   be left out of the header (files exported before they existed): the stored attributes of
//!   existing products are then kept.
//!
//! Export writes a product's own columns (status to descriptions, attributes) on its first row only, to
//! keep large catalogs within the import's size; import takes them from the product's first
//! row, and later rows may repeat them or leave them empty.
//!
//! A product's rows list every SKU it keeps: a SKU left out is removed, which is refused for a
//! SKU that was ever ordered (set its stock to 0 instead).

use super::product_edit::{
    merge_rows, AxisChoice, EditorProduct, ProductForm, ProductStatus, SkuForm, ValidProduct,
};
use crate::domain::form::{Field, FieldProblem, Problem};
use serde::{Deserialize, Serialize};

/// The header, in the order export writes it.
pub const COLUMNS: [&str; 23] = [
    "product",
    "version",
    "status",
    "category",
    "name_en",
    "name_zh_hant",
    "name_zh_hans",
    "brand",
    "description_en",
    "description_zh_hant",
    "description_zh_hans",
    "options",
    "sku_code",
    "price",
    "stock",
    "list_price",
    "gtin",
    "weight_g",
    "sku_status",
    "stock_at_export",
    "attributes_en",
    "attributes_zh_hant",
    "attributes_zh_hans",
];

/// The columns a file may leave out (see the module's documentation).
pub const OPTIONAL_COLUMNS: [&str; 3] =
    ["attributes_en", "attributes_zh_hant", "attributes_zh_hans"];

/// The largest file taken: 4 MB (about 10,000 SKUs with descriptions).
pub const MAX_CSV_BYTES: usize = 4 * 1024 * 1024;
/// The most SKU rows one file may hold.
pub const MAX_CSV_ROWS: usize = 20_000;

/// One row of the file, every column as text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvRow {
    pub product: String,
    pub version: String,
    pub status: String,
    pub category: String,
    pub name_en: String,
    pub name_zh_hant: String,
    pub name_zh_hans: String,
    pub brand: String,
    pub description_en: String,
    pub description_zh_hant: String,
    pub description_zh_hans: String,
    pub options: String,
    pub sku_code: String,
    pub price: String,
    pub stock: String,
    pub list_price: String,
    pub gtin: String,
    pub weight_g: String,
    pub sku_status: String,
    pub stock_at_export: String,
    #[serde(default)]
    pub attributes_en: String,
    #[serde(default)]
    pub attributes_zh_hant: String,
    #[serde(default)]
    pub attributes_zh_hans: String,
    /// Whether the file has the attribute columns (set by [`read`]; not a column).
    #[serde(skip)]
    pub has_attributes: bool,
}

/// A refused cell: the row's number as a spreadsheet shows it (1 is the header), the column's
/// header name (empty for the whole row or file) and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblem {
    pub line: u64,
    pub column: String,
    pub problem: Problem,
}

fn at(line: u64, column: &str, problem: Problem) -> LineProblem {
    LineProblem {
        line,
        column: column.to_string(),
        problem,
    }
}

/// What a check or an import found. Nothing is written when `problems` is not empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// SKU rows read.
    pub rows: usize,
    /// Products those rows make.
    pub products: usize,
    /// Products that would be (or were) created.
    pub new: usize,
    /// Existing products with a change.
    pub changed: usize,
    /// Existing products exactly as stored (not saved again).
    pub unchanged: usize,
    /// Every problem, by line.
    pub problems: Vec<LineProblem>,
    /// Whether the import was written (false for a check, or when anything was refused).
    pub written: bool,
}

/// Which product a row belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProductKey {
    Existing(i64),
    /// A new product's label, as typed.
    New(String),
}

/// The rows of one product, read into the editor's form (category, id and images are filled in
/// from the database).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProduct {
    pub key: ProductKey,
    /// The product's first line: where its own columns are reported.
    pub line: u64,
    /// For an existing product, the version exported.
    pub version: i64,
    pub status: ProductStatus,
    pub category_slug: String,
    pub form: ProductForm,
    /// The line of each of `form.skus` (the product's first line for a matrix row the file
    /// leaves out).
    pub sku_lines: Vec<u64>,
    /// The file has no attribute columns: an existing product keeps its stored attributes.
    pub keeps_attributes: bool,
}

impl ImportProduct {
    /// The line of the SKU at `index` of `form.skus` (the product's first line when the file
    /// has no row for it).
    pub fn sku_line(&self, index: usize) -> u64 {
        self.sku_lines.get(index).copied().unwrap_or(self.line)
    }

    /// The line and column where an editor problem of this product belongs.
    pub fn locate(&self, problem: FieldProblem) -> LineProblem {
        let sku_line = |index: u16| self.sku_line(usize::from(index));
        let (line, column) = match problem.field {
            Field::SkuPrice(i) => (sku_line(i), "price"),
            Field::SkuStock(i) => (sku_line(i), "stock"),
            Field::NameEn => (self.line, "name_en"),
            Field::NameZhHant => (self.line, "name_zh_hant"),
            Field::NameZhHans => (self.line, "name_zh_hans"),
            Field::DescriptionEn => (self.line, "description_en"),
            Field::DescriptionZhHant => (self.line, "description_zh_hant"),
            Field::DescriptionZhHans => (self.line, "description_zh_hans"),
            Field::Category => (self.line, "category"),
            Field::Options => (self.line, "options"),
            Field::Brand => (self.line, "brand"),
            Field::AttributesEn => (self.line, "attributes_en"),
            Field::AttributesZhHant => (self.line, "attributes_zh_hant"),
            Field::AttributesZhHans => (self.line, "attributes_zh_hans"),
            Field::SkuListPrice(i) => (sku_line(i), "list_price"),
            Field::SkuGtin(i) => (sku_line(i), "gtin"),
            Field::SkuWeight(i) => (sku_line(i), "weight_g"),
            _ => (self.line, ""),
        };
        at(line, column, problem.problem)
    }
}

/// Reads `options` (`colour=black; size=s`) into (axis, value) pairs; None when a pair is not
/// `key=value` or an axis repeats.
pub fn parse_options(text: &str) -> Option<Vec<(String, String)>> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (axis, value) = part.split_once('=')?;
        let (axis, value) = (axis.trim(), value.trim());
        if axis.is_empty() || value.is_empty() || pairs.iter().any(|(a, _)| a == axis) {
            return None;
        }
        pairs.push((axis.to_string(), value.to_string()));
    }
    Some(pairs)
}

/// Writes option values the way [`parse_options`] reads them.
pub fn format_options(axes: &[AxisChoice], values: &[String]) -> String {
    axes.iter()
        .zip(values)
        .map(|(axis, value)| format!("{}={value}", axis.axis_key))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The rows of a stored product, as export writes them.
pub fn product_rows(
    id: i64,
    version: i64,
    status: ProductStatus,
    category_slug: &str,
    form: &ProductForm,
) -> Vec<CsvRow> {
    let mut rows: Vec<CsvRow> = form
        .skus
        .iter()
        .filter(|sku| !sku.code.is_empty())
        .map(|sku| CsvRow {
            product: id.to_string(),
            version: version.to_string(),
            status: status.as_str().to_string(),
            category: category_slug.to_string(),
            name_en: form.name_en.clone(),
            name_zh_hant: form.name_zh_hant.clone(),
            name_zh_hans: form.name_zh_hans.clone(),
            brand: form.brand.clone(),
            description_en: form.description_en.clone(),
            description_zh_hant: form.description_zh_hant.clone(),
            description_zh_hans: form.description_zh_hans.clone(),
            options: format_options(&form.axes, &sku.values),
            sku_code: sku.code.clone(),
            price: sku.price.clone(),
            stock: sku.stock.clone(),
            list_price: sku.list_price.clone(),
            gtin: sku.gtin.clone(),
            weight_g: sku.weight.clone(),
            sku_status: if sku.disabled { "disabled" } else { "active" }.to_string(),
            stock_at_export: sku.stock.clone(),
            attributes_en: form.attributes_en.clone(),
            attributes_zh_hant: form.attributes_zh_hant.clone(),
            attributes_zh_hans: form.attributes_zh_hans.clone(),
            has_attributes: true,
        })
        .collect();
    for row in rows.iter_mut().skip(1) {
        row.status.clear();
        row.category.clear();
        row.name_en.clear();
        row.name_zh_hant.clear();
        row.name_zh_hans.clear();
        row.brand.clear();
        row.description_en.clear();
        row.description_zh_hant.clear();
        row.description_zh_hans.clear();
        row.attributes_en.clear();
        row.attributes_zh_hant.clear();
        row.attributes_zh_hans.clear();
    }
    rows
}

/// Whether saving `incoming` with `status` would store what `stored` holds already (names,
/// brand, descriptions, attributes, category, axes, and each SKU's options, prices, stock,
/// barcode and weight), so an import leaves the product, its version and its history alone.
pub fn unchanged(stored: &EditorProduct, incoming: &ProductForm, status: ProductStatus) -> bool {
    let (Ok(before), Ok(after)) = (stored.form.parse(), incoming.parse()) else {
        return false;
    };
    type Sku = (
        Vec<String>,
        i64,
        i64,
        Option<i64>,
        Option<String>,
        Option<i64>,
        bool,
    );
    type Content = (
        i64,
        [String; 3],
        String,
        [String; 3],
        [String; 3],
        Vec<String>,
        Vec<Sku>,
    );
    let content = |p: &ValidProduct| -> Content {
        let mut skus: Vec<Sku> = p
            .skus
            .iter()
            .map(|s| {
                (
                    s.values.clone(),
                    s.price.fen(),
                    s.stock,
                    s.list_price.map(|m| m.fen()),
                    s.gtin.clone(),
                    s.weight_g,
                    s.disabled,
                )
            })
            .collect();
        skus.sort();
        (
            p.category_id,
            p.names.clone(),
            p.brand.clone(),
            p.descriptions.clone(),
            p.attributes.clone(),
            p.axes.iter().map(|a| a.axis_key.clone()).collect(),
            skus,
        )
    };
    stored.status == status && content(&before) == content(&after)
}

/// The product's own columns, which each of its rows must repeat (or leave empty).
fn product_columns(row: &CsvRow) -> [(&'static str, &str); 13] {
    [
        ("brand", &row.brand),
        ("version", &row.version),
        ("status", &row.status),
        ("category", &row.category),
        ("name_en", &row.name_en),
        ("name_zh_hant", &row.name_zh_hant),
        ("name_zh_hans", &row.name_zh_hans),
        ("description_en", &row.description_en),
        ("description_zh_hant", &row.description_zh_hant),
        ("description_zh_hans", &row.description_zh_hans),
        ("attributes_en", &row.attributes_en),
        ("attributes_zh_hant", &row.attributes_zh_hant),
        ("attributes_zh_hans", &row.attributes_zh_hans),
    ]
}

/// Groups numbered rows (`(line, row)`) into products, in the order they first appear, and
/// checks what the file alone can show: product keys, versions, statuses, options, repeated
/// combinations, and each product's form (names, prices, stock: [`ProductForm::parse`]). Every
/// problem is returned, by line and column; products with problems are left out.
pub fn group(rows: &[(u64, CsvRow)]) -> (Vec<ImportProduct>, Vec<LineProblem>) {
    let mut problems = Vec::new();
    let mut keys: Vec<(String, Vec<usize>)> = Vec::new();
    for (index, (line, row)) in rows.iter().enumerate() {
        let key = row.product.trim();
        if key.is_empty() {
            problems.push(at(*line, "product", Problem::CsvProductMissing));
            continue;
        }
        match keys.iter_mut().find(|(k, _)| k == key) {
            Some((_, members)) => members.push(index),
            None => keys.push((key.to_string(), vec![index])),
        }
    }
    let mut products = Vec::new();
    for (key, members) in keys {
        let (first_line, first) = &rows[members[0]];
        let before = problems.len();
        let product_key = match key.parse::<i64>() {
            Ok(id) if id > 0 => ProductKey::Existing(id),
            Ok(_) => {
                problems.push(at(*first_line, "product", Problem::CsvProductMissing));
                continue;
            }
            Err(_) => ProductKey::New(key.clone()),
        };
        for &member in &members[1..] {
            let (line, row) = &rows[member];
            for ((column, own), (_, first_value)) in
                product_columns(row).into_iter().zip(product_columns(first))
            {
                if !own.trim().is_empty() && own.trim() != first_value.trim() {
                    problems.push(at(*line, column, Problem::CsvProductColumnsDiffer));
                }
            }
        }
        let version = match (&product_key, first.version.trim()) {
            (ProductKey::New(_), "") => 0,
            (ProductKey::Existing(_), text) => match text.parse::<i64>() {
                Ok(v) if v > 0 => v,
                _ => {
                    problems.push(at(*first_line, "version", Problem::CsvVersionInvalid));
                    0
                }
            },
            (ProductKey::New(_), _) => {
                problems.push(at(*first_line, "version", Problem::CsvVersionInvalid));
                0
            }
        };
        // The review's states are set by the review, never by a file.
        let status = ProductStatus::parse(first.status.trim())
            .filter(|s| {
                matches!(
                    s,
                    ProductStatus::Draft | ProductStatus::Active | ProductStatus::Unlisted
                )
            })
            .unwrap_or_else(|| {
                problems.push(at(*first_line, "status", Problem::CsvStatusInvalid));
                ProductStatus::Draft
            });
        if first.category.trim().is_empty() {
            problems.push(at(*first_line, "category", Problem::CategoryInvalid));
        }
        // The axes in the order of the first row; values in the order they first appear.
        let mut axes: Vec<AxisChoice> = Vec::new();
        let mut typed: Vec<(u64, SkuForm)> = Vec::new();
        for &member in &members {
            let (line, row) = &rows[member];
            let Some(pairs) = parse_options(&row.options) else {
                problems.push(at(*line, "options", Problem::OptionsInvalid));
                continue;
            };
            if typed.is_empty() && axes.is_empty() {
                axes = pairs
                    .iter()
                    .map(|(axis, _)| AxisChoice {
                        axis_key: axis.clone(),
                        values: Vec::new(),
                    })
                    .collect();
            }
            let same_axes = pairs.len() == axes.len()
                && pairs
                    .iter()
                    .zip(&axes)
                    .all(|((a, _), axis)| *a == axis.axis_key);
            if !same_axes {
                problems.push(at(*line, "options", Problem::OptionsInvalid));
                continue;
            }
            let stock_at_export = match row.stock_at_export.trim() {
                "" => None,
                text => match text.parse::<i64>() {
                    Ok(n) if n >= 0 => Some(n),
                    _ => {
                        problems.push(at(*line, "stock_at_export", Problem::StockInvalid));
                        continue;
                    }
                },
            };
            let disabled = match row.sku_status.trim() {
                "" | "active" => false,
                "disabled" => true,
                _ => {
                    problems.push(at(*line, "sku_status", Problem::CsvSkuStatusInvalid));
                    continue;
                }
            };
            let values: Vec<String> = pairs.into_iter().map(|(_, v)| v).collect();
            if typed.iter().any(|(_, sku)| sku.values == values) {
                problems.push(at(*line, "options", Problem::CsvCombinationRepeated));
                continue;
            }
            for (axis, value) in axes.iter_mut().zip(&values) {
                if !axis.values.contains(value) {
                    axis.values.push(value.clone());
                }
            }
            typed.push((
                *line,
                SkuForm {
                    values,
                    price: row.price.trim().to_string(),
                    stock: row.stock.trim().to_string(),
                    code: row.sku_code.trim().to_string(),
                    // Moved by what the file changed, like the editor (see `stock_at_export`).
                    loaded_stock: stock_at_export,
                    list_price: row.list_price.trim().to_string(),
                    gtin: row.gtin.trim().to_string(),
                    weight: row.weight_g.trim().to_string(),
                    disabled,
                },
            ));
        }
        if problems.len() > before {
            continue;
        }
        let forms: Vec<SkuForm> = typed.iter().map(|(_, sku)| sku.clone()).collect();
        let keys: Vec<String> = axes.iter().map(|a| a.axis_key.clone()).collect();
        let skus = merge_rows(&keys, &axes, &forms);
        let sku_lines = skus
            .iter()
            .map(|sku| {
                typed
                    .iter()
                    .find(|(_, t)| t.values == sku.values)
                    .map_or(*first_line, |(line, _)| *line)
            })
            .collect();
        let product = ImportProduct {
            keeps_attributes: !first.has_attributes,
            key: product_key.clone(),
            line: *first_line,
            version,
            status,
            category_slug: first.category.trim().to_string(),
            form: ProductForm {
                id: match product_key {
                    ProductKey::Existing(id) => Some(id),
                    ProductKey::New(_) => None,
                },
                version,
                // Checked against the database later; a placeholder lets the form's own checks run.
                category_id: Some(0),
                name_zh_hant: first.name_zh_hant.clone(),
                name_zh_hans: first.name_zh_hans.clone(),
                name_en: first.name_en.clone(),
                brand: first.brand.clone(),
                description_zh_hant: first.description_zh_hant.clone(),
                description_zh_hans: first.description_zh_hans.clone(),
                description_en: first.description_en.clone(),
                attributes_zh_hant: first.attributes_zh_hant.clone(),
                attributes_zh_hans: first.attributes_zh_hans.clone(),
                attributes_en: first.attributes_en.clone(),
                axes,
                skus,
                images: Vec::new(),
                publish_at: String::new(),
            },
            sku_lines,
        };
        match product.form.parse() {
            Ok(_) => products.push(product),
            Err(found) => problems.extend(found.into_iter().map(|p| product.locate(p))),
        }
    }
    problems.sort_by_key(|p| p.line);
    (products, problems)
}

/// Reads a CSV file (UTF-8, a byte-order mark allowed, as spreadsheets write it) into numbered
/// rows. A file that is not CSV, lacks a column, or holds no rows or more than
/// [`MAX_CSV_ROWS`] is refused as a whole; a row that cannot be read is refused at its line.
#[cfg(feature = "ssr")]
pub fn read(bytes: &[u8]) -> Result<Vec<(u64, CsvRow)>, Vec<LineProblem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::None)
        .from_reader(bytes);
    let whole = |problem| vec![at(1, "", problem)];
    let headers = reader
        .headers()
        .map_err(|_| whole(Problem::CsvUnreadable))?
        .clone();
    let has = |column: &str| headers.iter().any(|h| h.trim() == column);
    if COLUMNS
        .iter()
        .any(|c| !OPTIONAL_COLUMNS.contains(c) && !has(c))
    {
        return Err(whole(Problem::CsvColumnsMissing));
    }
    let has_attributes = OPTIONAL_COLUMNS.iter().all(|c| has(c));
    let headers = csv::StringRecord::from(headers.iter().map(str::trim).collect::<Vec<_>>());
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().record() + 1;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                // The row's number as a spreadsheet shows it (the header is 1), which is the
                // file's line unless a quoted cell spans lines.
                let line = record.position().map_or(line, |p| p.record() + 1);
                match record.deserialize::<CsvRow>(Some(&headers)) {
                    Ok(row) => rows.push((
                        line,
                        CsvRow {
                            has_attributes,
                            ..row
                        },
                    )),
                    Err(_) => problems.push(at(line, "", Problem::CsvUnreadable)),
                }
            }
            // Not UTF-8, or a row with more or fewer cells than the header.
            Err(error) => {
                let line = error.position().map_or(line, |p| p.record() + 1);
                problems.push(at(line, "", Problem::CsvUnreadable));
                if !matches!(
                    error.kind(),
                    csv::ErrorKind::Utf8 { .. } | csv::ErrorKind::UnequalLengths { .. }
                ) {
                    break;
                }
            }
        }
        if rows.len() > MAX_CSV_ROWS {
            return Err(whole(Problem::CsvTooLarge));
        }
    }
    if rows.is_empty() && problems.is_empty() {
        return Err(whole(Problem::CsvEmpty));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// Writes rows under the header of [`COLUMNS`], as UTF-8 with a byte-order mark.
#[cfg(feature = "ssr")]
pub fn write(rows: &[CsvRow]) -> Result<String, csv::Error> {
    // The header is written even for an empty catalog, so not taken from the first row.
    let mut out = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    out.write_record(COLUMNS)?;
    for row in rows {
        out.serialize(row)?;
    }
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    // A byte-order mark, so spreadsheets open the Chinese as UTF-8; `read` takes it off again.
    Ok(format!("\u{FEFF}{}", String::from_utf8_lossy(&bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(product: &str, options: &str, price: &str, stock: &str) -> CsvRow {
        CsvRow {
            product: product.into(),
            version: if product.parse::<i64>().is_ok() {
                "3".into()
            } else {
                String::new()
            },
            status: "active".into(),
            category: "tea".into(),
            name_en: "Cup".into(),
            name_zh_hant: "杯子".into(),
            name_zh_hans: "杯子".into(),
            options: options.into(),
            price: price.into(),
            stock: stock.into(),
            has_attributes: true,
            ..CsvRow::default()
        }
    }

    fn numbered(rows: Vec<CsvRow>) -> Vec<(u64, CsvRow)> {
        rows.into_iter()
            .enumerate()
            .map(|(i, r)| (i as u64 + 2, r))
            .collect()
    }

    #[test]
    fn options_read_and_write_alike() {
        assert_eq!(
            parse_options(" colour=black ;size = s ;"),
            Some(vec![
                ("colour".into(), "black".into()),
                ("size".into(), "s".into())
            ])
        );
        assert_eq!(parse_options(""), Some(vec![]));
        assert_eq!(parse_options("colour"), None);
        assert_eq!(parse_options("colour=black; colour=white"), None);
        let axes = [
            AxisChoice {
                axis_key: "colour".into(),
                values: vec![],
            },
            AxisChoice {
                axis_key: "size".into(),
                values: vec![],
            },
        ];
        assert_eq!(
            format_options(&axes, &["black".into(), "s".into()]),
            "colour=black; size=s"
        );
    }

    #[test]
    fn rows_group_into_products_with_their_matrix() {
        let rows = numbered(vec![
            row("12", "colour=black; size=s", "129", "5"),
            row("new-mug", "", "39.90", "8"),
            row("12", "colour=white; size=s", "139", "0"),
        ]);
        let (products, problems) = group(&rows);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(products.len(), 2);
        let cup = &products[0];
        assert_eq!(cup.key, ProductKey::Existing(12));
        assert_eq!(cup.version, 3);
        assert_eq!(cup.form.skus.len(), 2);
        assert_eq!(cup.sku_lines, vec![2, 4]);
        assert_eq!(cup.form.axes[0].values, vec!["black", "white"]);
        let mug = &products[1];
        assert_eq!(mug.key, ProductKey::New("new-mug".into()));
        assert_eq!(mug.form.skus[0].price, "39.90");
    }

    #[test]
    fn every_problem_is_named_by_line_and_column() {
        let mut other_name = row("12", "colour=white", "139", "1");
        other_name.name_en = "Bowl".into();
        let mut bad_status = row("new-a", "", "10", "1");
        bad_status.status = "live".into();
        let rows = numbered(vec![
            row("12", "colour=black", "0", "5"),      // 2: price
            other_name,                               // 3: name differs
            row("", "", "10", "1"),                   // 4: no product
            bad_status,                               // 5: status
            row("new-b", "colour=black", "10", "-1"), // 6: stock
            row("new-b", "colour=black", "10", "1"),  // 7: repeated
            row("new-c", "colour", "10", "1"),        // 8: options
        ]);
        let (products, problems) = group(&rows);
        assert!(products.is_empty());
        let found: Vec<(u64, &str, Problem)> = problems
            .iter()
            .map(|p| (p.line, p.column.as_str(), p.problem))
            .collect();
        assert_eq!(
            found,
            vec![
                (3, "name_en", Problem::CsvProductColumnsDiffer),
                (4, "product", Problem::CsvProductMissing),
                (5, "status", Problem::CsvStatusInvalid),
                (7, "options", Problem::CsvCombinationRepeated),
                (8, "options", Problem::OptionsInvalid),
            ]
        );
        // The form's own checks run once the file's structure is right, still by line.
        let rows = numbered(vec![
            row("12", "colour=black", "0", "5"),
            row("12", "colour=white", "139", "x"),
        ]);
        let (_, problems) = group(&rows);
        let found: Vec<(u64, &str)> = problems
            .iter()
            .map(|p| (p.line, p.column.as_str()))
            .collect();
        assert_eq!(found, vec![(2, "price"), (3, "stock")]);
    }

    #[test]
    fn export_reads_back_as_it_was() {
        let rows = numbered(vec![
            row("12", "colour=black; size=s", "129.00", "5"),
            row("12", "colour=white; size=s", "139.00", "0"),
        ]);
        let (products, _) = group(&rows);
        let mut form = products[0].form.clone();
        form.skus[1].gtin = "6901234567892".into();
        form.attributes_zh_hant = "材質: 陶瓷\n容量: 350 ml".into();
        for (i, sku) in form.skus.iter_mut().enumerate() {
            sku.code = format!("TEA-000000{i}-X");
        }
        let again = product_rows(12, 3, ProductStatus::Active, "tea", &form);
        // The product's own columns are written once; every row keeps its key and version.
        assert_eq!(
            (again[1].name_en.as_str(), again[1].version.as_str()),
            ("", "3")
        );
        assert_eq!(again[1].stock_at_export, "0");
        let text = write(&again).unwrap();
        let read_back = read(text.as_bytes()).unwrap();
        assert_eq!(read_back.len(), 2);
        assert_eq!(read_back[0].0, 2);
        assert_eq!(read_back[0].1.options, "colour=black; size=s");
        assert_eq!(read_back[1].1.sku_code, "TEA-0000001-X");
        assert_eq!(read_back[1].1.price, "139.00");
        assert_eq!(read_back[1].1.gtin, "6901234567892");
        let (again, problems) = group(&read_back);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(again[0].form.skus[1].gtin, "6901234567892");
        assert_eq!(again[0].form.skus[1].loaded_stock, Some(0));
        assert_eq!(again[0].form.name_en, "Cup");
        // A cell of several lines comes back whole.
        assert_eq!(again[0].form.attributes_zh_hant, "材質: 陶瓷\n容量: 350 ml");
    }

    #[test]
    fn a_file_without_attribute_columns_keeps_the_stored_ones() {
        let header: Vec<&str> = COLUMNS
            .iter()
            .copied()
            .filter(|c| !OPTIONAL_COLUMNS.contains(c))
            .collect();
        let text = format!(
            "{}\n12,3,active,tea,Cup,杯,杯,,,,,,,9.90,1,,,,,\n",
            header.join(",")
        );
        let rows = read(text.as_bytes()).unwrap();
        assert!(!rows[0].1.has_attributes);
        let (products, problems) = group(&rows);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(products[0].keeps_attributes);
        // With the columns, what the file says is what is saved (empty included).
        let full = format!(
            "{}\n12,3,active,tea,Cup,杯,杯,,,,,,,9.90,1,,,,,,,,\n",
            COLUMNS.join(",")
        );
        let (products, _) = group(&read(full.as_bytes()).unwrap());
        assert!(!products[0].keeps_attributes);
    }

    #[test]
    fn bad_attributes_are_named_at_their_column() {
        let mut first = row("new-a", "", "10", "1");
        first.attributes_en = "Material steel".into();
        let (_, problems) = group(&numbered(vec![first]));
        assert_eq!(
            problems
                .iter()
                .map(|p| (p.line, p.column.as_str(), p.problem))
                .collect::<Vec<_>>(),
            vec![(2, "attributes_en", Problem::AttributesInvalid)]
        );
    }

    #[test]
    fn an_import_of_what_is_stored_is_unchanged() {
        let rows = numbered(vec![
            row("12", "colour=black", "129.00", "5"),
            row("12", "colour=white", "139.00", "0"),
        ]);
        let (products, _) = group(&rows);
        let mut form = products[0].form.clone();
        form.category_id = Some(4);
        let stored = EditorProduct {
            form: form.clone(),
            status: ProductStatus::Active,
            slug: "cup-12".into(),
        };
        assert!(unchanged(&stored, &form, ProductStatus::Active));
        assert!(!unchanged(&stored, &form, ProductStatus::Unlisted));
        let mut cheaper = form.clone();
        cheaper.skus[1].price = "129".into();
        assert!(!unchanged(&stored, &cheaper, ProductStatus::Active));
        let mut restocked = form.clone();
        restocked.skus[1].stock = "3".into();
        assert!(!unchanged(&stored, &restocked, ProductStatus::Active));
        // "129" and "129.00" are the same price.
        let mut retyped = form;
        retyped.skus[0].price = "129".into();
        assert!(unchanged(&stored, &retyped, ProductStatus::Active));
    }

    #[test]
    fn unreadable_files_are_refused_whole_or_by_line() {
        let problem = |bytes: &[u8]| read(bytes).unwrap_err()[0].problem;
        assert_eq!(problem(b"name,price\nCup,3\n"), Problem::CsvColumnsMissing);
        let header = COLUMNS.join(",");
        assert_eq!(problem(format!("{header}\n").as_bytes()), Problem::CsvEmpty);
        let short = format!("{header}\n1,2,active\n");
        let refused = read(short.as_bytes()).unwrap_err();
        assert_eq!(
            (refused[0].line, refused[0].problem),
            (2, Problem::CsvUnreadable)
        );
        // A spreadsheet's byte-order mark and quoted line breaks are fine.
        let mut text = format!("\u{FEFF}{header}\n");
        text.push_str("1,2,active,tea,Cup,杯,杯,,\"two\nlines\",,,,,9.90,1,,,,,,,,\n");
        text.push_str(",,,,,,,,,,,,,,,,,,,,,,\n");
        text.push_str("2,1,active,tea,Pot,壺,壶,,,,,,,19.90,1,,,,disabled,1,,,\n");
        let rows = read(text.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].1.description_en, "two\nlines");
        // Rows are numbered as a spreadsheet shows them, whatever lines their cells span.
        assert_eq!((rows[0].0, rows[1].0), (2, 4));
        assert_eq!(rows[1].1.sku_status, "disabled");
    }
}
