//! The demo catalog's words in three languages: categories, option axes, product kinds, series.
//! Each entry is (Traditional, Simplified, English).

pub type Tri = (&'static str, &'static str, &'static str);

pub struct AxisDef {
    pub key: &'static str,
    pub name: Tri,
    pub values: &'static [(&'static str, Tri)],
}

#[derive(Clone, Copy, Debug)]
pub enum Shape {
    Phone,
    Round,
    Laptop,
    Package,
    Garment,
    Shoe,
    Bottle,
    Cup,
    Pot,
}

pub struct KindDef {
    pub key: &'static str,
    pub name: Tri,
    /// Axis key and the values this kind offers on it (a product uses a subset).
    pub axes: &'static [(&'static str, &'static [&'static str])],
    pub base_price_yuan: i64,
    /// Added per step along the last axis (bigger storage, larger pack, …).
    pub step_yuan: i64,
    pub shape: Shape,
    /// Description with `{}` where the series name goes.
    pub blurb: Tri,
}

pub struct SubcategoryDef {
    pub slug: &'static str,
    pub name: Tri,
    pub kinds: &'static [KindDef],
}

pub struct CategoryDef {
    pub slug: &'static str,
    pub name: Tri,
    pub hue: u32,
    pub children: &'static [SubcategoryDef],
}

pub const AXES: &[AxisDef] = &[
    AxisDef {
        key: "colour",
        name: ("顏色", "颜色", "Colour"),
        values: &[
            ("black", ("黑色", "黑色", "Black")),
            ("white", ("白色", "白色", "White")),
            ("grey", ("灰色", "灰色", "Grey")),
            ("blue", ("藍色", "蓝色", "Blue")),
            ("red", ("紅色", "红色", "Red")),
            ("green", ("綠色", "绿色", "Green")),
            ("pink", ("粉色", "粉色", "Pink")),
            ("beige", ("米色", "米色", "Beige")),
        ],
    },
    AxisDef {
        key: "size",
        name: ("尺碼", "尺码", "Size"),
        values: &[
            ("s", ("S", "S", "S")),
            ("m", ("M", "M", "M")),
            ("l", ("L", "L", "L")),
            ("xl", ("XL", "XL", "XL")),
        ],
    },
    AxisDef {
        key: "shoe_size",
        name: ("鞋碼", "鞋码", "Shoe size"),
        values: &[
            ("38", ("38", "38", "38")),
            ("39", ("39", "39", "39")),
            ("40", ("40", "40", "40")),
            ("41", ("41", "41", "41")),
            ("42", ("42", "42", "42")),
            ("43", ("43", "43", "43")),
            ("44", ("44", "44", "44")),
        ],
    },
    AxisDef {
        key: "storage",
        name: ("儲存容量", "存储容量", "Storage"),
        values: &[
            ("128gb", ("128GB", "128GB", "128 GB")),
            ("256gb", ("256GB", "256GB", "256 GB")),
            ("512gb", ("512GB", "512GB", "512 GB")),
            ("1tb", ("1TB", "1TB", "1 TB")),
        ],
    },
    AxisDef {
        key: "battery",
        name: ("電池容量", "电池容量", "Battery"),
        values: &[
            ("10000mah", ("10000mAh", "10000mAh", "10,000 mAh")),
            ("20000mah", ("20000mAh", "20000mAh", "20,000 mAh")),
        ],
    },
    AxisDef {
        key: "config",
        name: ("配置", "配置", "Configuration"),
        values: &[
            ("16-512", ("16GB + 512GB", "16GB + 512GB", "16 GB + 512 GB")),
            ("32-1t", ("32GB + 1TB", "32GB + 1TB", "32 GB + 1 TB")),
            ("64-2t", ("64GB + 2TB", "64GB + 2TB", "64 GB + 2 TB")),
        ],
    },
    AxisDef {
        key: "volume",
        name: ("容量", "容量", "Volume"),
        values: &[
            ("30ml", ("30ml", "30ml", "30 ml")),
            ("50ml", ("50ml", "50ml", "50 ml")),
            ("100ml", ("100ml", "100ml", "100 ml")),
            ("500ml", ("500ml", "500ml", "500 ml")),
            ("3l", ("3公升", "3升", "3 L")),
            ("4l", ("4公升", "4升", "4 L")),
            ("5l", ("5公升", "5升", "5 L")),
        ],
    },
    AxisDef {
        key: "weight",
        name: ("規格", "规格", "Weight"),
        values: &[
            ("100g", ("100克", "100克", "100 g")),
            ("250g", ("250克", "250克", "250 g")),
            ("500g", ("500克", "500克", "500 g")),
        ],
    },
    AxisDef {
        key: "bed_size",
        name: ("床尺寸", "床尺寸", "Bed size"),
        values: &[
            ("150", ("1.5米", "1.5米", "1.5 m")),
            ("180", ("1.8米", "1.8米", "1.8 m")),
            ("200", ("2.0米", "2.0米", "2.0 m")),
        ],
    },
    AxisDef {
        key: "diameter",
        name: ("直徑", "直径", "Diameter"),
        values: &[
            ("28cm", ("28厘米", "28厘米", "28 cm")),
            ("30cm", ("30厘米", "30厘米", "30 cm")),
            ("32cm", ("32厘米", "32厘米", "32 cm")),
        ],
    },
    AxisDef {
        key: "people",
        name: ("人數", "人数", "Sleeps"),
        values: &[
            ("2p", ("2人", "2人", "2 people")),
            ("3p", ("3人", "3人", "3 people")),
            ("4p", ("4人", "4人", "4 people")),
        ],
    },
];

pub const SERIES: &[(&str, Tri)] = &[
    ("obsidian", ("曜石", "曜石", "Obsidian")),
    ("azure", ("青嵐", "青岚", "Azure Mist")),
    ("aurora", ("極光", "极光", "Aurora")),
    ("pine", ("松風", "松风", "Pine Breeze")),
    ("dawn", ("晨曦", "晨曦", "Dawn")),
    ("galaxy", ("星河", "星河", "Star River")),
    ("cloud", ("雲朵", "云朵", "Cloud")),
    ("bamboo", ("竹影", "竹影", "Bamboo")),
    ("ink", ("墨韻", "墨韵", "Ink")),
    ("tide", ("海潮", "海潮", "Tide")),
    ("summit", ("山嵐", "山岚", "Summit")),
    ("sunny", ("暖陽", "暖阳", "Sunny")),
];

mod categories;
pub use categories::CATEGORIES;
