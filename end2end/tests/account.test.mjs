import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, englishContext, PHONE, BASE_URL, watchErrors, hydrated, noHorizontalScroll } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PASSWORD = "green-tea-2026";
const uniqueEmail = (name) => `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

async function register(page, email) {
  await page.goto(BASE_URL + "/register");
  await hydrated(page);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Display name").fill("Test Shopper");
  await page.getByLabel("I have read and agree to the privacy policy").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { level: 1, name: "Member center" }).waitFor();
}

async function addAddress(page, recipient, postalCode) {
  const form = page.locator("section.panel", { has: page.getByRole("heading", { name: "Add address" }) });
  await form.getByLabel("Recipient").fill(recipient);
  await form.getByLabel("Phone").fill("13800138000");
  await form.getByLabel("Region").selectOption({ label: "Guangdong" });
  await form.getByLabel("City").fill("Shenzhen");
  await form.getByLabel("Address", { exact: true }).fill("1 Keyuan Road, Nanshan");
  await form.getByLabel("Postal code").fill(postalCode);
  await form.getByRole("button", { name: "Add address" }).click();
  await page.getByRole("listitem", { name: `Address of ${recipient}` }).waitFor();
}

test("register, sign out, sign in, keep addresses and favourites, delete the account (phone)", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const email = uniqueEmail("e2e");

  await register(page, email);
  assert.ok(await noHorizontalScroll(page), "member center fits a phone");
  for (const name of ["Profile", "Addresses", "Favourites", "History", "Points", "Orders", "Coupons"]) {
    await page.getByRole("link", { name, exact: true }).first().waitFor();
  }

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(BASE_URL + "/en/");
  await page.goto(BASE_URL + "/account");
  await page.waitForURL(/\/sign-in\?next=/);

  await hydrated(page);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("wrong-password-9");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("alert").getByText("Wrong email or password.").waitFor();
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Member center" }).waitFor();

  await page.getByRole("link", { name: "Addresses", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Addresses" }).waitFor();
  await addAddress(page, "Wang Home", "518000");
  await addAddress(page, "Wang Office", "518057");
  const home = page.getByRole("listitem", { name: "Address of Wang Home" });
  const office = page.getByRole("listitem", { name: "Address of Wang Office" });
  await home.getByText("Default").waitFor();
  await office.getByRole("button", { name: "Set as default" }).click();
  await office.getByText("Default", { exact: true }).waitFor();
  assert.equal(await home.getByText("Default", { exact: true }).count(), 0, "only one default");
  // A refused address names its problem and keeps what was typed.
  const form = page.locator("section.panel", { has: page.getByRole("heading", { name: "Add address" }) });
  await form.getByLabel("Recipient").fill("Bad Postcode");
  await form.getByLabel("Phone").fill("13800138000");
  await form.getByLabel("Region").selectOption({ label: "Guangdong" });
  await form.getByLabel("City").fill("Shenzhen");
  await form.getByLabel("Address", { exact: true }).fill("2 Keyuan Road");
  await form.getByLabel("Postal code").fill("51");
  await form.getByRole("button", { name: "Add address" }).click();
  await form.getByRole("alert").getByText(/postal code does not fit/).waitFor();
  assert.equal(await form.getByLabel("Recipient").inputValue(), "Bad Postcode");

  await page.goto(BASE_URL + "/p/smartphone-obsidian");
  await hydrated(page);
  const heart = page.getByRole("button", { name: "Favourite", exact: true });
  await heart.click();
  await page.waitForFunction(() => document.querySelector(".title-row .favourite")?.getAttribute("aria-pressed") === "true");
  await page.goto(BASE_URL + "/account/favourites");
  await page.getByRole("link", { name: "Obsidian Smartphone" }).waitFor();

  await page.goto(BASE_URL + "/account/privacy");
  await hydrated(page);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await page.getByRole("heading", { name: /Your account has been deleted/ }).waitFor();
  await page.goto(BASE_URL + "/account");
  await page.waitForURL(/\/sign-in/);
  // The refused sign-in (401) and address (422) are expected answers, not faults.
  const unexpected = errors.filter((e) => !/Failed to load resource: .* (401|422) /.test(e));
  assert.deepEqual(unexpected, [], "no console errors");
  await context.close();
});

test("a guest's favourite is kept when they create an account", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  await page.goto(BASE_URL + "/p/smartphone-obsidian");
  await hydrated(page);
  await page.getByRole("button", { name: "Favourite", exact: true }).click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem("jishi.favourites") || "[]").length > 0);
  await register(page, uniqueEmail("guest"));
  // The browser's list goes to the account once signed in (then leaves the browser): wait for
  // that before leaving the page, as a navigation would cut the merge short.
  await page.waitForFunction(() => JSON.parse(localStorage.getItem("jishi.favourites") || "[]").length === 0);
  await page.goto(BASE_URL + "/account/favourites");
  await page.getByRole("link", { name: "Obsidian Smartphone" }).waitFor();
  await page.goto(BASE_URL + "/account/history");
  await page.getByRole("link", { name: "Obsidian Smartphone" }).waitFor();
  await context.close();
});

test("sign in works without JavaScript", async () => {
  const context = await englishContext(browser, { ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(BASE_URL + "/sign-in?next=/account/points");
  await page.getByLabel("Email", { exact: true }).fill("shopper@jishi.test");
  await page.getByLabel("Password", { exact: true }).fill("oolong-tea-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(BASE_URL + "/account/points");
  // Signing in switches to the member's preferred language (the demo shopper's is zh-Hant).
  await page.getByRole("cell", { name: "新會員禮" }).waitFor();
  await context.close();
});
