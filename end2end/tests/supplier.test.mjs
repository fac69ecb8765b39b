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

test("a new account applies as a supplier on a phone, an operator approves it, and its console opens", async () => {
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
  await page.goto(BASE_URL + "/en/supplier/orders");
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
