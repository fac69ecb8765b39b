import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, launchPersistent, englishContext, PHONE, DESKTOP, BASE_URL, watchErrors, hydrated } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("open a product and pick a variant", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(BASE_URL + "/p/smartphone-obsidian");
  await hydrated(page);
  await page.getByRole("heading", { level: 1, name: "Obsidian Smartphone" }).waitFor();
  const price = page.locator(".product-price");
  assert.match(await price.innerText(), /–/, "a range before choosing");

  const colours = page.getByRole("radiogroup", { name: "Colour" });
  const storage = page.getByRole("radiogroup", { name: "Storage" });
  const colourRadios = colours.getByRole("radio");
  assert.ok((await colourRadios.count()) >= 2);
  // Pick the first colour and the first storage still enabled with it.
  await colours.getByRole("radio", { disabled: false }).first().check();
  await storage.getByRole("radio", { disabled: false }).first().check();
  await page.getByText(/Item code: [A-Z]{1,3}-\d{7}-[0-9A-Z*]/).waitFor();
  assert.doesNotMatch(await price.innerText(), /–/, "one price once a SKU is chosen");
  assert.match(await page.getByRole("status").first().innerText(), /In stock|Only \d+ left|Out of stock/);

  const quantity = page.getByRole("spinbutton", { name: "Quantity" });
  await quantity.fill("2");
  assert.equal(await quantity.inputValue(), "2");
  await page.getByRole("button", { name: "Add to cart" }).waitFor();

  // The gallery swaps the main image.
  const main = page.locator(".gallery-main");
  const before = await main.getAttribute("src");
  await page.getByRole("button", { name: "Show image 2" }).click();
  assert.notEqual(await main.getAttribute("src"), before);
  assert.deepEqual(errors, []);
  await context.close();
});

test("switch language and keep it", async () => {
  const context = await englishContext(browser, DESKTOP);
  const page = await context.newPage();
  await page.goto(BASE_URL + "/p/oolong-obsidian");
  await hydrated(page);
  await page.getByRole("heading", { level: 1, name: "Obsidian Oolong Tea" }).waitFor();
  await page.getByRole("combobox", { name: "Language" }).selectOption("zh-Hans");
  await page.getByRole("heading", { level: 1, name: "曜石乌龙茶" }).waitFor();
  assert.match(page.url(), /\/p\/oolong-obsidian$/, "stays on the same page");
  assert.equal(await page.locator("html").getAttribute("lang"), "zh-Hans");
  await page.getByRole("combobox", { name: "语言" }).selectOption("zh-Hant");
  await page.getByRole("heading", { level: 1, name: "曜石烏龍茶" }).waitFor();
  await page.goto(BASE_URL + "/c/tea");
  await page.getByRole("heading", { level: 1, name: "茶葉" }).waitFor();
  await context.close();
});

test("pages work with JavaScript disabled", async () => {
  const context = await englishContext(browser, { ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(BASE_URL + "/");
  await page.getByRole("searchbox", { name: "Search products" }).fill("tea");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.waitForURL(/\/search\?q=tea/);
  await page.getByRole("link", { name: "Obsidian Oolong Tea", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Obsidian Oolong Tea" }).waitFor();
  await page.goto(BASE_URL + "/c/tea");
  await page.locator("summary", { hasText: "Filters" }).click();
  await page.getByLabel("Maximum price").fill("200");
  await page.getByRole("button", { name: "Apply" }).first().click();
  await page.waitForURL(/max=200/);
  await page.getByRole("combobox", { name: "Language" }).selectOption("zh-Hant");
  // Without JavaScript the select cannot submit itself; its button appears on keyboard focus.
  await page.getByRole("button", { name: "Change" }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: "茶葉" }).waitFor();
  await context.close();
});

test("the app is installable", async () => {
  // Chromium never offers installation in an incognito-like context, so use a real profile.
  const profile = await mkdtemp(join(tmpdir(), "jishi-profile-"));
  const context = await launchPersistent(profile, PHONE);
  const page = await context.newPage();
  await page.goto(BASE_URL + "/");
  await hydrated(page);
  await page.waitForFunction(() => navigator.serviceWorker.getRegistration().then((r) => Boolean(r && r.active)), null, { timeout: 15000 });
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  assert.deepEqual(installabilityErrors, []);
  const manifest = await (await page.request.get(BASE_URL + "/manifest.webmanifest")).json();
  assert.equal(manifest.display, "standalone");
  await context.close();
  await rm(profile, { recursive: true, force: true });
});
