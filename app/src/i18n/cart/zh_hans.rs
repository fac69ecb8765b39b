use super::CartTexts;

pub static CART: CartTexts = CartTexts {
    title: "购物车",
    quantity_for: "{} 的数量",
    remove: "移除 {}",
    checkout: "结算",
    only_left: "仅剩 {} 件",
    unavailable: "已无法购买",
    unit_price: "单价",
    line_total: "小计",
    subtotal: "商品小计",
    total: "合计",
    how_total: "金额计算方式",
    shipping_later: "运费会在结算时根据地址与配送方式加上。",
    added: "已加入购物车。",
    view_cart: "查看购物车",
    items_in_cart: "购物车内有 {} 件商品",
    left_out: "未计入：已无法购买。",
    shipping: "运费",
    quantity_out_of_range: "请选择 1 至 {} 的数量。",
    reduced_to_stock: "您原要 {} 件，已改为目前剩余的数量。",
    stored_cart_repaired: "此浏览器保存的部分数量不合理，已更正（每项 1 至 99 件）。",
};
