// Screenshots of shopper pages on a 360 px phone in the three languages, for reviewing a change
// by eye: `node shots.mjs OUT_DIR path…` with JISHI_E2E_URL pointing at a running shop.
// JISHI_SHOTS_CART=1 puts a line in the guest cart first (for the cart and checkout pages);
// JISHI_SHOTS_FULL=1 takes the whole page instead of the first screen;
// JISHI_SHOTS_SIGN_IN=email:password signs in first (for the member center and back office).
import { chromium } from "playwright-core";

const BASE = process.env.JISHI_E2E_URL ?? "http://127.0.0.1:3100";
const [out, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
});
for (const lang of ["zh-Hant", "zh-Hans", "en"]) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true });
  await context.addCookies([{ name: "lang", value: lang, url: BASE }]);
  if (process.env.JISHI_SHOTS_CART) {
    await context.addInitScript(() => {
      if (!localStorage.getItem("jishi.cart")) localStorage.setItem("jishi.cart", JSON.stringify([{ sku_id: 1, quantity: 2 }]));
    });
  }
  const page = await context.newPage();
  if (process.env.JISHI_SHOTS_SIGN_IN) {
    const [email, password] = process.env.JISHI_SHOTS_SIGN_IN.split(":");
    await page.goto(BASE + "/en/sign-in");
    await page.waitForSelector("body[data-hydrated=true]", { timeout: 15000 });
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.endsWith("/sign-in"));
    // Signing in may switch to the account's own language: back to the one being shot.
    await context.addCookies([{ name: "lang", value: lang, url: BASE }]);
  }
  for (const path of paths) {
    await page.goto(BASE + path);
    await page.waitForSelector("body[data-hydrated=true]", { timeout: 15000 }).catch(() => {});
    await page.waitForLoadState("networkidle");
    const name = `${lang}${path.replace(/[^a-z0-9]+/gi, "_")}.png`;
    await page.screenshot({ path: `${out}/${name}`, fullPage: !!process.env.JISHI_SHOTS_FULL });
  }
  await context.close();
}
await browser.close();
