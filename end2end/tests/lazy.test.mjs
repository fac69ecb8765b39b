// Code splitting (`cargo leptos build --split`): shopper pages come with the main WASM only; the
// cart, checkout, member center and order pages are chunks fetched when first visited. Each must
// work loaded directly (hydration waits for its chunk) and reached by a client-side navigation
// from the home page (the router loads the chunk, then renders).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, englishContext, DESKTOP, BASE_URL, watchErrors, hydrated } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PASSWORD = "green-tea-2026";

/// The names of the .wasm files the page fetches from now on.
function watchWasm(page) {
  const files = [];
  page.on("response", (response) => {
    const name = new URL(response.url()).pathname.split("/").pop();
    if (name.endsWith(".wasm")) files.push(name);
  });
  return files;
}

/// Marks the document; `stillSamePage` is true only if no full page load happened since.
async function markPage(page) {
  await page.evaluate(() => { window.__jishiSamePage = true; });
}
async function stillSamePage(page) {
  return page.evaluate(() => window.__jishiSamePage === true);
}

/// Opens a product (a shopper page), picks the first option still available, adds one.
async function addToCart(page, slug) {
  await page.goto(BASE_URL + "/p/" + slug);
  await hydrated(page);
  const groups = page.getByRole("radiogroup");
  for (let i = 0; i < (await groups.count()); i++) {
    await groups.nth(i).getByRole("radio", { disabled: false }).first().check();
  }
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByText("Added to cart.").waitFor();
}

/// Follows `path` the way a link does, without a page load: the router handles the click.
async function clientNavigate(page, path) {
  await page.evaluate((href) => {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = "go";
    document.body.append(a);
    a.click();
    a.remove();
  }, path);
}

test("shopper pages fetch no lazy chunk; the cart and checkout load directly and from home", async () => {
  const context = await englishContext(browser, DESKTOP);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const wasm = watchWasm(page);

  await page.goto(BASE_URL + "/");
  await hydrated(page);
  await page.waitForLoadState("networkidle");
  assert.equal(wasm.length, 1, `home fetches the main WASM only: ${wasm.join(", ")}`);
  assert.ok(!wasm.some((f) => f.startsWith("split_") || f.startsWith("chunk_")), "no lazy chunk on home");

  // Home → cart by the header link: the cart's chunk arrives, the page stays the same document.
  await markPage(page);
  await page.getByRole("navigation", { name: "Main navigation" }).first().getByRole("link", { name: /^Cart/ }).click();
  await page.getByRole("heading", { level: 1, name: "Cart" }).waitFor();
  await page.getByText("Your cart is empty.").waitFor();
  assert.ok(await stillSamePage(page), "the cart was reached without a page load");
  assert.ok(wasm.some((f) => f.startsWith("split_")), `the cart's chunk was fetched: ${wasm.join(", ")}`);
  await page.getByRole("link", { name: "Continue shopping" }).click();
  await page.locator(".hero h1").waitFor();
  assert.ok(await stillSamePage(page));

  // With something in the cart: its buttons work after a client-side arrival.
  await addToCart(page, "earbuds-obsidian");
  await markPage(page);
  await page.getByRole("link", { name: "View cart" }).click();
  await page.getByText("1 items in your cart").waitFor();
  const quantity = page.getByRole("spinbutton", { name: /^Quantity for / });
  await quantity.fill("2");
  await quantity.dispatchEvent("change");
  await page.getByText("2 items in your cart").waitFor();
  assert.ok(await stillSamePage(page));

  // Home → checkout by a client-side navigation, then on to the (lazy) register page.
  await page.goto(BASE_URL + "/");
  await hydrated(page);
  await markPage(page);
  await clientNavigate(page, "/en/checkout");
  await page.getByRole("heading", { level: 1, name: "Checkout" }).waitFor();
  await page.getByRole("heading", { level: 2, name: "How this total was reached" }).waitFor();
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByRole("heading", { level: 1, name: "Create your account" }).waitFor();
  assert.ok(await stillSamePage(page), "checkout and register were reached without a page load");

  // Loaded directly: hydration waits for the route's chunk, fetched once (the quantity field
  // then works). (Leptos 0.8.23 does not yet write the chunk's <link rel="preload"> into the
  // HTML, so the chunk is fetched after the main WASM; see the README.)
  wasm.length = 0;
  await page.goto(BASE_URL + "/cart");
  await hydrated(page);
  await page.getByText("2 items in your cart").waitFor();
  await page.waitForLoadState("networkidle");
  assert.equal(wasm.length, new Set(wasm).size, `no file fetched twice: ${wasm.join(", ")}`);
  assert.ok(wasm.some((f) => f.startsWith("split___cart_route_view")), `the cart's chunk: ${wasm.join(", ")}`);
  await quantity.fill("3");
  await quantity.dispatchEvent("change");
  await page.getByText("3 items in your cart").waitFor();
  await page.goto(BASE_URL + "/checkout");
  await hydrated(page);
  await page.getByRole("heading", { level: 2, name: "How this total was reached" }).waitFor();

  assert.deepEqual(errors, []);
  await context.close();
});

test("a member reaches the member center and an order directly and from home", async () => {
  const context = await englishContext(browser, DESKTOP);
  const page = await context.newPage();
  const errors = watchErrors(page);

  // Register (a lazy page loaded directly); it ends on the member center, loaded anew.
  await page.goto(BASE_URL + "/register");
  await hydrated(page);
  await page.getByLabel("Email", { exact: true }).fill(`lazy-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Display name").fill("Lazy Shopper");
  await page.getByLabel("I have read and agree to the privacy policy").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { level: 1, name: "Member center" }).waitFor();
  await hydrated(page);

  // An order, paid in the sandbox: the order page is loaded directly after the gateway.
  await addToCart(page, "smartphone-obsidian");
  await page.goto(BASE_URL + "/checkout");
  await hydrated(page);
  await page.getByLabel("Recipient").fill("Lin Mei");
  await page.getByLabel("Phone").fill("13800138000");
  await page.getByLabel("Region").selectOption({ label: "Guangdong" });
  await page.getByLabel("City").fill("Shenzhen");
  await page.getByLabel("Address", { exact: true }).fill("1 Keyuan Road, Nanshan");
  await page.getByLabel("Postal code").fill("518000");
  await page.getByRole("button", { name: "Place order" }).click();
  await page.getByRole("button", { name: "Pay now" }).click();
  await page.waitForURL(/\/orders\/J\d+/);
  await hydrated(page);
  await page.locator(".order-status strong", { hasText: /^Paid$/ }).waitFor();
  const orderNo = page.url().match(/\/orders\/(J\d+)/)[1];

  // Home → member center → orders → the order → its receipt, all without a page load.
  await page.goto(BASE_URL + "/");
  await hydrated(page);
  await markPage(page);
  await page.getByRole("navigation", { name: "Main navigation" }).first().getByRole("link", { name: "Account" }).click();
  await page.getByRole("heading", { level: 1, name: "Member center" }).waitFor();
  await page.getByRole("link", { name: "Orders", exact: true }).first().click();
  await page.getByRole("link", { name: `View order ${orderNo}` }).click();
  await page.locator(".order-status strong", { hasText: /^Paid$/ }).waitFor();
  await page.getByRole("link", { name: "Receipt" }).click();
  await page.getByText(orderNo).first().waitFor();
  await page.waitForURL((url) => url.pathname.endsWith(`/orders/${orderNo}/receipt`));
  assert.ok(await stillSamePage(page), "member pages were reached without a page load");

  // The address book loaded directly: its form works once hydrated.
  await page.goto(BASE_URL + "/account/addresses");
  await hydrated(page);
  const form = page.locator("section.panel", { has: page.getByRole("heading", { name: "Add address" }) });
  await form.getByLabel("Recipient").fill("Wang Home");
  await form.getByLabel("Phone").fill("13800138000");
  await form.getByLabel("Region").selectOption({ label: "Guangdong" });
  await form.getByLabel("City").fill("Shenzhen");
  await form.getByLabel("Address", { exact: true }).fill("1 Keyuan Road, Nanshan");
  await form.getByLabel("Postal code").fill("518000");
  await form.getByRole("button", { name: "Add address" }).click();
  await page.getByRole("listitem", { name: "Address of Wang Home" }).waitFor();

  // The order page loaded directly, then a client-side hop to the member center.
  await page.goto(BASE_URL + `/orders/${orderNo}`);
  await hydrated(page);
  await markPage(page);
  await page.getByRole("navigation", { name: "Main navigation" }).first().getByRole("link", { name: "Account" }).click();
  await page.getByRole("heading", { level: 1, name: "Member center" }).waitFor();
  assert.ok(await stillSamePage(page));

  assert.deepEqual(errors, []);
  await context.close();
});
