import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, englishContext, PHONE, BASE_URL, watchErrors, hydrated, noHorizontalScroll } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// Opens a product, picks the first option still available on every axis, adds `quantity`.
async function addToCart(page, slug, quantity) {
  await page.goto(BASE_URL + "/p/" + slug);
  await hydrated(page);
  const name = await page.getByRole("heading", { level: 1 }).innerText();
  const groups = page.getByRole("radiogroup");
  for (let i = 0; i < (await groups.count()); i++) {
    await groups.nth(i).getByRole("radio", { disabled: false }).first().check();
  }
  await page.getByRole("spinbutton", { name: "Quantity" }).fill(String(quantity));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByText("Added to cart.").waitFor();
  return name;
}

test("a guest fills a cart on a phone: count, quantities, removal, the total explained", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const first = await addToCart(page, "smartphone-obsidian", 1);
  const second = await addToCart(page, "earbuds-obsidian", 2);
  await page.getByRole("link", { name: "Cart 3" }).first().waitFor();

  await page.goto(BASE_URL + "/cart");
  await hydrated(page);
  await page.getByRole("heading", { level: 2, name: "How this total was reached" }).waitFor();
  assert.ok(await noHorizontalScroll(page), "the cart fits a phone");
  const quantity = page.getByRole("spinbutton", { name: `Quantity for ${second}` });
  await quantity.fill("3");
  await quantity.dispatchEvent("change");
  await page.getByText("4 items in your cart").waitFor();
  await page.getByRole("button", { name: `Remove ${first}` }).click();
  await page.getByText("3 items in your cart").waitFor();
  assert.equal(await page.getByRole("spinbutton", { name: `Quantity for ${first}` }).count(), 0);
  await page.getByRole("button", { name: "Checkout" }).waitFor();

  // The cart survives a reload (it lives in the browser until sign-in).
  await page.reload();
  await hydrated(page);
  await page.getByText("3 items in your cart").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("quantities out of range are refused with a reason, and a tampered cart is repaired", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(BASE_URL + "/p/earbuds-obsidian");
  await hydrated(page);
  const groups = page.getByRole("radiogroup");
  for (let i = 0; i < (await groups.count()); i++) {
    await groups.nth(i).getByRole("radio", { disabled: false }).first().check();
  }
  const quantity = page.getByRole("spinbutton", { name: "Quantity" });
  await quantity.fill("-5");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByText("Choose a quantity from 1 to 99.").waitFor();
  // Full-width digits, as a Chinese input method types them.
  await quantity.fill("２");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByText("Added to cart.").waitFor();
  await page.getByRole("link", { name: "Cart 2" }).first().waitFor();

  // Someone edits the stored cart into impossible quantities: shown repaired, with a notice.
  await page.evaluate(() => localStorage.setItem("jishi.cart", JSON.stringify([
    { sku_id: 1, quantity: -5 }, { sku_id: 2, quantity: 100000 },
  ])));
  await page.goto(BASE_URL + "/cart");
  await hydrated(page);
  await page.getByRole("alert").getByText("Some quantities saved in this browser were not possible").waitFor();
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("jishi.cart")));
  assert.ok(stored.every((line) => line.quantity >= 1 && line.quantity <= 99), JSON.stringify(stored));
  const line = page.getByRole("spinbutton").first();
  await line.fill("1000");
  await line.dispatchEvent("change");
  await page.getByRole("alert").getByText("Choose a quantity from 1 to 99.").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
