// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core.
import { chromium } from "playwright-core";

export const BASE_URL = process.env.JISHI_E2E_URL ?? "http://127.0.0.1:3100";

const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: FLAGS });
}

/// A browser with an on-disk profile (some features, like installability, need one).
export async function launchPersistent(profileDir, options = {}) {
  const context = await chromium.launchPersistentContext(profileDir, {
    ...options,
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: FLAGS,
    locale: "en-GB",
  });
  await context.addCookies([{ name: "lang", value: "en", url: BASE_URL }]);
  return context;
}

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

/// A browser context showing the English interface (as the accessible names below are English).
export async function englishContext(browser, options = {}) {
  const context = await browser.newContext({ ...options, locale: "en-GB" });
  await context.addCookies([{ name: "lang", value: "en", url: BASE_URL }]);
  return context;
}

/// Records console errors and failed page loads so a test can assert there were none.
export function watchErrors(page) {
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  return errors;
}

export async function hydrated(page) {
  await page.waitForSelector("body[data-hydrated=true]", { timeout: 15000 });
}

export async function noHorizontalScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/// Opens a product, picks the first option still available on every axis, adds one.
export async function addToCart(page, slug) {
  await page.goto(BASE_URL + "/p/" + slug);
  await hydrated(page);
  const groups = page.getByRole("radiogroup");
  for (let i = 0; i < (await groups.count()); i++) {
    await groups.nth(i).getByRole("radio", { disabled: false }).first().check();
  }
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByText("Added to cart.").waitFor();
}

/// Signs in on the sign-in page, then reads `back` in English (demo accounts may prefer
/// another language).
export async function signInInEnglish(page, email, password, back) {
  await page.goto(BASE_URL + "/sign-in?next=/account");
  await hydrated(page);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/account");
  await page.goto(BASE_URL + `/set-language?lang=en&back=${back}`);
  await hydrated(page);
}

/// A `datetime-local` value in shop time (UTC+8), `minutes` from now.
export function shopTime(minutes) {
  const at = new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000);
  return at.toISOString().slice(0, 16);
}
