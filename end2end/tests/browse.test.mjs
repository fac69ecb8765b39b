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

/// Waits until `locator`'s attribute `name` is `value` (`null`: absent); playwright-core has no `expect`.
async function attributeBecomes(locator, name, value) {
  const element = await locator.elementHandle();
  await locator.page().waitForFunction(([el, n, v]) => el.getAttribute(n) === v, [element, name, value]);
}

test("search in Chinese and English, with suggestions while typing", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  await page.goto(BASE_URL + "/");
  await hydrated(page);
  const box = page.getByRole("combobox", { name: "Search products" });

  await box.fill("手機");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.waitForURL(/\/search\?q=/);
  await page.getByRole("heading", { level: 1, name: "Results for “手機”" }).waitFor();
  await page.getByRole("link", { name: "Obsidian Smartphone", exact: true }).waitFor();

  // Enter with no suggestion highlighted searches for what was typed.
  await page.getByRole("combobox", { name: "Search products" }).fill("手机");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: "Results for “手机”" }).waitFor();
  await page.getByRole("link", { name: "Obsidian Smartphone", exact: true }).waitFor();

  await page.getByRole("combobox", { name: "Search products" }).fill("oolong");
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: "Obsidian Oolong Tea", exact: true }).waitFor();

  await page.getByRole("combobox", { name: "Search products" }).fill("qqqzzz");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "No products match “qqqzzz”" }).waitFor();
  await page.getByRole("heading", { name: "Popular right now" }).waitFor();

  // Typing opens the listbox: categories first, then products with a thumbnail and a price.
  await hydrated(page);
  const typing = page.getByRole("combobox", { name: "Search products" });
  await typing.fill("");
  await typing.pressSequentially("茶", { delay: 50 });
  const suggestions = page.getByRole("listbox", { name: "Suggestions" });
  const tea = suggestions.getByRole("group", { name: "Categories" }).getByRole("option", { name: "Tea", exact: true });
  await tea.waitFor();
  const teaId = await tea.getAttribute("id");
  await attributeBecomes(typing, "aria-expanded", "true");
  assert.equal(await typing.getAttribute("aria-autocomplete"), "list");
  assert.equal(await typing.getAttribute("aria-controls"), await suggestions.getAttribute("id"));
  const products = suggestions.getByRole("group", { name: "Products" }).getByRole("option");
  assert.ok((await products.count()) >= 1, "products are suggested");
  assert.match(await products.first().innerText(), /¥\d/, "a product shows its price");
  assert.equal(await products.first().locator("img").getAttribute("alt"), "", "the thumbnail is decorative");
  const options = suggestions.getByRole("option");
  assert.equal(await options.first().getAttribute("id"), teaId, "categories come first");
  const secondId = await options.nth(1).getAttribute("id");
  // The count is announced politely.
  // A live region without the status role, so it is not the page's first "status".
  const status = page.getByRole("search").locator("[aria-live=polite]");
  assert.equal(await status.getAttribute("aria-live"), "polite");
  await status.filter({ hasText: /Suggestions: \d+\./ }).waitFor({ state: "attached" });
  // The open list fits the narrowest phones.
  await page.setViewportSize({ width: 360, height: 740 });
  assert.ok(await noHorizontalScroll(page), "no horizontal scroll with suggestions open at 360 px");
  const popup = await suggestions.boundingBox();
  assert.ok(popup.x >= 0 && popup.x + popup.width <= 360, `suggestions within the screen: ${JSON.stringify(popup)}`);

  // Arrow keys move the highlight while focus stays in the field; Escape closes the list.
  assert.equal(await typing.getAttribute("aria-activedescendant"), null, "nothing highlighted yet");
  await page.keyboard.press("ArrowDown");
  await attributeBecomes(typing, "aria-activedescendant", teaId);
  await attributeBecomes(tea, "aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  await attributeBecomes(tea, "aria-selected", "false");
  const highlighted = suggestions.getByRole("option", { selected: true });
  assert.equal(await highlighted.count(), 1, "one option is highlighted");
  assert.equal(await highlighted.getAttribute("id"), secondId);
  assert.notEqual(secondId, teaId);
  assert.equal(await typing.getAttribute("aria-activedescendant"), secondId);
  await page.keyboard.press("ArrowUp");
  await attributeBecomes(typing, "aria-activedescendant", teaId);
  assert.ok(await typing.evaluate((el) => el === document.activeElement), "focus stays in the field");
  await page.keyboard.press("Escape");
  await attributeBecomes(typing, "aria-expanded", "false");
  await suggestions.waitFor({ state: "hidden" });
  assert.equal(await typing.getAttribute("aria-activedescendant"), null);
  assert.equal(await typing.inputValue(), "茶", "Escape closes the list without clearing the field");

  // ArrowDown opens it again on the first option; Enter opens the highlighted suggestion.
  await page.keyboard.press("ArrowDown");
  await attributeBecomes(typing, "aria-expanded", "true");
  await attributeBecomes(typing, "aria-activedescendant", teaId);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/c\/tea$/);
  await page.getByRole("heading", { level: 1, name: "Tea" }).waitFor();
  await attributeBecomes(typing, "aria-expanded", "false");

  // A click (or tap) on a product option opens the product.
  await typing.fill("oolong");
  const oolong = suggestions.getByRole("option", { name: /^Obsidian Oolong Tea ¥/ });
  await oolong.click();
  await page.waitForURL(/\/p\/oolong-obsidian$/);
  await page.getByRole("heading", { level: 1, name: "Obsidian Oolong Tea" }).waitFor();
  await suggestions.waitFor({ state: "hidden" });
  await context.close();
});
