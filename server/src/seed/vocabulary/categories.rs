//! The demo catalog's category tree and the kinds of product in each subcategory.

use super::{CategoryDef, KindDef, Shape, SubcategoryDef};

const COLOURS: &[&str] = &[
    "black", "white", "grey", "blue", "red", "green", "pink", "beige",
];

pub const CATEGORIES: &[CategoryDef] = &[
    CategoryDef {
        slug: "digital",
        name: ("手機數碼", "手机数码", "Phones & Digital"),
        hue: 210,
        children: &[
            SubcategoryDef {
                slug: "phones",
                name: ("手機", "手机", "Phones"),
                kinds: &[KindDef {
                    key: "smartphone",
                    name: ("智能手機", "智能手机", "Smartphone"),
                    axes: &[("colour", &["black", "white", "blue", "green"]), ("storage", &["128gb", "256gb", "512gb", "1tb"])],
                    base_price_yuan: 1999,
                    step_yuan: 500,
                    shape: Shape::Phone,
                    blurb: (
                        "{}智能手機配備 6.5 吋高亮度螢幕與全天候續航電池，雙鏡頭在夜間也能拍出清晰照片。\n支援 5G 與快速充電，盒內附 USB-C 充電線。",
                        "{}智能手机配备 6.5 英寸高亮度屏幕与全天候续航电池，双摄像头在夜间也能拍出清晰照片。\n支持 5G 与快速充电，盒内附 USB-C 充电线。",
                        "The {} smartphone pairs a bright 6.5-inch display with a battery that lasts all day, and its dual camera takes sharp photos even at night.\nSupports 5G and fast charging; a USB-C cable is in the box.",
                    ),
                }],
            },
            SubcategoryDef {
                slug: "audio",
                name: ("耳機音響", "耳机音响", "Audio"),
                kinds: &[
                    KindDef {
                        key: "earbuds",
                        name: ("藍牙耳機", "蓝牙耳机", "Wireless Earbuds"),
                        axes: &[("colour", &["black", "white", "pink", "blue"])],
                        base_price_yuan: 299,
                        step_yuan: 0,
                        shape: Shape::Round,
                        blurb: (
                            "{}藍牙耳機主動降噪，單次續航 8 小時，充電盒再提供 24 小時。\n輕巧入耳設計，通勤運動皆合適。",
                            "{}蓝牙耳机主动降噪，单次续航 8 小时，充电盒再提供 24 小时。\n轻巧入耳设计，通勤运动皆合适。",
                            "{} wireless earbuds with active noise cancelling: 8 hours per charge and 24 more from the case.\nLight in-ear fit for commuting and workouts.",
                        ),
                    },
                    KindDef {
                        key: "speaker",
                        name: ("藍牙音箱", "蓝牙音箱", "Bluetooth Speaker"),
                        axes: &[("colour", &["black", "grey", "red", "green"])],
                        base_price_yuan: 399,
                        step_yuan: 0,
                        shape: Shape::Round,
                        blurb: (
                            "{}藍牙音箱 360 度環繞聲場，IPX7 防水，露營與派對的好夥伴。",
                            "{}蓝牙音箱 360 度环绕声场，IPX7 防水，露营与派对的好伙伴。",
                            "The {} Bluetooth speaker fills the room with 360-degree sound and is IPX7 waterproof, made for camping and parties.",
                        ),
                    },
                ],
            },
            SubcategoryDef {
                slug: "chargers",
                name: ("充電配件", "充电配件", "Chargers & Power"),
                kinds: &[KindDef {
                    key: "powerbank",
                    name: ("行動電源", "移动电源", "Power Bank"),
                    axes: &[("colour", &["black", "white"]), ("battery", &["10000mah", "20000mah"])],
                    base_price_yuan: 129,
                    step_yuan: 60,
                    shape: Shape::Package,
                    blurb: (
                        "{}行動電源支援雙向快充，可同時為兩部裝置充電，隨身攜帶無負擔。",
                        "{}移动电源支持双向快充，可同时为两部设备充电，随身携带无负担。",
                        "The {} power bank charges fast both ways and powers two devices at once, light enough to carry every day.",
                    ),
                }],
            },
        ],
    },
    CategoryDef {
        slug: "computers",
        name: ("電腦辦公", "电脑办公", "Computers & Office"),
        hue: 250,
        children: &[
            SubcategoryDef {
                slug: "laptops",
                name: ("筆記型電腦", "笔记本电脑", "Laptops"),
                kinds: &[KindDef {
                    key: "ultrabook",
                    name: ("輕薄筆電", "轻薄笔记本", "Ultrabook"),
                    axes: &[("colour", &["grey", "white", "blue"]), ("config", &["16-512", "32-1t", "64-2t"])],
                    base_price_yuan: 4999,
                    step_yuan: 1500,
                    shape: Shape::Laptop,
                    blurb: (
                        "{}輕薄筆電重 1.2 公斤，14 吋 2.8K 螢幕，電池續航 14 小時，工作學習隨行。",
                        "{}轻薄笔记本重 1.2 公斤，14 英寸 2.8K 屏幕，电池续航 14 小时，工作学习随行。",
                        "The {} ultrabook weighs 1.2 kg, has a 14-inch 2.8K screen and 14 hours of battery, ready for work and study anywhere.",
                    ),
                }],
            },
            SubcategoryDef {
                slug: "peripherals",
                name: ("鍵盤滑鼠", "键盘鼠标", "Keyboards & Mice"),
                kinds: &[
                    KindDef {
                        key: "keyboard",
                        name: ("機械鍵盤", "机械键盘", "Mechanical Keyboard"),
                        axes: &[("colour", &["black", "white", "pink"])],
                        base_price_yuan: 399,
                        step_yuan: 0,
                        shape: Shape::Laptop,
                        blurb: (
                            "{}機械鍵盤採用熱插拔軸體，三模連接，敲擊手感清脆。",
                            "{}机械键盘采用热插拔轴体，三模连接，敲击手感清脆。",
                            "The {} mechanical keyboard has hot-swappable switches, three connection modes and a crisp typing feel.",
                        ),
                    },
                    KindDef {
                        key: "mouse",
                        name: ("無線滑鼠", "无线鼠标", "Wireless Mouse"),
                        axes: &[("colour", &["black", "white", "grey"])],
                        base_price_yuan: 149,
                        step_yuan: 0,
                        shape: Shape::Round,
                        blurb: (
                            "{}無線滑鼠人體工學造型，靜音按鍵，一次充電使用 70 天。",
                            "{}无线鼠标人体工学造型，静音按键，一次充电使用 70 天。",
                            "The {} wireless mouse has an ergonomic shape, silent buttons and 70 days of use per charge.",
                        ),
                    },
                ],
            },
            SubcategoryDef {
                slug: "stationery",
                name: ("文具", "文具", "Stationery"),
                kinds: &[KindDef {
                    key: "fountain-pen",
                    name: ("鋼筆", "钢笔", "Fountain Pen"),
                    axes: &[("colour", &["black", "blue", "red", "green"])],
                    base_price_yuan: 159,
                    step_yuan: 0,
                    shape: Shape::Package,
                    blurb: (
                        "{}鋼筆採用德國筆尖，書寫順滑，附吸墨器與禮盒。",
                        "{}钢笔采用德国笔尖，书写顺滑，附吸墨器与礼盒。",
                        "The {} fountain pen writes smoothly with a German nib; comes with a converter and gift box.",
                    ),
                }],
            },
        ],
    },
    CategoryDef {
        slug: "appliances",
        name: ("家用電器", "家用电器", "Home Appliances"),
        hue: 30,
        children: &[
            SubcategoryDef {
                slug: "kitchen-appliances",
                name: ("廚房電器", "厨房电器", "Kitchen Appliances"),
                kinds: &[
                    KindDef {
                        key: "rice-cooker",
                        name: ("電飯煲", "电饭煲", "Rice Cooker"),
                        axes: &[("colour", &["white", "red", "grey"]), ("volume", &["3l", "4l", "5l"])],
                        base_price_yuan: 399,
                        step_yuan: 100,
                        shape: Shape::Pot,
                        blurb: (
                            "{}電飯煲 IH 電磁加熱，煮飯、煲粥、蒸煮一鍋搞定，預約功能讓早餐準時上桌。",
                            "{}电饭煲 IH 电磁加热，煮饭、煲粥、蒸煮一锅搞定，预约功能让早餐准时上桌。",
                            "The {} rice cooker uses induction heating for rice, congee and steaming, with a timer so breakfast is ready on time.",
                        ),
                    },
                    KindDef {
                        key: "kettle",
                        name: ("電熱水壺", "电热水壶", "Electric Kettle"),
                        axes: &[("colour", &["white", "black", "green"])],
                        base_price_yuan: 159,
                        step_yuan: 0,
                        shape: Shape::Pot,
                        blurb: (
                            "{}電熱水壺可設定泡茶溫度，304 不鏽鋼內膽，五分鐘煮沸一公升。",
                            "{}电热水壶可设定泡茶温度，304 不锈钢内胆，五分钟煮沸一升。",
                            "The {} electric kettle has tea temperature presets and a 304 stainless steel body; boils a litre in five minutes.",
                        ),
                    },
                ],
            },
            SubcategoryDef {
                slug: "cleaning",
                name: ("清潔電器", "清洁电器", "Cleaning"),
                kinds: &[KindDef {
                    key: "vacuum",
                    name: ("無線吸塵器", "无线吸尘器", "Cordless Vacuum"),
                    axes: &[("colour", &["grey", "blue"])],
                    base_price_yuan: 1299,
                    step_yuan: 0,
                    shape: Shape::Package,
                    blurb: (
                        "{}無線吸塵器吸力強勁，續航 60 分鐘，附除蟎與縫隙刷頭。",
                        "{}无线吸尘器吸力强劲，续航 60 分钟，附除螨与缝隙刷头。",
                        "The {} cordless vacuum has strong suction and 60 minutes of runtime, with mite and crevice brushes included.",
                    ),
                }],
            },
        ],
    },
    CategoryDef {
        slug: "fashion",
        name: ("服飾鞋包", "服饰鞋包", "Fashion"),
        hue: 330,
        children: &[
            SubcategoryDef {
                slug: "tops",
                name: ("上衣", "上衣", "Tops"),
                kinds: &[
                    KindDef {
                        key: "t-shirt",
                        name: ("純棉T恤", "纯棉T恤", "Cotton T-shirt"),
                        axes: &[("colour", COLOURS), ("size", &["s", "m", "l", "xl"])],
                        base_price_yuan: 79,
                        step_yuan: 0,
                        shape: Shape::Garment,
                        blurb: (
                            "{}純棉T恤採用新疆長絨棉，親膚透氣，洗後不易變形。",
                            "{}纯棉T恤采用新疆长绒棉，亲肤透气，洗后不易变形。",
                            "The {} cotton T-shirt is made of long-staple cotton: soft, breathable and keeps its shape wash after wash.",
                        ),
                    },
                    KindDef {
                        key: "shirt",
                        name: ("襯衫", "衬衫", "Oxford Shirt"),
                        axes: &[("colour", &["white", "blue", "pink"]), ("size", &["s", "m", "l", "xl"])],
                        base_price_yuan: 199,
                        step_yuan: 0,
                        shape: Shape::Garment,
                        blurb: (
                            "{}牛津紡襯衫版型修身，免燙處理，上班休閒兩相宜。",
                            "{}牛津纺衬衫版型修身，免烫处理，上班休闲两相宜。",
                            "The {} Oxford shirt has a slim cut and a non-iron finish, right for the office and the weekend.",
                        ),
                    },
                ],
            },
            SubcategoryDef {
                slug: "outerwear",
                name: ("外套", "外套", "Outerwear"),
                kinds: &[KindDef {
                    key: "down-jacket",
                    name: ("羽絨外套", "羽绒外套", "Down Jacket"),
                    axes: &[("colour", &["black", "red", "beige", "green"]), ("size", &["s", "m", "l", "xl"])],
                    base_price_yuan: 699,
                    step_yuan: 0,
                    shape: Shape::Garment,
                    blurb: (
                        "{}羽絨外套填充 90% 白鵝絨，防潑水面料，零下十度依然溫暖。",
                        "{}羽绒外套填充 90% 白鹅绒，防泼水面料，零下十度依然温暖。",
                        "The {} down jacket is filled with 90% white goose down in a water-repellent shell, warm down to minus ten degrees.",
                    ),
                }],
            },
            SubcategoryDef {
                slug: "shoes",
                name: ("鞋履", "鞋履", "Shoes"),
                kinds: &[KindDef {
                    key: "sneakers",
                    name: ("休閒運動鞋", "休闲运动鞋", "Sneakers"),
                    axes: &[("colour", &["white", "black", "grey"]), ("shoe_size", &["38", "39", "40", "41", "42", "43", "44"])],
                    base_price_yuan: 399,
                    step_yuan: 0,
                    shape: Shape::Shoe,
                    blurb: (
                        "{}休閒運動鞋輕量鞋底，透氣網面，整天走路也舒適。",
                        "{}休闲运动鞋轻量鞋底，透气网面，整天走路也舒适。",
                        "The {} sneakers have a light sole and breathable mesh upper, comfortable for walking all day.",
                    ),
                }],
            },
        ],
    },
    CategoryDef {
        slug: "beauty",
        name: ("美妝個護", "美妆个护", "Beauty & Care"),
        hue: 350,
        children: &[
            SubcategoryDef {
                slug: "skincare",
                name: ("護膚", "护肤", "Skincare"),
                kinds: &[
                    KindDef {
                        key: "serum",
                        name: ("精華液", "精华液", "Serum"),
                        axes: &[("volume", &["30ml", "50ml", "100ml"])],
                        base_price_yuan: 259,
                        step_yuan: 120,
                        shape: Shape::Bottle,
                        blurb: (
                            "{}精華液含玻尿酸與菸鹼醯胺，保濕提亮，質地清爽不黏膩。",
                            "{}精华液含玻尿酸与烟酰胺，保湿提亮，质地清爽不黏腻。",
                            "The {} serum combines hyaluronic acid and niacinamide to hydrate and brighten, with a light, non-sticky texture.",
                        ),
                    },
                    KindDef {
                        key: "face-cream",
                        name: ("保濕面霜", "保湿面霜", "Moisturising Cream"),
                        axes: &[("volume", &["30ml", "50ml"])],
                        base_price_yuan: 199,
                        step_yuan: 90,
                        shape: Shape::Pot,
                        blurb: (
                            "{}保濕面霜修護肌膚屏障，敏感肌適用，日夜皆可使用。",
                            "{}保湿面霜修护肌肤屏障，敏感肌适用，日夜皆可使用。",
                            "The {} moisturising cream repairs the skin barrier, suits sensitive skin and works day and night.",
                        ),
                    },
                ],
            },
            SubcategoryDef {
                slug: "hair-body",
                name: ("洗護", "洗护", "Hair & Body"),
                kinds: &[KindDef {
                    key: "shampoo",
                    name: ("洗髮露", "洗发露", "Shampoo"),
                    axes: &[("volume", &["500ml"])],
                    base_price_yuan: 69,
                    step_yuan: 0,
                    shape: Shape::Bottle,
                    blurb: (
                        "{}洗髮露無矽靈配方，溫和清潔頭皮，髮絲蓬鬆有光澤。",
                        "{}洗发露无硅油配方，温和清洁头皮，发丝蓬松有光泽。",
                        "The {} shampoo is silicone-free, cleans the scalp gently and leaves hair full and glossy.",
                    ),
                }],
            },
        ],
    },
    CategoryDef {
        slug: "food",
        name: ("食品飲料", "食品饮料", "Food & Drinks"),
        hue: 95,
        children: &[
            SubcategoryDef {
                slug: "tea",
                name: ("茶葉", "茶叶", "Tea"),
                kinds: &[
                    KindDef {
                        key: "oolong",
                        name: ("烏龍茶", "乌龙茶", "Oolong Tea"),
                        axes: &[("weight", &["100g", "250g", "500g"])],
                        base_price_yuan: 88,
                        step_yuan: 110,
                        shape: Shape::Cup,
                        blurb: (
                            "{}烏龍茶來自高山茶園，花香馥郁，回甘悠長，可沖泡七次以上。",
                            "{}乌龙茶来自高山茶园，花香馥郁，回甘悠长，可冲泡七次以上。",
                            "{} oolong tea from high-mountain gardens: floral, with a long sweet finish, good for seven infusions or more.",
                        ),
                    },
                    KindDef {
                        key: "green-tea",
                        name: ("龍井綠茶", "龙井绿茶", "Longjing Green Tea"),
                        axes: &[("weight", &["100g", "250g"])],
                        base_price_yuan: 128,
                        step_yuan: 160,
                        shape: Shape::Cup,
                        blurb: (
                            "{}明前龍井，豆香清雅，湯色嫩綠明亮。",
                            "{}明前龙井，豆香清雅，汤色嫩绿明亮。",
                            "{} pre-Qingming Longjing: a delicate nutty aroma and a bright, pale green cup.",
                        ),
                    },
                    KindDef {
                        key: "puer",
                        name: ("普洱茶", "普洱茶", "Pu'er Tea"),
                        axes: &[("weight", &["100g", "250g", "500g"])],
                        base_price_yuan: 168,
                        step_yuan: 150,
                        shape: Shape::Cup,
                        blurb: (
                            "{}普洱熟茶，陳香醇厚，湯色紅濃，適合飯後品飲。",
                            "{}普洱熟茶，陈香醇厚，汤色红浓，适合饭后品饮。",
                            "{} ripe pu'er: mellow and earthy with a deep red cup, lovely after a meal.",
                        ),
                    },
                ],
            },
            SubcategoryDef {
                slug: "snacks",
                name: ("零食", "零食", "Snacks"),
                kinds: &[KindDef {
                    key: "mixed-nuts",
                    name: ("每日堅果", "每日坚果", "Daily Mixed Nuts"),
                    axes: &[("weight", &["250g", "500g"])],
                    base_price_yuan: 59,
                    step_yuan: 45,
                    shape: Shape::Package,
                    blurb: (
                        "{}每日堅果，六種堅果果乾科學配比，獨立小包裝，辦公室常備。",
                        "{}每日坚果，六种坚果果干科学配比，独立小包装，办公室常备。",
                        "{} daily mixed nuts: six nuts and dried fruits in individual packs, a desk-drawer staple.",
                    ),
                }],
            },
            SubcategoryDef {
                slug: "coffee",
                name: ("咖啡", "咖啡", "Coffee"),
                kinds: &[KindDef {
                    key: "coffee-beans",
                    name: ("咖啡豆", "咖啡豆", "Coffee Beans"),
                    axes: &[("weight", &["250g", "500g"])],
                    base_price_yuan: 89,
                    step_yuan: 70,
                    shape: Shape::Cup,
                    blurb: (
                        "{}雲南咖啡豆中度烘焙，帶有堅果與焦糖風味，新鮮烘焙後七天內出貨。",
                        "{}云南咖啡豆中度烘焙，带有坚果与焦糖风味，新鲜烘焙后七天内发货。",
                        "{} Yunnan coffee beans, medium roast with notes of nuts and caramel, shipped within seven days of roasting.",
                    ),
                }],
            },
        ],
    },
    CategoryDef {
        slug: "home",
        name: ("家居生活", "家居生活", "Home & Living"),
        hue: 160,
        children: &[
            SubcategoryDef {
                slug: "bedding",
                name: ("床品", "床品", "Bedding"),
                kinds: &[
                    KindDef {
                        key: "silk-duvet",
                        name: ("蠶絲被", "蚕丝被", "Silk Duvet"),
                        axes: &[("bed_size", &["150", "180", "200"])],
                        base_price_yuan: 899,
                        step_yuan: 200,
                        shape: Shape::Package,
                        blurb: (
                            "{}蠶絲被填充桑蠶長絲，輕盈保暖，四季皆宜。",
                            "{}蚕丝被填充桑蚕长丝，轻盈保暖，四季皆宜。",
                            "The {} silk duvet is filled with long mulberry silk: light, warm and right for every season.",
                        ),
                    },
                    KindDef {
                        key: "pillow",
                        name: ("記憶枕", "记忆枕", "Memory Foam Pillow"),
                        axes: &[],
                        base_price_yuan: 169,
                        step_yuan: 0,
                        shape: Shape::Round,
                        blurb: (
                            "{}記憶枕慢回彈支撐頸椎，可拆洗枕套。",
                            "{}记忆枕慢回弹支撑颈椎，可拆洗枕套。",
                            "The {} memory foam pillow supports your neck with slow-rebound foam; the cover comes off for washing.",
                        ),
                    },
                ],
            },
            SubcategoryDef {
                slug: "kitchenware",
                name: ("廚具", "厨具", "Kitchenware"),
                kinds: &[
                    KindDef {
                        key: "wok",
                        name: ("不沾炒鍋", "不粘炒锅", "Non-stick Wok"),
                        axes: &[("diameter", &["28cm", "30cm", "32cm"])],
                        base_price_yuan: 199,
                        step_yuan: 30,
                        shape: Shape::Pot,
                        blurb: (
                            "{}不沾炒鍋少油少煙，電磁爐與瓦斯爐通用。",
                            "{}不粘炒锅少油少烟，电磁炉与燃气灶通用。",
                            "The {} non-stick wok needs little oil, makes little smoke and works on induction and gas.",
                        ),
                    },
                    KindDef {
                        key: "tea-set",
                        name: ("陶瓷茶具", "陶瓷茶具", "Ceramic Tea Set"),
                        axes: &[("colour", &["white", "blue", "green"])],
                        base_price_yuan: 259,
                        step_yuan: 0,
                        shape: Shape::Cup,
                        blurb: (
                            "{}陶瓷茶具一壺四杯，手工拉坯，釉色溫潤。",
                            "{}陶瓷茶具一壶四杯，手工拉坯，釉色温润。",
                            "The {} ceramic tea set has one pot and four cups, hand-thrown with a soft glaze.",
                        ),
                    },
                ],
            },
        ],
    },
    CategoryDef {
        slug: "sports",
        name: ("運動戶外", "运动户外", "Sports & Outdoors"),
        hue: 130,
        children: &[
            SubcategoryDef {
                slug: "running",
                name: ("跑步", "跑步", "Running"),
                kinds: &[KindDef {
                    key: "running-shoes",
                    name: ("緩震跑鞋", "缓震跑鞋", "Cushioned Running Shoes"),
                    axes: &[("colour", &["black", "blue", "red", "white"]), ("shoe_size", &["38", "39", "40", "41", "42", "43", "44"])],
                    base_price_yuan: 499,
                    step_yuan: 0,
                    shape: Shape::Shoe,
                    blurb: (
                        "{}緩震跑鞋中底回彈出色，適合日常慢跑與半程馬拉松。",
                        "{}缓震跑鞋中底回弹出色，适合日常慢跑与半程马拉松。",
                        "The {} cushioned running shoes have a springy midsole for daily runs and half marathons.",
                    ),
                }],
            },
            SubcategoryDef {
                slug: "camping",
                name: ("露營", "露营", "Camping"),
                kinds: &[KindDef {
                    key: "tent",
                    name: ("輕量帳篷", "轻量帐篷", "Lightweight Tent"),
                    axes: &[("colour", &["green", "beige", "grey"]), ("people", &["2p", "3p", "4p"])],
                    base_price_yuan: 699,
                    step_yuan: 200,
                    shape: Shape::Package,
                    blurb: (
                        "{}輕量帳篷三分鐘快速搭建，雙層防雨，適合三季露營。",
                        "{}轻量帐篷三分钟快速搭建，双层防雨，适合三季露营。",
                        "The {} lightweight tent pitches in three minutes with a double rain layer, built for three-season camping.",
                    ),
                }],
            },
            SubcategoryDef {
                slug: "fitness",
                name: ("健身", "健身", "Fitness"),
                kinds: &[KindDef {
                    key: "yoga-mat",
                    name: ("瑜伽墊", "瑜伽垫", "Yoga Mat"),
                    axes: &[("colour", &["pink", "blue", "green", "grey"])],
                    base_price_yuan: 129,
                    step_yuan: 0,
                    shape: Shape::Package,
                    blurb: (
                        "{}瑜伽墊 6 毫米厚，雙面防滑，附收納綁帶。",
                        "{}瑜伽垫 6 毫米厚，双面防滑，附收纳绑带。",
                        "The {} yoga mat is 6 mm thick, non-slip on both sides and comes with a carry strap.",
                    ),
                }],
            },
        ],
    },
];
