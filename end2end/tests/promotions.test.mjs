import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, englishContext, PHONE, BASE_URL, watchErrors, hydrated, noHorizontalScroll, signInInEnglish, shopTime, addToCart } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// The discount steps of a price explanation, as shown: "label amount" per step.
async function steps(region) {
  const rows = region.locator(".discount");
  const texts = [];
  for (let i = 0; i < (await rows.count()); i++) {
    texts.push((await rows.nth(i).innerText()).replace(/\s+/g, " ").trim());
  }
  return texts;
}

/// Removes every line of the signed-in member's cart (other tests may have left some).
async function emptyCart(page) {
  await page.goto(BASE_URL + "/cart");
  await hydrated(page);
  await page.locator(".cart-lines, .notice").first().waitFor();
  const remove = page.getByRole("button", { name: /^Remove / });
  for (let left = await remove.count(); left > 0; left = await remove.count()) {
    await remove.first().click();
    for (let i = 0; i < 100 && (await remove.count()) === left; i++) await page.waitForTimeout(100);
  }
}

test("a shopper claims a coupon, crosses a 滿減 tier, checks out with points, and the receipt shows the checkout's lines", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signInInEnglish(page, "shopper@jishi.test", "oolong-tea-2026", "/coupons");

  // The coupon centre: claim the ¥20 coupon once.
  await page.getByRole("heading", { level: 1, name: "Coupon centre" }).waitFor();
  assert.ok(await noHorizontalScroll(page), "the coupon centre fits a phone");
  const twenty = page.getByRole("listitem").filter({ hasText: "¥20.00 off" });
  await twenty.getByRole("button", { name: "Claim" }).click();
  await page.getByRole("status").filter({ hasText: "Claimed" }).waitFor();
  await twenty.getByRole("button", { name: "Claimed" }).waitFor();

  // The member center lists it as usable, beside Points and Membership level.
  await page.goto(BASE_URL + "/account/coupons");
  await hydrated(page);
  const nav = page.getByRole("navigation", { name: "Member center" });
  for (const name of ["Coupons", "Points", "Membership level"]) {
    await nav.getByRole("link", { name, exact: true }).waitFor();
  }
  await page.getByRole("region", { name: "Usable" }).getByText("¥20.00 off").waitFor();
  await nav.getByRole("link", { name: "Membership level", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Membership level" }).waitFor();
  await page.getByRole("progressbar", { name: "Progress to the next level" }).waitFor();

  // ¥149 of goods: the cart says how far the 滿 ¥299 減 ¥30 tier is.
  await emptyCart(page);
  await addToCart(page, "mouse-obsidian");
  await page.goto(BASE_URL + "/cart");
  await hydrated(page);
  const coupons = page.getByRole("region", { name: "Coupons" });
  await coupons.getByText("Spend ¥150.00 more to save ¥30.00").waitFor();
  // A code claims its coupon from the cart.
  await coupons.getByLabel("Coupon code").fill("welcome10");
  await coupons.getByRole("button", { name: "Apply" }).click();
  await coupons.getByRole("status").filter({ hasText: "Claimed" }).waitFor();

  // ¥348: the tier is reached, the next one named, the best coupon applied.
  await addToCart(page, "shirt-azure");
  await page.goto(BASE_URL + "/cart");
  await hydrated(page);
  await coupons.getByText("Spend ¥251.00 more to save ¥80.00").waitFor();
  const cartTotal = page.getByRole("region", { name: "How this total was reached" });
  assert.deepEqual(await steps(cartTotal), [
    "Spend ¥299.00, save ¥30.00 -¥30.00",
    "Coupon: ¥20.00 off · on goods over ¥200.00 -¥20.00",
  ]);

  // Checkout: the best coupon is proposed; points take off up to half the goods.
  await page.getByRole("button", { name: "Checkout" }).click();
  await page.waitForURL((url) => url.pathname === "/en/checkout");
  await hydrated(page);
  const coupon = page.getByRole("combobox", { name: "Coupon" });
  assert.match(await coupon.locator("option:checked").innerText(), /¥20\.00 off/);
  await page.getByRole("checkbox", { name: /Use points \(2000 available\)/ }).check();
  const checkoutTotal = page.getByRole("region", { name: "How this total was reached" });
  await checkoutTotal.getByText("2000 points").waitFor();
  const shown = await steps(checkoutTotal);
  assert.deepEqual(shown, [
    "Spend ¥299.00, save ¥30.00 -¥30.00",
    "Coupon: ¥20.00 off · on goods over ¥200.00 -¥20.00",
    "2000 points -¥20.00",
  ]);
  assert.match(await checkoutTotal.locator(".total").innerText(), /¥278\.00/);
  assert.ok(await noHorizontalScroll(page), "checkout fits a phone");
  await page.getByRole("button", { name: "Place order" }).click();
  await page.getByRole("button", { name: "Pay now" }).click();
  await page.waitForURL(/\/orders\/J\d+/);
  await hydrated(page);
  const orderNo = page.url().match(/\/orders\/(J\d+)/)[1];
  await page.locator(".order-status strong", { hasText: /^Paid$/ }).waitFor();

  // The order and its receipt show the same steps and total as checkout did.
  assert.deepEqual(await steps(page.locator(".price-explanation").first()), shown);
  await page.goto(BASE_URL + `/orders/${orderNo}/receipt`);
  await hydrated(page);
  assert.deepEqual(await steps(page.locator(".price-explanation").first()), shown);
  assert.match(await page.locator(".price-explanation .total").first().innerText(), /¥278\.00/);

  // The points went, with their reason.
  await page.goto(BASE_URL + "/account/points");
  await hydrated(page);
  await page.getByRole("cell", { name: `Spent on order ${orderNo}` }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("an operator previews and creates a 滿減 and a coupon on a phone, then pauses and ends them", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signInInEnglish(page, "admin@jishi.test", "jishi-ops-2026", "/admin/promotions");
  await page.getByRole("heading", { level: 1, name: "Promotions" }).waitFor();
  assert.ok(await noHorizontalScroll(page), "the promotions page fits a phone");

  // The preview prices a cart with the tiers as typed, before anything is saved.
  await page.getByLabel("Name").first().fill("Weekend 滿減");
  await page.getByLabel(/^Tiers/).fill("500:60");
  await page.getByLabel("Preview: a cart of (yuan)").fill("520");
  await page.getByText("A cart of ¥520.00 would pay ¥460.00").waitFor();
  await page.getByLabel("Starts").fill(shopTime(60));
  await page.getByLabel("Ends").fill(shopTime(60 * 24));
  await page.getByRole("button", { name: "Create" }).first().click();
  const reduction = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Weekend 滿減" }) });
  await reduction.getByText("Scheduled").waitFor();

  // A coupon with a code; the same code again is refused at its field.
  const coupon = page.locator("form").filter({ has: page.getByLabel("Copies") });
  await coupon.getByLabel("Name").fill("Spring ¥12");
  await coupon.getByLabel("Amount off (yuan)", { exact: true }).fill("12");
  await coupon.getByLabel("Minimum spend (yuan)").fill("100");
  await coupon.getByLabel("Copies").fill("50");
  await coupon.getByLabel("Claimable from").fill(shopTime(-5));
  await coupon.getByLabel("Claimable until").fill(shopTime(60 * 24 * 7));
  await coupon.getByLabel(/^Code/).fill("spring12");
  await coupon.getByRole("button", { name: "Create" }).click();
  const spring = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Spring ¥12" }) });
  await spring.getByText("0 of 50 claimed, 0 used").waitFor();
  await coupon.getByRole("button", { name: "Create" }).click();
  await coupon.getByRole("alert").getByText("Another coupon has this code.").waitFor();

  // Paused, then ended: no buttons left once it has ended.
  await spring.getByRole("button", { name: "Pause Spring ¥12" }).click();
  await spring.getByText("Paused").waitFor();
  await spring.getByRole("button", { name: "End now Spring ¥12" }).click();
  await spring.getByText("Ended").waitFor();
  assert.equal(await spring.getByRole("button").count(), 0);
  await reduction.getByRole("button", { name: "End now Weekend 滿減" }).click();
  await reduction.getByText("Ended").waitFor();
  // The refused code (422) is an expected answer, not a fault.
  assert.deepEqual(errors.filter((e) => !/Failed to load resource: .* 422 /.test(e)), []);
  await context.close();
});

test("an operator scopes a coupon to tea, gives a coupon to a group of members and sets a member price", async () => {
  const context = await englishContext(browser, PHONE);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signInInEnglish(page, "admin@jishi.test", "jishi-ops-2026", "/admin/promotions");
  await page.getByRole("heading", { level: 1, name: "Promotions" }).waitFor();

  // A coupon for tea only: a name that finds nothing is refused at the scope.
  const coupon = page.locator("form").filter({ has: page.getByLabel("Copies") });
  await coupon.getByLabel("Name").fill("Tea lovers ¥6");
  await coupon.getByLabel("Amount off (yuan)", { exact: true }).fill("6");
  await coupon.getByLabel("Minimum spend (yuan)").fill("60");
  await coupon.getByLabel("Copies").fill("20");
  await coupon.getByLabel("Claimable from").fill(shopTime(-5));
  await coupon.getByLabel("Claimable until").fill(shopTime(60 * 24 * 7));
  await coupon.getByLabel("Applies to").selectOption({ label: "Categories" });
  await coupon.getByLabel(/^Which ones/).fill("tea, no-such-aisle");
  await coupon.getByRole("button", { name: "Create" }).click();
  await coupon.getByRole("alert").getByText("A category, product or supplier named here was not found.").waitFor();
  await coupon.getByLabel(/^Which ones/).fill("tea");
  await coupon.getByRole("button", { name: "Create" }).click();
  const tea = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Tea lovers ¥6" }) });
  await tea.getByText("Only on: Tea").waitFor();

  // The seeded thank-you coupon, given to the Platinum members (the demo shopper is not one).
  const thanks = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Thank-you ¥25" }) });
  await thanks.getByLabel("Give Thank-you ¥25 to").selectOption({ label: "Platinum members and above" });
  await thanks.getByRole("button", { name: "Give Thank-you ¥25" }).click();
  await thanks.getByRole("status").filter({ hasText: /^Copies given: \d+ · Members in the group: \d+/ }).waitFor();
  assert.ok(await noHorizontalScroll(page), "the promotions page still fits a phone");

  // A Platinum member price on a seeded member-price SKU: refused when not below the SKU's own
  // price, then listed, then removed.
  const memberPrices = page.getByRole("region", { name: "Member prices" });
  const code = (await memberPrices.locator("code").first().innerText()).trim();
  const priceForm = page.locator("form").filter({ has: page.getByLabel("Member price (yuan)") });
  await priceForm.getByLabel("SKU code").fill(code);
  await priceForm.getByLabel("Level").selectOption({ label: "Platinum" });
  await priceForm.getByLabel("Member price (yuan)").fill("999999");
  await priceForm.getByRole("button", { name: "Save member price" }).click();
  await priceForm.getByRole("alert").getByText("A member price must be below the SKU's own price.").waitFor();
  await priceForm.getByLabel("Member price (yuan)").fill("1.00");
  await priceForm.getByRole("button", { name: "Save member price" }).click();
  const remove = memberPrices.getByRole("button", { name: `Remove member price ${code} Platinum` });
  await remove.click();
  await remove.waitFor({ state: "detached" });

  // Shoppers read the scope in the coupon centre.
  await page.goto(BASE_URL + "/coupons");
  await hydrated(page);
  await page.getByRole("listitem").filter({ hasText: "¥6.00 off" }).getByText("Only on: Tea").waitFor();
  assert.deepEqual(errors.filter((e) => !/Failed to load resource: .* 422 /.test(e)), []);
  await context.close();
});
