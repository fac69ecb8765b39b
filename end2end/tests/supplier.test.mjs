import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, englishContext, DESKTOP, PHONE, BASE_URL, watchErrors, hydrated, noHorizontalScroll } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PASSWORD = "green-tea-2026";

async function signIn(page, email, password) {
  await page.goto(BASE_URL + "/en/sign-in?next=/en/account");
  await hydrated(page);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname.endsWith("/account"));
}

test("a new account applies as a supplier on a phone, is approved, lists a product through review, and ships its parcel of a shopper's order", async () => {
  const phone = await englishContext(browser, PHONE);
  const page = await phone.newPage();
  const errors = watchErrors(page);
  const email = `farm-${Date.now()}@example.com`;
  const company = `Cloud Ridge Tea ${Date.now()}`;
  await page.goto(BASE_URL + "/register");
  await hydrated(page);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Display name").fill("Cloud Ridge");
  await page.getByLabel("I have read and agree to the privacy policy").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { level: 1, name: "Member center" }).waitFor();

  // The way in is at the foot of every page.
  await page.getByRole("link", { name: "Sell on Jishi" }).click();
  await page.waitForURL((url) => url.pathname === "/en/supplier/apply");
  await hydrated(page);
  // The form sits in a lazily loaded page: wait until its code is in.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Company name").fill(company);
  await page.getByLabel("Contact person").fill("Lin Yun");
  await page.getByLabel("Phone").fill("13900139000");
  // A licence number with a wrong check character is refused; what was typed stays.
  await page.getByLabel("Business licence number").fill("91330100716105852G");
  await page.getByLabel("Business licence image").setInputFiles(new URL("../fixtures/mug.png", import.meta.url).pathname);
  await page.getByLabel("Categories you want to sell in").selectOption({ index: 0 });
  await page.getByRole("button", { name: "Apply as a supplier" }).click();
  await page.getByRole("alert").getByText("Unified Social Credit Code").waitFor();
  assert.equal(await page.getByLabel("Company name").inputValue(), company);
  await page.getByLabel("Business licence number").fill("91330100716105852F");
  await page.getByRole("button", { name: "Apply as a supplier" }).click();
  await page.getByText(`Your application for ${company} is waiting for review.`).waitFor();
  assert.ok(await noHorizontalScroll(page), "the application page scrolls sideways");

  // An operator approves it.
  const desk = await englishContext(browser, DESKTOP);
  const ops = await desk.newPage();
  const opsErrors = watchErrors(ops);
  await signIn(ops, "admin@jishi.test", "jishi-ops-2026");
  await ops.goto(BASE_URL + "/en/admin/suppliers");
  await hydrated(ops);
  await ops.waitForLoadState("networkidle");
  const row = ops.getByRole("row").filter({ hasText: company });
  // A click that came before the lazily loaded page's code is made again, as a person would.
  const licence = row.getByRole("img", { name: `Business licence image ${company}` });
  for (let attempt = 0; attempt < 3 && !(await licence.isVisible()); attempt++) {
    await row.getByRole("button", { name: "Licence" }).click();
    await licence.waitFor({ timeout: 10000 }).catch(() => {});
  }
  await licence.waitFor();
  // Rejecting needs a reason.
  assert.equal(await row.getByLabel("Reason").getAttribute("required"), "");
  await row.getByRole("button", { name: "Approve" }).click();
  await ops.getByRole("row").filter({ hasText: company }).getByText("Approved").waitFor();
  assert.deepEqual(opsErrors, []);
  await desk.close();

  // The new supplier finds its console from the member center.
  await page.goto(BASE_URL + "/en/account");
  await hydrated(page);
  await page.getByRole("link", { name: "Supplier console" }).click();
  await page.waitForURL((url) => url.pathname === "/en/supplier");
  await page.getByRole("heading", { level: 1, name: company }).waitFor();
  const nav = page.getByRole("navigation", { name: "Supplier console" });
  for (const name of ["Dashboard", "Products", "Stock", "Orders"]) {
    await nav.getByRole("link", { name, exact: true }).waitFor();
  }
  assert.ok(await noHorizontalScroll(page), "the console scrolls sideways");
  await nav.getByRole("link", { name: "Products", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/en/supplier/products");
  await page.getByText("No products yet.").waitFor();

  // It lists a product: the operator's editor, with "Submit for review" instead of "Publish".
  await page.getByRole("link", { name: "New product" }).click();
  await page.waitForURL((url) => url.pathname === "/en/supplier/products/new");
  await hydrated(page);
  await page.waitForLoadState("networkidle");
  const product = `Cloud Ridge Green ${Date.now()}`;
  const english = page.getByLabel("Name (English)");
  for (let attempt = 0; attempt < 3 && (await english.inputValue()) !== product; attempt++) {
    await english.fill(product);
  }
  await page.getByLabel("Name (Traditional Chinese)").fill("雲嶺綠茶");
  await page.getByLabel("Name (Simplified Chinese)").fill("云岭绿茶");
  await page.getByLabel("Category").selectOption({ label: "— Tea" });
  await page.getByLabel("Price", { exact: true }).fill("58");
  await page.getByLabel("Stock", { exact: true }).fill("30");
  assert.equal(await page.getByRole("button", { name: "Publish" }).count(), 0);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await page.waitForURL((url) => /^\/en\/supplier\/products\/\d+$/.test(url.pathname));
  await page.getByText("Waiting for review since").waitFor();
  const productPath = new URL(page.url()).pathname;

  // The operator reviews it: a reason is needed to reject; then it is approved.
  const desk2 = await englishContext(browser, DESKTOP);
  const reviewer = await desk2.newPage();
  const reviewErrors = watchErrors(reviewer);
  await signIn(reviewer, "admin@jishi.test", "jishi-ops-2026");
  await reviewer.goto(BASE_URL + "/en/admin/review");
  await hydrated(reviewer);
  await reviewer.waitForLoadState("networkidle");
  const submission = reviewer.getByRole("row").filter({ hasText: product });
  await submission.getByText("New product").waitFor();
  await submission.getByText("¥58").first().waitFor();
  const reject = submission.getByRole("button", { name: "Reject" });
  const needed = reviewer.getByRole("alert").getByText("Say why");
  for (let attempt = 0; attempt < 3 && !(await needed.isVisible()); attempt++) {
    await reject.click();
    await needed.waitFor({ timeout: 10000 }).catch(() => {});
  }
  await needed.waitFor();
  await submission.getByLabel("Reason").fill("Please add a photo of the leaves.");
  await reject.click();
  await reviewer.getByRole("status").getByText("Rejected: the supplier sees your reason.").waitFor();

  await page.goto(BASE_URL + productPath);
  await hydrated(page);
  await page.getByText("Please add a photo of the leaves.").waitFor();
  await page.waitForLoadState("networkidle");
  const submit = page.getByRole("button", { name: "Submit for review" });
  const waiting = page.getByText("Submitted for review.");
  for (let attempt = 0; attempt < 3 && !(await waiting.isVisible()); attempt++) {
    await submit.click();
    await waiting.waitFor({ timeout: 10000 }).catch(() => {});
  }
  await waiting.waitFor();

  await reviewer.reload();
  await hydrated(reviewer);
  await reviewer.waitForLoadState("networkidle");
  await submission.getByRole("button", { name: "Approve" }).click();
  await reviewer.getByRole("status").getByText("Approved: the product is live.").waitFor();
  assert.deepEqual(reviewErrors.filter((e) => !/Failed to load resource: .* 422 /.test(e)), []);
  await desk2.close();

  // Shoppers find it.
  const shopperContext = await englishContext(browser, PHONE);
  const shopper = await shopperContext.newPage();
  await shopper.goto(BASE_URL + "/en/search?q=" + encodeURIComponent(product));
  await hydrated(shopper);
  await shopper.getByRole("link", { name: product }).first().click();
  await shopper.getByRole("heading", { level: 1, name: product }).waitFor();
  await shopperContext.close();

  // A shopper buys it with the shop's own goods: the new supplier ships its parcel from its
  // console on the phone, an operator the shop's.
  await buyAndShipInParcels(product, company, page);
  assert.deepEqual(errors.filter((e) => !/Failed to load resource: .* 422 /.test(e)), []);
  await phone.close();
});

test("the demo supplier's console shows its own goods only, and a shopper is pointed to the application", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, "supplier@jishi.test", "mountain-tea-88");
  // Its dashboard: the operator's figures over its own sales.
  await page.goto(BASE_URL + "/en/supplier");
  await hydrated(page);
  await page.getByRole("heading", { level: 1, name: "山水茶行" }).waitFor();
  await page.getByRole("img", { name: "Orders per day" }).waitFor();
  await page.getByRole("term").filter({ hasText: "GMV" }).first().waitFor();
  await page.getByRole("link", { name: "Download CSV" }).waitFor();
  assert.equal(await page.getByRole("term").filter({ hasText: "Conversion" }).count(), 0);
  // Its rating, as operators see it.
  await page.getByRole("heading", { name: "Rating" }).waitFor();
  await page.getByRole("term").filter({ hasText: "On-time shipping" }).waitFor();
  await page.getByRole("term").filter({ hasText: "Rejected in review" }).waitFor();
  await page.goto(BASE_URL + "/en/supplier/stock");
  await hydrated(page);
  await page.getByRole("heading", { level: 1, name: "Stock" }).waitFor();
  await page.getByText("Alishan High Mountain Oolong 150 g").first().waitFor();
  assert.equal(await page.getByText("Blue-and-White Porcelain").count(), 0, "another supplier's goods");
  // Its own warehouses only, from its console's navigation.
  await page.getByRole("navigation", { name: "Supplier console" }).getByRole("link", { name: "Warehouses" }).click();
  await page.waitForURL((url) => url.pathname === "/en/supplier/warehouses");
  await page.getByRole("heading", { level: 1, name: "Warehouses" }).waitFor();
  await page.getByText("山水茶行").first().waitFor();
  assert.equal(await page.getByText("景德瓷坊").count(), 0, "another supplier's warehouse");
  await page.goto(BASE_URL + "/en/supplier/products");
  await hydrated(page);
  await page.getByRole("row").filter({ hasText: "Oriental Beauty Oolong" }).getByText("Waiting for review").waitFor();
  // The live product's edit waits: its editor goes on from the edit, shoppers keep the original.
  await page.getByRole("link", { name: "Alishan High Mountain Oolong 150 g" }).click();
  await page.getByText("Waiting for review since").waitFor();
  assert.equal(await page.getByLabel("Name (English)").inputValue(), "Alishan High Mountain Oolong 150 g (Spring Harvest)");
  assert.equal(await page.getByRole("button", { name: "Save draft" }).count(), 0);
  // Its goods in shoppers' orders (the demo's past orders hold some, beside the platform's).
  // Its parcels already shipped are under "Done".
  await page.goto(BASE_URL + "/en/supplier/orders?tab=done");
  // Lines keep the name in the order's language (the demo's orders were placed in Traditional
  // Chinese).
  await page.getByText("阿里山高山烏龍茶 150 克").first().waitFor();
  assert.equal(await page.getByText("青花瓷").count(), 0, "another supplier's orders");
  assert.deepEqual(errors, []);
  await context.close();

  const shopper = await englishContext(browser, PHONE);
  const shopperPage = await shopper.newPage();
  await signIn(shopperPage, "shopper@jishi.test", "oolong-tea-2026");
  await shopperPage.goto(BASE_URL + "/en/supplier");
  await shopperPage.getByText("This console is for approved suppliers.").waitFor();
  await shopperPage.getByRole("link", { name: "Sell on Jishi" }).first().waitFor();
  await shopper.close();
});

/// Waits until the order page says the order is `word` ("Paid", "Partly shipped", …).
async function statusIs(page, word) {
  await page.locator(".order-status strong", { hasText: new RegExp(`^${word}$`) }).waitFor();
}

/// A shopper buys `product` (a supplier's, sold by `company`) with one of the shop's own products;
/// the supplier ships its parcel from its console (`console`, signed in), then an operator ships
/// the shop's. Each parcel is shown apart, the order is partly shipped in between.
async function buyAndShipInParcels(product, company, console) {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, "shopper@jishi.test", "oolong-tea-2026");
  // The supplier's product, found by search, and one of the shop's own.
  await page.goto(BASE_URL + "/en/search?q=" + encodeURIComponent(product));
  await hydrated(page);
  await page.getByRole("link", { name: product }).first().click();
  await page.getByRole("heading", { level: 1, name: product }).waitFor();
  await hydrated(page);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByText("Added to cart.").waitFor();
  // The demo shopper reads Traditional Chinese: this test reads English.
  await page.goto(BASE_URL + "/en/p/earbuds-obsidian");
  await hydrated(page);
  const groups = page.getByRole("radiogroup");
  for (let i = 0; i < (await groups.count()); i++) {
    await groups.nth(i).getByRole("radio", { disabled: false }).first().check();
  }
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByText("Added to cart.").waitFor();
  await page.goto(BASE_URL + "/en/cart");
  await hydrated(page);
  await page.getByRole("button", { name: "Checkout" }).click();
  await page.waitForURL((url) => url.pathname === "/en/checkout");
  await hydrated(page);
  // The demo shopper's saved address fills the fields once it is read.
  const recipient = page.getByLabel("Recipient");
  for (let wait = 0; wait < 50 && !(await recipient.inputValue()); wait++) {
    await page.waitForTimeout(200);
  }
  await page.getByRole("button", { name: "Place order" }).click();
  await page.getByRole("button", { name: "Pay now" }).click();
  await page.waitForURL(/\/orders\/J\d+/);
  const orderNo = page.url().match(/\/orders\/(J\d+)/)[1];
  await page.goto(BASE_URL + `/en/orders/${orderNo}`);
  await hydrated(page);
  await statusIs(page, "Paid");
  // Two parcels: the shop's first, then the supplier's, each with its goods.
  const shop = page.getByRole("region", { name: "Parcel 1" });
  const supplier = page.getByRole("region", { name: "Parcel 2" });
  await shop.getByText("Sent by Jishi").waitFor();
  await supplier.getByText(`Sent by ${company}`).waitFor();
  // Its line (named in the order's language).
  await supplier.getByText(/× 1/).first().waitFor();
  assert.ok(await noHorizontalScroll(page), "the order page fits a phone");

  // The supplier ships its parcel from its console: the address is there while it waits.
  await console.goto(BASE_URL + "/en/supplier/orders");
  await hydrated(console);
  await console.waitForLoadState("networkidle");
  const tabs = console.getByRole("navigation", { name: "Order tabs" });
  for (const name of ["To ship", "To receive back", "Done"]) {
    await tabs.getByRole("link", { name, exact: true }).waitFor();
  }
  const parcel = console.getByRole("region", { name: `${orderNo} · Parcel 2` });
  await parcel.getByRole("heading", { name: "Ship to" }).waitFor();
  await parcel.getByLabel("Tracking number").fill("SBX5550001");
  const ship = parcel.getByRole("button", { name: "Mark shipped" });
  for (let attempt = 0; attempt < 3 && (await ship.isVisible()); attempt++) {
    await ship.click();
    await ship.waitFor({ state: "detached", timeout: 10000 }).catch(() => {});
  }
  await console.goto(BASE_URL + "/en/supplier/orders?tab=done");
  await hydrated(console);
  const sent = console.getByRole("region", { name: `${orderNo} · Parcel 2` });
  await sent.getByText("SBX5550001").waitFor();
  assert.equal(await sent.getByRole("heading", { name: "Ship to" }).count(), 0, "the address is gone once shipped");

  // The shopper sees one parcel on its way, the other still waiting.
  await page.reload();
  await hydrated(page);
  await statusIs(page, "Partly shipped");
  await supplier.getByText("SBX5550001").waitFor();
  await shop.getByText("Waiting to ship").waitFor();

  // The operator ships the shop's own parcel; only that one offers "Mark shipped".
  const office = await englishContext(browser, DESKTOP);
  const ops = await office.newPage();
  const opsErrors = watchErrors(ops);
  await signIn(ops, "admin@jishi.test", "jishi-ops-2026");
  await ops.goto(BASE_URL + `/en/orders/${orderNo}`);
  await hydrated(ops);
  await ops.waitForLoadState("networkidle");
  assert.equal(await ops.getByRole("button", { name: "Mark shipped" }).count(), 1);
  const own = ops.getByRole("region", { name: "Parcel 1" });
  await own.getByLabel("Tracking number").fill("SBX5550002");
  await own.getByRole("button", { name: "Mark shipped" }).click();
  await statusIs(ops, "Shipped");
  assert.deepEqual(opsErrors, []);
  await office.close();

  await page.reload();
  await hydrated(page);
  await statusIs(page, "Shipped");
  await shop.getByText("SBX5550002").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
}
