import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, englishContext, PHONE, BASE_URL, watchErrors, hydrated, noHorizontalScroll } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("a shopper browses a category on a phone", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(BASE_URL + "/");
  await hydrated(page);
  assert.ok(await noHorizontalScroll(page), "no horizontal scroll on the home page");

  const nav = page.getByRole("navigation", { name: "Main navigation" });
  const categoriesLink = nav.getByRole("link", { name: "Categories" });
  const box = await categoriesLink.boundingBox();
  assert.ok(box.height >= 48 && box.width >= 48, `bottom bar tap target ${box.width}x${box.height}`);
  await categoriesLink.click();
  await page.waitForURL(/\/categories$/);
  await page.getByRole("link", { name: "Phones & Digital", exact: true }).click();
  await page.waitForURL(/\/c\/digital/);
  await page.getByRole("heading", { level: 1, name: "Phones & Digital" }).waitFor();
  assert.ok(await noHorizontalScroll(page), "no horizontal scroll on a listing");
  await page.getByRole("link", { name: "Obsidian Smartphone", exact: true }).click();
  await page.waitForURL(/\/p\/smartphone-obsidian$/);
  await page.getByRole("heading", { level: 1, name: "Obsidian Smartphone" }).waitFor();
  assert.ok(await noHorizontalScroll(page), "no horizontal scroll on a product page");
  // The narrowest phones we support.
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/", "/c/fashion?opt=colour%3Ablack", "/p/sneakers-obsidian", "/search?q=tea"]) {
    await page.goto(BASE_URL + path);
    assert.ok(await noHorizontalScroll(page), `no horizontal scroll at 360 px on ${path}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("filters and sort live in the URL", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  await page.goto(BASE_URL + "/c/tea");
  await hydrated(page);
  await page.getByRole("combobox", { name: "Sort by" }).selectOption({ label: "Price: low to high" });
  await page.waitForURL(/sort=price_asc/);
  const prices = await page.locator(".card-price").allInnerTexts();
  const numbers = prices.map((p) => Number(p.split("–")[0].replace(/[^0-9.]/g, "")));
  assert.ok(numbers.length > 1);
  assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), "ascending prices");

  await page.locator("summary", { hasText: "Filters" }).click();
  await page.getByRole("checkbox", { name: "In stock only" }).check();
  await page.waitForURL(/in_stock=1/);
  assert.match(page.url(), /sort=price_asc/, "sort survives filtering");
  await page.getByRole("checkbox", { name: /^250 g/ }).check();
  await page.waitForURL(/opt=weight%3A250g/);
  const shared = page.url();
  const count = await page.locator(".result-count").innerText();

  // The URL alone restores the page.
  const fresh = await context.newPage();
  await fresh.goto(shared);
  assert.equal(await fresh.locator(".result-count").innerText(), count);
  assert.ok(await fresh.getByRole("checkbox", { name: /^250 g/ }).isChecked());
  assert.equal(await fresh.getByRole("combobox", { name: "Sort by" }).inputValue(), "price_asc");

  await fresh.getByLabel("Minimum price").fill("abc");  // filters are open: some apply
  await fresh.getByRole("button", { name: "Apply" }).first().click();
  await fresh.getByText("The minimum price must be a number").waitFor();
  await context.close();
});

test("search in Chinese and English, with suggestions while typing", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  await page.goto(BASE_URL + "/");
  await hydrated(page);
  const box = page.getByRole("searchbox", { name: "Search products" });

  await box.fill("手機");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.waitForURL(/\/search\?q=/);
  await page.getByRole("heading", { level: 1, name: "Results for “手機”" }).waitFor();
  await page.getByRole("link", { name: "Obsidian Smartphone", exact: true }).waitFor();

  await page.getByRole("searchbox", { name: "Search products" }).fill("手机");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: "Results for “手机”" }).waitFor();
  await page.getByRole("link", { name: "Obsidian Smartphone", exact: true }).waitFor();

  await page.getByRole("searchbox", { name: "Search products" }).fill("oolong");
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: "Obsidian Oolong Tea", exact: true }).waitFor();

  await page.getByRole("searchbox", { name: "Search products" }).fill("qqqzzz");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "No products match “qqqzzz”" }).waitFor();
  await page.getByRole("heading", { name: "Popular right now" }).waitFor();

  await hydrated(page);
  const typing = page.getByRole("searchbox", { name: "Search products" });
  await typing.fill("");
  await typing.pressSequentially("茶", { delay: 50 });
  const suggestions = page.getByRole("list", { name: "Suggestions" });
  await suggestions.getByRole("link", { name: "Tea", exact: true }).waitFor();
  await suggestions.getByRole("link", { name: "Tea", exact: true }).click();
  await page.waitForURL(/\/c\/tea$/);
  await context.close();
});
