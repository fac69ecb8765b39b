// Screenshots of the promotion pages on a phone in three languages (not a test; run by hand).
import { launch, PHONE, hydrated, englishContext, addToCart } from "./tests/support.mjs";
const BASE = process.env.JISHI_E2E_URL ?? "http://127.0.0.1:3100";
const out = process.argv[2] ?? "/tmp/shots";
const browser = await launch();
{
  // Goods in the shopper's cart (kept on the server), so the cart and checkout show promotions.
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  await page.goto(BASE + "/sign-in");
  await hydrated(page);
  await page.locator("input[name=email]").fill("shopper@jishi.test");
  await page.locator("input[name=password]").fill("oolong-tea-2026");
  await page.locator("main form button[type=submit]").first().click();
  await page.waitForURL((url) => !/sign-in/.test(url.pathname));
  await page.goto(BASE + "/set-language?lang=en&back=/");
  await addToCart(page, "mouse-obsidian");
  await addToCart(page, "shirt-azure");
  await context.close();
}
for (const [lang, prefix] of [["zh-Hant", ""], ["zh-Hans", "/zh-hans"], ["en", "/en"]]) {
  for (const [who, email, password, pages] of [
    ["shopper", "shopper@jishi.test", "oolong-tea-2026", ["/coupons", "/cart", "/checkout", "/account/coupons", "/account/level"]],
    ["admin", "admin@jishi.test", "jishi-ops-2026", ["/admin/promotions"]],
  ]) {
    const context = await browser.newContext({ ...PHONE });
    const page = await context.newPage();
    await page.goto(BASE + "/sign-in");
    await hydrated(page);
    await page.locator("input[name=email]").fill(email);
    await page.locator("input[name=password]").fill(password);
    await page.locator("main form button[type=submit]").first().click();
    await page.waitForURL((url) => !/sign-in/.test(url.pathname));
    for (const path of pages) {
      await page.goto(BASE + prefix + path);
      await hydrated(page);
      await page.waitForTimeout(400);
      const name = `${out}/${lang}-${path.replaceAll("/", "_")}.png`;
      await page.screenshot({ path: name, fullPage: true });
      console.log(name);
    }
    await context.close();
  }
}
await browser.close();
