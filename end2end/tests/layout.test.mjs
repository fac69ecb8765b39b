// Every page a shopper sees fits a 360 px phone in all three languages (English words are
// longer, Chinese lines wrap differently): no sideways scrolling, after hydration.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, BASE_URL, hydrated } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const NARROW = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const LANGUAGES = ["zh-Hant", "zh-Hans", "en"];
const GUEST_PAGES = [
  "/", "/categories", "/c/tea", "/c/digital", "/c/fashion?opt=colour%3Ablack", "/p/sneakers-obsidian",
  "/p/smartphone-obsidian", "/search?q=tea", "/search?q=%E6%89%8B%E6%A9%9F", "/search?q=zzzzqqq",
  "/cart", "/checkout", "/sign-in", "/register", "/forgot-password", "/privacy", "/no-such-page",
];
const MEMBER_PAGES = [
  "/cart", "/checkout", "/account", "/account/profile", "/account/addresses", "/account/favourites",
  "/account/history", "/account/points", "/account/orders", "/account/coupons", "/account/privacy",
];

/// The elements sticking out past the right edge, to say what overflows when a check fails.
async function overflow(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`);
  });
}

async function checkPages(context, language, paths) {
  await context.addCookies([{ name: "lang", value: language, url: BASE_URL }]);
  const page = await context.newPage();
  for (const path of paths) {
    await page.goto(BASE_URL + path);
    await hydrated(page);
    // Client-rendered parts (cart, member pages) settle after hydration.
    await page.waitForLoadState("networkidle");
    assert.deepEqual(await overflow(page), [], `${language} ${path} scrolls sideways at 360 px`);
  }
  await page.close();
}

for (const language of LANGUAGES) {
  test(`every shopper page fits 360 px in ${language}`, async () => {
    const context = await browser.newContext(NARROW);
    // A cart with a line, so the cart and checkout pages show their full layout.
    await context.addInitScript(() => {
      if (!localStorage.getItem("jishi.cart")) localStorage.setItem("jishi.cart", JSON.stringify([{ sku_id: 1, quantity: 2 }]));
    });
    await checkPages(context, language, GUEST_PAGES);

    const page = await context.newPage();
    await page.goto(BASE_URL + "/sign-in");
    await hydrated(page);
    await page.locator("input[name=email]").fill("shopper@jishi.test");
    await page.locator("input[name=password]").fill("oolong-tea-2026");
    await page.locator("main form button[type=submit]").first().click();
    await page.waitForURL((url) => !/^(\/(en|zh-hans))?\/sign-in/.test(url.pathname));
    await page.close();
    await checkPages(context, language, MEMBER_PAGES);
    await context.close();
  });
}
