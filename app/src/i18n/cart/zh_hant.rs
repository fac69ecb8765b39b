use super::CartTexts;

pub static CART: CartTexts = CartTexts {
    title: "購物車",
    quantity_for: "{} 的數量",
    remove: "移除 {}",
    checkout: "結帳",
    only_left: "僅剩 {} 件",
    unavailable: "已無法購買",
    unit_price: "單價",
    line_total: "小計",
    subtotal: "商品小計",
    total: "合計",
    how_total: "金額計算方式",
    shipping_later: "運費會在結帳時依地址與配送方式加上。",
    added: "已加入購物車。",
    view_cart: "查看購物車",
    items_in_cart: "購物車內有 {} 件商品",
    left_out: "未計入：已無法購買。",
    shipping: "運費",
    quantity_out_of_range: "請選擇 1 至 {} 的數量。",
    reduced_to_stock: "您原要 {} 件，已改為目前剩餘的數量。",
    stored_cart_repaired: "此瀏覽器儲存的部分數量不合理，已更正（每項 1 至 99 件）。",
};
