use super::CheckoutTexts;

pub static CHECKOUT: CheckoutTexts = CheckoutTexts {
    title: "結帳",
    contact: "聯絡方式",
    email: "電子郵件",
    guest_hint: "您正以訪客身分結帳，訂單確認將寄到此電子郵件。",
    have_account: "登入",
    create_account: "建立帳號",
    account_hint: "會員可在同一處管理訂單、地址與點數。",
    shipping_address: "收件地址",
    saved_addresses: "已存地址",
    new_address: "新地址",
    shipping_method: "配送方式",
    free: "免運",
    free_over: "滿 {} 免運",
    choose_region_first: "請選擇地區以查看運費。",
    place_order: "提交訂單",
    placing: "正在提交訂單…",
    cart_changed: "購物車是空的或已變更，請重新確認。",
    stock_changed: "訂單未成立：您查看購物車後庫存有變。",
    shortfall: "{}：您要 {} 件，剩 {} 件。",
    shortfall_sold_out: "{}：已售完或已下架。",
};
