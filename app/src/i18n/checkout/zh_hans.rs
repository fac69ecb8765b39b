use super::CheckoutTexts;

pub static CHECKOUT: CheckoutTexts = CheckoutTexts {
    title: "结算",
    contact: "联系方式",
    email: "电子邮箱",
    guest_hint: "您正以访客身份结算，订单确认将发送到此邮箱。",
    have_account: "登录",
    create_account: "注册账号",
    account_hint: "会员可在同一处管理订单、地址与积分。",
    shipping_address: "收货地址",
    saved_addresses: "已存地址",
    new_address: "新地址",
    shipping_method: "配送方式",
    free: "包邮",
    free_over: "满 {} 包邮",
    choose_region_first: "请选择地区以查看运费。",
    place_order: "提交订单",
    placing: "正在提交订单…",
    cart_changed: "购物车为空或已变更，请重新确认。",
    stock_changed: "订单未成立：您查看购物车后库存有变。",
    shortfall: "{}：您要 {} 件，剩 {} 件。",
    shortfall_sold_out: "{}：已售罄或已下架。",
};
