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
