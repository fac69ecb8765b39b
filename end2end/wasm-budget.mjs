// How much WASM a first visit fetches, page by page, in Chromium. With a server running:
//   JISHI_E2E_URL=http://127.0.0.1:3100 node wasm-budget.mjs [--budget KB] [--json] [paths…]
// Default pages: home, a category, a product, a search (the shopper pages the budget applies to),
// then the cart, the checkout and the member center (signed in as the demo shopper, whose
// credentials JISHI_BUDGET_EMAIL / JISHI_BUDGET_PASSWORD can replace), then two back-office
// pages (signed in as the demo operator: JISHI_BUDGET_ADMIN_EMAIL / JISHI_BUDGET_ADMIN_PASSWORD),
// whose code is split into chunks of their own.
// Every page is a first visit: a fresh browser context, no HTTP cache, no service worker. Brotli
// bytes are what the server sends with `Accept-Encoding: br` (the script asks for it, as Chromium
// offers br only over https); each file's .br size on disk is the check that this is so.
// Prints one line per page and the site total (every .wasm of the build, brotli);
// with --json, one JSON object per line instead (`{"page":…}` lines, then one `{"site":…}` line).
// Exits 1 when a shopper page goes over the budget (default 150 KB = 153,600 bytes).
// --lcp: also loads each shopper page on a throttled network (Lighthouse's mobile profile: 150 ms,
// 1.6 Mbit/s down) twice, as is and with every .wasm request refused, and prints the largest
// contentful paint of both: the WASM (and its preload) must not make the largest paint later.
import { chromium } from "playwright-core";
import { appendFileSync, existsSync, readdirSync, statSync } from "node:fs";
import { basename } from "node:path";

const BASE = process.env.JISHI_E2E_URL ?? "http://127.0.0.1:3100";
const PKG = process.env.JISHI_PKG_DIR ?? new URL("../target/site/pkg/", import.meta.url).pathname;
const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(name); if (i >= 0) args.splice(i, 1); return i >= 0; };
const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : fallback; };
const JSON_LINES = flag("--json");
const LCP = flag("--lcp");
const BUDGET = Number(option("--budget", "150")) * 1024;
const SHOPPER = ["/", "/c/tea", "/p/smartphone-obsidian", "/search?q=tea"];
const SIGNED_IN = ["/account"];
const ADMIN = ["/admin", "/admin/products/1"];
const PATHS = args.length ? args : [...SHOPPER, "/cart", "/checkout", ...SIGNED_IN, ...ADMIN];
const EMAIL = process.env.JISHI_BUDGET_EMAIL ?? "shopper@jishi.test";
const PASSWORD = process.env.JISHI_BUDGET_PASSWORD ?? "oolong-tea-2026";
const ADMIN_EMAIL = process.env.JISHI_BUDGET_ADMIN_EMAIL ?? "admin@jishi.test";
const ADMIN_PASSWORD = process.env.JISHI_BUDGET_ADMIN_PASSWORD ?? "jishi-ops-2026";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const brOnDisk = (file) => { const f = PKG + file + ".br"; return existsSync(f) ? statSync(f).size : NaN; };
const kb = (n) => (n / 1024).toFixed(1);
const say = (line) => { if (!JSON_LINES) console.log(line); };
// scripts/bench's closing table: one tab-separated line per figure (row, column, value).
const figure = (row, value) => { if (process.env.JISHI_BENCH_FIGURES) appendFileSync(process.env.JISHI_BENCH_FIGURES, `${row}\tall\t${value}\n`); };

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: FLAGS });

/// A demo account's session cookie: the shopper's for the member center, the operator's for
/// the back office.
async function signedInState(email, password) {
  const context = await browser.newContext({ locale: "en-GB", serviceWorkers: "block" });
  await context.addCookies([{ name: "lang", value: "en", url: BASE }]);
  const page = await context.newPage();
  await page.goto(BASE + "/sign-in");
  await page.waitForSelector("body[data-hydrated=true]", { timeout: 20000 });
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await Promise.all([page.waitForURL((url) => !url.pathname.endsWith("/sign-in"), { timeout: 20000 }),
    page.getByRole("button", { name: "Sign in" }).click()]);
  const state = await context.storageState();
  await context.close();
  return state;
}

/// One first visit: every .wasm response with its encoding and body size.
async function visit(path, storageState) {
  const context = await browser.newContext({ locale: "en-GB", serviceWorkers: "block", storageState });
  await context.addCookies([{ name: "lang", value: "en", url: BASE }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const files = new Map();
  cdp.on("Network.responseReceived", ({ requestId, response }) => {
    const name = new URL(response.url).pathname;
    if (!name.endsWith(".wasm")) return;
    const h = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    files.set(requestId, { file: basename(name), status: response.status, encoding: h["content-encoding"] ?? "identity",
      body: Number(h["content-length"] ?? NaN) });
  });
  cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
    const f = files.get(requestId);
    if (f && Number.isNaN(f.body)) f.body = encodedDataLength; // chunked: headers included, a slight overcount
  });
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.setExtraHTTPHeaders", { headers: { "Accept-Encoding": "br, gzip" } });
  const response = await page.goto(BASE + path, { waitUntil: "load" });
  await page.waitForSelector("body[data-hydrated=true]", { timeout: 20000 });
  await page.waitForLoadState("networkidle");
  const finalPath = new URL(page.url()).pathname;
  await context.close();
  const wasm = [...files.values()];
  return { path, finalPath, status: response?.status(), wasm };
}

let over = false;
const isAdmin = (p) => p === "/admin" || p.startsWith("/admin/");
const state = PATHS.some((p) => SIGNED_IN.includes(p)) ? await signedInState(EMAIL, PASSWORD) : undefined;
const adminState = PATHS.some(isAdmin) ? await signedInState(ADMIN_EMAIL, ADMIN_PASSWORD) : undefined;
const seen = new Map();
for (const path of PATHS) {
  const { finalPath, status, wasm } = await visit(path, isAdmin(path) ? adminState : SIGNED_IN.includes(path) ? state : undefined);
  const bytes = wasm.reduce((s, f) => s + (Number.isNaN(f.body) ? 0 : f.body), 0);
  const disk = wasm.reduce((s, f) => s + brOnDisk(f.file), 0);
  const notBr = wasm.filter((f) => f.encoding !== "br");
  const twice = wasm.length !== new Set(wasm.map((f) => f.file)).size;
  const shopper = SHOPPER.includes(path);
  const overBudget = shopper && Math.max(bytes, Number.isNaN(disk) ? 0 : disk) > BUDGET;
  over ||= overBudget;
  for (const f of wasm) seen.set(f.file, f.body);
  figure(`WASM first visit: ${path} (KB br, files)`, `${kb(bytes)} (${wasm.length})`);
  if (JSON_LINES) {
    console.log(JSON.stringify({ page: path, final_path: finalPath, status, wasm_files: wasm.length, wasm_br_bytes: bytes,
      wasm_br_bytes_on_disk: disk, budget_bytes: shopper ? BUDGET : null, over_budget: overBudget,
      files: wasm.map(({ file, encoding, body }) => ({ file, encoding, bytes: body })) }));
  } else {
    say(`${path.padEnd(24)} ${String(wasm.length).padStart(2)} wasm  ${kb(bytes).padStart(7)} KB br  (${bytes} bytes)` +
      `${finalPath !== new URL(BASE + path).pathname ? `  [ended at ${finalPath}]` : ""}${overBudget ? `  ✗ over ${kb(BUDGET)} KB` : ""}`);
    for (const f of wasm) say(`    ${f.file.padEnd(44)} ${f.encoding.padEnd(8)} ${kb(f.body).padStart(7)} KB`);
  }
  if (notBr.length) console.error(`    ! ${path}: not brotli: ${notBr.map((f) => `${f.file} (${f.encoding})`).join(", ")}`);
  if (twice) console.error(`    ! ${path}: a wasm file was fetched twice`);
}
/// The largest contentful paint of a first visit on a slow network, optionally without any WASM.
async function largestPaint(path, blockWasm) {
  const context = await browser.newContext({ locale: "en-GB", serviceWorkers: "block", viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
  await context.addCookies([{ name: "lang", value: "en", url: BASE }]);
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__lcp = null;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__lcp = { ms: e.startTime, tag: e.element?.tagName ?? "", url: e.url ?? "" };
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });
  if (blockWasm) await page.route("**/*.wasm", (route) => route.abort());
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.setExtraHTTPHeaders", { headers: { "Accept-Encoding": "br, gzip" } });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  await page.goto(BASE + path, { waitUntil: "load", timeout: 60000 });
  await page.waitForLoadState("networkidle", { timeout: 60000 });
  const lcp = await page.evaluate(() => window.__lcp);
  await context.close();
  return lcp;
}

if (LCP) {
  for (const path of PATHS.filter((p) => SHOPPER.includes(p))) {
    const [withWasm, without] = [await largestPaint(path, false), await largestPaint(path, true)];
    const describe = (l) => (l ? `${Math.round(l.ms)} ms (${l.tag}${l.url ? " " + basename(new URL(l.url).pathname) : ""})` : "none");
    if (JSON_LINES) console.log(JSON.stringify({ lcp: path, with_wasm_ms: withWasm?.ms ?? null, without_wasm_ms: without?.ms ?? null, element: withWasm?.tag ?? null, url: withWasm?.url ?? null }));
    else say(`LCP ${path.padEnd(22)} with WASM ${describe(withWasm)}; WASM refused ${describe(without)}`);
  }
}
await browser.close();

// The whole site: every .wasm the build made, as the .br files the server sends.
const all = existsSync(PKG) ? readdirSync(PKG).filter((f) => f.endsWith(".wasm")) : [];
const site = all.reduce((s, f) => s + (brOnDisk(f) || 0), 0);
figure("WASM whole site (KB br, files)", `${kb(site)} (${all.length})`);
const visited = [...seen.values()].reduce((s, n) => s + n, 0);
if (JSON_LINES) {
  console.log(JSON.stringify({ site: { wasm_files: all.length, wasm_br_bytes: site, visited_files: seen.size, visited_br_bytes: visited, budget_bytes: BUDGET, over_budget: over } }));
} else {
  say(`site: ${all.length} wasm files, ${kb(site)} KB br (${site} bytes) in ${PKG}; the pages above fetched ${seen.size} of them, ${kb(visited)} KB`);
}
process.exit(over ? 1 : 0);
