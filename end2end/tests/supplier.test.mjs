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
  assert.deepEqual(errors.filter((e) => !/Failed to load resource: .* 422 /.test(e)), []);
  await phone.close();
});

test("the demo supplier's console shows its own goods only, and a shopper is pointed to the application", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, "supplier@jishi.test", "mountain-tea-88");
  await page.goto(BASE_URL + "/en/supplier/stock");
  await hydrated(page);
  await page.getByRole("heading", { level: 1, name: "Stock" }).waitFor();
  await page.getByText("No products yet.").waitFor();
  await page.goto(BASE_URL + "/en/supplier/orders");
  await page.getByText("No orders of your goods yet.").waitFor();
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
