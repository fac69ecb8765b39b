import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, englishContext, DESKTOP, PHONE, BASE_URL, watchErrors, hydrated, noHorizontalScroll } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function signInAsOperator(page) {
  await page.goto(BASE_URL + "/en/sign-in?next=/en/account");
  await hydrated(page);
  await page.getByLabel("Email", { exact: true }).fill("admin@jishi.test");
  await page.getByLabel("Password", { exact: true }).fill("jishi-ops-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname.endsWith("/account"));
  await page.goto(BASE_URL + "/set-language?lang=en&back=/account");
  await hydrated(page);
}

test("an operator opens the back office, creates a category and sees it in the shop and the audit log", async () => {
  const context = await englishContext(browser, DESKTOP);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signInAsOperator(page);

  await page.getByRole("link", { name: "Back office" }).first().click();
  await page.waitForURL((url) => url.pathname === "/en/admin");
  await hydrated(page);
  await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
  const nav = page.getByRole("navigation", { name: "Back office sections" });
  for (const name of ["Dashboard", "Products", "Categories", "Review queue", "Suppliers", "Stock", "Staff", "Audit log"]) {
    await nav.getByRole("link", { name, exact: true }).waitFor();
  }
  await page.getByRole("img", { name: "Orders per day" }).waitFor();
  // Conversion: the seed's visits, some of which ordered.
  await page.getByRole("term").filter({ hasText: "Conversion" }).waitFor();
  await page.getByText(/\d+ of \d+ visits ordered/).waitFor();

  await nav.getByRole("link", { name: "Categories", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/en/admin/categories");
  await hydrated(page);
  const slug = `e2e-${Date.now()}`;
  const form = page.locator("section.panel", { has: page.getByRole("heading", { name: "New category" }) });
  // A bad address is refused at the form, keeping what was typed.
  await form.getByLabel("Name (Traditional Chinese)").fill("測試分類");
  await form.getByLabel("Name (Simplified Chinese)").fill("测试分类");
  await form.getByLabel("Name (English)").fill("Test shelf");
  await form.getByLabel("Address (slug)").fill("Not a slug!");
  await form.getByRole("button", { name: "Create" }).click();
  await form.getByRole("alert").getByText("lower-case letters").waitFor();
  assert.equal(await form.getByLabel("Name (English)").inputValue(), "Test shelf");
  await form.getByLabel("Address (slug)").fill(slug);
  await form.getByLabel("Parent category").selectOption({ label: "— Tea" });
  await form.getByRole("button", { name: "Create" }).click();
  await page.getByRole("button", { name: "Hide Test shelf" }).waitFor();

  const shop = await context.newPage();
  const response = await shop.goto(BASE_URL + `/en/c/${slug}`);
  assert.equal(response.status(), 200);
  await shop.getByRole("heading", { level: 1, name: "Test shelf" }).waitFor();
  await shop.close();

  await page.getByRole("button", { name: "Delete Test shelf" }).click();
  await page.getByRole("button", { name: "Delete Test shelf" }).waitFor({ state: "detached" });

  await nav.getByRole("link", { name: "Audit log", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/en/admin/audit");
  await hydrated(page);
  await page.getByText("Deleted · Category").first().waitFor();
  // The refused slug (422) is an expected answer, not a fault.
  assert.deepEqual(errors.filter((e) => !/Failed to load resource: .* 422 /.test(e)), []);
  await context.close();
});

test("the back office fits a phone, and a guest is sent to sign in", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signInAsOperator(page);
  for (const path of ["/en/admin", "/en/admin/categories", "/en/admin/stock", "/en/admin/staff", "/en/admin/audit"]) {
    await page.goto(BASE_URL + path);
    await hydrated(page);
    assert.ok(await noHorizontalScroll(page), `${path} scrolls sideways`);
  }
  assert.deepEqual(errors, []);
  await context.close();

  const guest = await englishContext(browser, PHONE);
  const guestPage = await guest.newPage();
  await guestPage.goto(BASE_URL + "/en/admin/staff");
  await guestPage.waitForURL((url) => url.pathname === "/en/sign-in");
  await guest.close();
});

test("an operator lists a product with two axes in a new category and a shopper finds it on a phone", async () => {
  const context = await englishContext(browser, DESKTOP);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signInAsOperator(page);
  // A new top-level category for it.
  const stamp = Date.now();
  const shelf = `Mug shelf ${stamp}`;
  const shelfSlug = `mugs-${stamp}`;
  await page.goto(BASE_URL + "/en/admin/categories");
  await hydrated(page);
  const newCategory = page.locator("section.panel", { has: page.getByRole("heading", { name: "New category" }) });
  await newCategory.getByLabel("Name (Traditional Chinese)").fill("馬克杯架");
  await newCategory.getByLabel("Name (Simplified Chinese)").fill("马克杯架");
  await newCategory.getByLabel("Name (English)").fill(shelf);
  await newCategory.getByLabel("Address (slug)").fill(shelfSlug);
  await newCategory.getByRole("button", { name: "Create" }).click();
  await page.getByRole("button", { name: `Hide ${shelf}` }).waitFor();
  await page.goto(BASE_URL + "/en/admin/products");
  await hydrated(page);
  await page.getByRole("link", { name: "New product" }).click();
  await page.waitForURL((url) => url.pathname === "/en/admin/products/new");
  await hydrated(page);
  const name = `Glacier Mug ${Date.now()}`;
  await page.getByLabel("Name (English)").fill(name);
  await page.getByLabel("Name (Traditional Chinese)").fill("冰川馬克杯");
  await page.getByLabel("Name (Simplified Chinese)").fill("冰川马克杯");
  await page.getByLabel("Category").selectOption({ label: shelf });
  // Without axes there is one SKU: its fields are just "Price" and "Stock".
  await page.getByLabel("Price", { exact: true }).waitFor();
  const colour = page.getByRole("group", { name: "Colour" });
  await colour.getByLabel("Black").check();
  await colour.getByLabel("White").check();
  await page.getByRole("group", { name: "Size", exact: true }).getByLabel("S", { exact: true }).check();
  for (const [options, price, stock] of [["Black / S", "129", "5"], ["White / S", "12.345", "3"]]) {
    await page.getByLabel(`Price ${options}`).fill(price);
    await page.getByLabel(`Stock ${options}`).fill(stock);
  }
  await page.getByRole("button", { name: "Publish" }).click();
  // The bad price is named at its row; what was typed stays.
  await page.getByText("Enter a price above ¥0").first().waitFor();
  assert.equal(await page.getByLabel("Name (English)").inputValue(), name);
  await page.getByLabel("Price White / S").fill("119");
  await page.getByLabel("Specifications (English)").fill("Material: ceramic\nCapacity: 350 ml");
  // A photo, chosen through the "Upload images" button; its alt text per language.
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Upload images" }).click();
  await (await chooser).setFiles(new URL("../fixtures/mug.png", import.meta.url).pathname);
  const image = page.getByRole("group", { name: "Image 1" });
  await image.getByLabel("Alt text (English)").fill("A glacier-blue mug");
  await page.getByRole("button", { name: "Publish" }).click();
  await page.waitForURL((url) => /^\/en\/admin\/products\/\d+$/.test(url.pathname));
  await page.getByRole("link", { name: "View in shop" }).waitFor();
  // The refused price (422) is an expected answer, not a fault.
  assert.deepEqual(errors.filter((e) => !/Failed to load resource: .* 422 /.test(e)), []);
  await context.close();

  const phone = await englishContext(browser, PHONE);
  const shopper = await phone.newPage();
  await shopper.goto(BASE_URL + "/en/search?q=" + encodeURIComponent(name));
  await hydrated(shopper);
  await shopper.getByRole("link", { name }).first().click();
  await shopper.getByRole("heading", { level: 1, name }).waitFor();
  const photo = shopper.getByRole("img", { name: "A glacier-blue mug" });
  await photo.waitFor();
  assert.match(await photo.getAttribute("srcset"), /-240\.jpg 240w, .*-640\.jpg 640w$/);
  const specifications = shopper.getByRole("region", { name: "Specifications" });
  await specifications.getByRole("row", { name: "Material ceramic" }).waitFor();
  await specifications.getByRole("row", { name: "Capacity 350 ml" }).waitFor();
  // And on its category's page.
  await shopper.goto(BASE_URL + `/en/c/${shelfSlug}`);
  await shopper.getByRole("heading", { level: 1, name: shelf }).waitFor();
  await shopper.getByRole("link", { name }).first().waitFor();
  await phone.close();
});

test("an operator adjusts a SKU's stock with a reason and finds it in the ledger", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signInAsOperator(page);
  await page.goto(BASE_URL + "/en/admin/stock");
  await hydrated(page);
  const card = page.getByRole("listitem").filter({ has: page.getByRole("button", { name: "Adjust stock" }) }).first();
  // Its stock page, read now: after the adjustment the list sorts it elsewhere.
  const ledgerHref = await card.getByRole("link").first().getAttribute("href");
  // Nothing to adjust by: refused at the field, the reason kept.
  await card.getByLabel("Quantity").fill("0");
  await card.getByLabel("Reason").fill("Counted the shelf");
  await card.getByRole("button", { name: "Adjust stock" }).click();
  await card.getByText("Enter a whole number of units other than 0").waitFor();
  assert.equal(await card.getByLabel("Reason").inputValue(), "Counted the shelf");
  await card.getByLabel("Quantity").fill("7");
  await card.getByRole("button", { name: "Adjust stock" }).click();
  await page.getByRole("status").getByText("Stock adjusted.").waitFor();
  assert.ok(await noHorizontalScroll(page), "the stock page scrolls sideways");

  await page.goto(BASE_URL + ledgerHref);
  assert.match(ledgerHref, /^\/en\/admin\/stock\/\d+$/);
  await hydrated(page);
  const ledger = page.getByRole("table", { name: "Movements" });
  await ledger.getByRole("row").filter({ hasText: "Counted the shelf" }).getByText("+7").waitFor();
  // The refused adjustment (422) is an expected answer, not a fault.
  assert.deepEqual(errors.filter((e) => !/Failed to load resource: .* 422 /.test(e)), []);
  await context.close();
});

test("an operator exports the catalog as CSV, and a checked import lists a bad row before writing anything", async () => {
  const context = await englishContext(browser, DESKTOP);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signInAsOperator(page);
  await page.goto(BASE_URL + "/en/admin/products");
  await hydrated(page);
  // The button works once the page's lazily loaded code is in: a click that came before it is
  // made again, as a person would.
  let download;
  for (let attempt = 0; attempt < 3 && !download; attempt++) {
    [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 10000 }).catch(() => undefined),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
  }
  assert.ok(download, "Export CSV downloads a file");
  const exported = await (await download.createReadStream()).toArray();
  const raw = Buffer.concat(exported).toString("utf8");
  // A byte-order mark first, so spreadsheets read the Chinese as UTF-8.
  assert.ok(raw.startsWith("\uFEFF"), "starts with a byte-order mark");
  const text = raw.slice(1);
  assert.match(text, /^product,version,status,category,name_en,/);
  assert.ok(text.split("\n").length > 50, "one row per SKU");

  await page.getByRole("link", { name: "Import CSV" }).click();
  await page.waitForURL((url) => url.pathname === "/en/admin/products/import");
  await hydrated(page);
  const name = `Lantern Teapot ${Date.now()}`;
  const header = text.split("\n")[0];
  // A row in the header's columns, by name: export and import share them.
  const row = (cells) => header.split(",").map((column) => cells[column] ?? "").join(",");
  const file = (price) => ({
    name: "teapots.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${header}\n${row({
      product: "new-teapot", status: "active", category: "tea",
      name_en: name, name_zh_hant: "燈籠茶壺", name_zh_hans: "灯笼茶壶", price, stock: "3",
    })}\n`),
  });
  await page.getByLabel("CSV file").setInputFiles(file("free"));
  await page.getByRole("button", { name: "Check file" }).click();
  const problems = page.getByRole("table", { name: "Problems" });
  await problems.getByRole("row").filter({ hasText: "price" }).getByRole("cell", { name: "2", exact: true }).waitFor();
  await page.getByRole("status").getByText("1 problems: nothing was written").waitFor();

  await page.getByLabel("CSV file").setInputFiles(file("188"));
  await page.getByRole("button", { name: "Check file" }).click();
  await page.getByRole("status").getByText("Checked 1 rows in 1 products: 1 new").waitFor();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.getByRole("status").getByText("Imported 1 rows in 1 products: 1 new").waitFor();

  await page.goto(BASE_URL + "/en/search?q=" + encodeURIComponent(name));
  await page.getByRole("link", { name }).first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("an operator transfers free units between warehouses on a phone", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signInAsOperator(page);
  // A SKU whose first warehouse (the form's "From") has units free.
  for (let sku = 1; ; sku++) {
    await page.goto(BASE_URL + `/en/admin/stock/${sku}`);
    await hydrated(page);
    const first = page.getByRole("table", { name: "Per warehouse" }).getByRole("row").nth(1);
    if (Number(await first.getByRole("cell").last().innerText()) > 0) break;
    assert.ok(sku < 40, "no SKU with free units in its first warehouse");
  }
  const form = page.locator("form").filter({ has: page.getByRole("heading", { name: "Transfer stock" }) });
  // Its own reason, so the ledger's rows are this run's even on a database used before.
  const reason = `Closer to the south ${Date.now()}`;
  // More than any warehouse holds: refused at the field, the reason kept.
  await form.getByLabel("Quantity").fill("999999");
  await form.getByLabel("Reason").fill(reason);
  await form.getByRole("button", { name: "Transfer stock" }).click();
  await form.getByText("That warehouse has fewer units free").waitFor();
  assert.equal(await form.getByLabel("Reason").inputValue(), reason);
  await form.getByLabel("Quantity").fill("1");
  await form.getByRole("button", { name: "Transfer stock" }).click();
  const ledger = page.getByRole("table", { name: "Movements" });
  await ledger.getByRole("row").filter({ hasText: reason }).first().waitFor();
  assert.equal(await ledger.getByRole("row").filter({ hasText: reason }).count(), 2, "out and in");
  assert.ok(await noHorizontalScroll(page), "the SKU's stock page scrolls sideways");
  assert.deepEqual(errors.filter((e) => !/Failed to load resource: .* 422 /.test(e)), []);
  await context.close();
});
