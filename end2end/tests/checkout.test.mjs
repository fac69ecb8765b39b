import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, englishContext, PHONE, BASE_URL, watchErrors, hydrated, noHorizontalScroll, addToCart } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PASSWORD = "green-tea-2026";

/// Waits until the order page says the order is `word` ("Paid", "Shipped", …).
async function statusIs(page, word) {
  await page.locator(".order-status strong", { hasText: new RegExp(`^${word}$`) }).waitFor();
}

test("a guest fills a cart, signs up at checkout, pays in the sandbox; an operator ships; the shopper confirms receipt", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await addToCart(page, "smartphone-obsidian");
  await addToCart(page, "earbuds-obsidian");
  await page.getByRole("link", { name: "Cart 2" }).first().waitFor();

  await page.goto(BASE_URL + "/cart");
  await hydrated(page);
  await page.getByRole("button", { name: "Checkout" }).click();
  await page.waitForURL((url) => url.pathname === "/en/checkout");
  await hydrated(page);
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.waitForURL((url) => url.pathname === "/en/register");
  await hydrated(page);
  const email = `checkout-${Date.now()}@example.com`;
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("I have read and agree to the privacy policy").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname === "/en/checkout");
  await hydrated(page);

  // The guest's two products came along into the new account's cart.
  await page.getByRole("heading", { level: 2, name: "How this total was reached" }).waitFor();
  assert.ok(await noHorizontalScroll(page), "checkout fits a phone");
  await page.getByLabel("Recipient").fill("Lin Mei");
  await page.getByLabel("Phone").fill("13800138000");
  await page.getByLabel("Region").selectOption({ label: "Guangdong" });
  await page.getByLabel("City").fill("Shenzhen");
  await page.getByLabel("Address", { exact: true }).fill("1 Keyuan Road, Nanshan");
  await page.getByLabel("Postal code").fill("518000");
  const methods = page.getByRole("radiogroup", { name: "Shipping method" });
  await methods.getByRole("radio", { name: /Express/ }).check();
  await page.getByRole("button", { name: "Place order" }).click();

  // The sandbox gateway's hosted page, then back to the order.
  await page.getByRole("button", { name: "Pay now" }).waitFor();
  await page.getByRole("button", { name: "Fail payment" }).waitFor();
  await page.getByRole("button", { name: "Pay now" }).click();
  await page.waitForURL(/\/orders\/J\d+/);
  await hydrated(page);
  await statusIs(page, "Paid");
  const orderNo = page.url().match(/\/orders\/(J\d+)/)[1];

  // An operator finds it and ships it.
  const ops = await englishContext(browser, PHONE);
  const opsPage = await ops.newPage();
  const opsErrors = watchErrors(opsPage);
  await opsPage.goto(BASE_URL + "/sign-in?next=/account");
  await hydrated(opsPage);
  await opsPage.getByLabel("Email", { exact: true }).fill("admin@jishi.test");
  await opsPage.getByLabel("Password", { exact: true }).fill("jishi-ops-2026");
  await opsPage.getByRole("button", { name: "Sign in" }).click();
  // Signing in goes on in the operator's preferred language (the demo's is zh-Hant) …
  await opsPage.waitForURL((url) => url.pathname === "/account");
  // … and this test reads English.
  await opsPage.goto(BASE_URL + "/set-language?lang=en&back=/account");
  await hydrated(opsPage);
  await opsPage.getByRole("link", { name: "Manage orders" }).first().click();
  await opsPage.waitForURL((url) => url.pathname === "/en/admin/orders");
  await hydrated(opsPage);
  await opsPage.getByLabel("Order number or email").fill(orderNo);
  await opsPage.getByRole("main").getByRole("button", { name: "Search" }).click();
  await opsPage.getByRole("link", { name: `View order ${orderNo}` }).click();
  await opsPage.waitForURL((url) => url.pathname === `/en/orders/${orderNo}`);
  await hydrated(opsPage);
  await opsPage.getByLabel("Tracking number").fill("SF1234567890");
  await opsPage.getByRole("button", { name: "Mark shipped" }).click();
  await statusIs(opsPage, "Shipped");
  assert.deepEqual(opsErrors, []);
  await ops.close();

  // The shopper sees it shipped and confirms receipt.
  await page.reload();
  await hydrated(page);
  await statusIs(page, "Shipped");
  await page.getByRole("button", { name: "Confirm receipt" }).click();
  await statusIs(page, "Completed");

  // After-sale with a photo: the multipart form sent from the page.
  await page.getByRole("button", { name: "Request after-sale" }).click();
  await page.getByLabel("Type of request").selectOption({ label: "Return and refund" });
  await page.getByLabel("Reason").fill("The screen has a scratch.");
  const png = Buffer.from(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
      "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1e1a40000000049454e44ae426082",
    "hex",
  );
  await page.getByLabel("Photo (optional)").setInputFiles({ name: "scratch.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "Submit request" }).click();
  const request = page.getByRole("region", { name: "Return and refund" });
  await request.getByRole("heading", { name: "Return and refund · Open" }).waitFor();
  await request.getByRole("img", { name: "Photo sent with this message" }).waitFor();
  await statusIs(page, "After-sale in progress");

  await page.goto(BASE_URL + "/account/orders?tab=after-sale");
  await hydrated(page);
  await page.getByRole("link", { name: `View order ${orderNo}` }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
