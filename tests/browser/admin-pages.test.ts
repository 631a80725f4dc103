// The analytics pages in real Chromium, on the demo store's generated history (the demo's scenario with
// 1,000 customers), loaded through install, backfill and the recompute job: Home's dashboard, Segments,
// a segment's members and its CSV export, Customers with search and a profile, and Ranks, in English
// and Japanese with screenshots; and editing the rank rules in the page, previewing, saving, and
// finding a customer who moved in their new rank.
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../simulator/server.ts";
import { DEMO_SHOP_DOMAIN, DEMO_SHOP_NAME } from "../simulator/scenarios/demo-shop.ts";
import { AdminPages } from "../support/admin-pages.ts";
import { reservePort, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app.ts";
import { launchBrowser, openAdminPage, saveScreenshot } from "../support/browser.ts";
import { SimulatorClient } from "../support/simulator.ts";
import type { SimCustomer } from "../simulator/shop/state.ts";

const SHOP = DEMO_SHOP_DOMAIN;

describe("the analytics pages", () => {
  let simulator: Simulator;
  let shopify: SimulatorClient;
  let app: RunningApp;
  let browser: Browser;
  let customers: SimCustomer[];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const appPort = await reservePort();
    simulator = await startSimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, appUrl: `http://127.0.0.1:${appPort}` });
    shopify = new SimulatorClient(simulator.origin);
    await shopify.seedShop({ shop: SHOP, name: DEMO_SHOP_NAME, customers: 1000, seed: 2026, currencyCode: "JPY", ianaTimezone: "Asia/Tokyo" });
    [app, browser] = await Promise.all([
      startApp({ port: appPort, adminOrigin: simulator.origin, appBridgeUrl: `${simulator.origin}/cdn/app-bridge.js` }),
      launchBrowser(),
    ]);
    const admin = new AdminPages(app);
    await admin.install(SHOP);
    await admin.waitForAnalytics(SHOP, 200_000);
    customers = (await shopify.shopRecords(SHOP)).customers;
  }, 240_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await app?.close();
    await simulator?.close();
  });

  async function open(path: string, locale: "en" | "ja"): Promise<{ page: Page; errors: string[] }> {
    return openAdminPage(browser, contexts, { appOrigin: app.origin, shop: SHOP, locale, path, token: await shopify.sessionToken(SHOP) });
  }

  /** Waits until every Polaris Viz chart on the page has drawn its SVG. */
  async function waitForCharts(page: Page, count: number): Promise<void> {
    await page.waitForFunction((expected) => document.querySelectorAll('[data-chart="drawn"] svg').length >= expected, count);
  }

  it("shows the dashboard, segments, a customer and the rank rules in English", async () => {
    const { page, errors } = await open("/app", "en");
    await expect(page.locator("ui-nav-menu a").allInnerTexts()).resolves.toEqual(["Home", "Segments", "Ranks", "Customers", "Import orders", "Settings"]);
    const home = await page.innerText("body");
    for (const text of ["Customers", "Active customers", "Repeat rate", "F2 conversion, 90 days", "Net revenue", "Top 20% share", "F2 conversion by first-order month", "Days to second purchase", "Net spend by rank", "RFM thresholds in use"])
      expect(home).toContain(text);
    expect(home).toMatch(/Half of repeat customers ordered again within \d+ days/);
    await waitForCharts(page, 3);
    await saveScreenshot(page, "dashboard-en", { docs: true });

    // the menu leads to Segments without reloading the document
    await page.locator("ui-nav-menu a", { hasText: "Segments" }).click();
    await page.getByRole("heading", { name: "R × F grid" }).waitFor();
    const grid = page.locator("table").first();
    await expect(grid.locator("thead th").allInnerTexts()).resolves.toEqual(["F1", "F2", "F3", "F4", "F5"]);
    await expect(grid.locator("tbody th").allInnerTexts()).resolves.toEqual(["R5", "R4", "R3", "R2", "R1"]);
    await saveScreenshot(page, "segments-en", { docs: true });
    // a cell opens its segment's members
    await grid.locator("tbody tr").last().locator("td").first().getByRole("link").click();
    await page.getByRole("heading", { name: "Lost", level: 1 }).waitFor();
    expect(await page.innerText("body")).toContain("One order, long ago.");

    const customerList = await open("/app/customers?sort=lastOrderOn", "en");
    await customerList.page.getByRole("columnheader", { name: "Predicted CLV" }).waitFor();
    const firstCustomer = customerList.page.getByRole("table").getByRole("link").first();
    const name = await firstCustomer.innerText();
    await firstCustomer.click();
    await customerList.page.getByRole("heading", { name, level: 1 }).waitFor();
    const profile = await customerList.page.innerText("body");
    for (const text of ["Purchases", "RFM and segment", "Rank", "Predictions", "Rank history", "Orders", "Method", "Manual rank"]) expect(profile).toContain(text);
    await saveScreenshot(customerList.page, "customer-en", { docs: true });

    const rankPage = await open("/app/ranks", "en");
    await rankPage.page.getByRole("heading", { name: "Rank rules" }).waitFor();
    expect(await rankPage.page.innerText("body")).toContain("Customers per rank now");
    await saveScreenshot(rankPage.page, "ranks-en", { docs: true });
    expect([...errors, ...customerList.errors, ...rankPage.errors]).toEqual([]);
  });

  it("finds a customer by name and shows their profile in Japanese", async () => {
    const customer = customers.find((candidate) => candidate.locale === "ja" && candidate.orderIds.length >= 3)!;
    const { page, errors } = await open("/app/customers", "ja");
    await expect(page.locator("h1").innerText()).resolves.toBe("顧客");
    await page.getByLabel("顧客を検索").fill(`${customer.lastName} ${customer.firstName}`);
    await page.getByRole("button", { name: "検索", exact: true }).click();
    await page.getByText(/に一致する顧客：\d+人/).waitFor();
    await page.getByRole("link", { name: `${customer.lastName} ${customer.firstName}` }).first().click();
    await page.getByRole("heading", { name: `${customer.lastName} ${customer.firstName}`, level: 1 }).waitFor();
    const body = await page.innerText("body");
    for (const text of ["購入状況", "RFMとセグメント", "ランク", "予測", "ランク履歴", "注文", "推定方法", "手動ランク設定"]) expect(body).toContain(text);
    expect(body).toContain(`購入回数\n${customer.orderIds.length}`);
    await saveScreenshot(page, "customer-ja", { docs: true });
    expect(errors).toEqual([]);
  });

  it("shows the dashboard and segments in Japanese", async () => {
    const { page, errors } = await open("/app", "ja");
    await expect(page.locator("h1").innerText()).resolves.toBe("ホーム");
    const home = await page.innerText("body");
    for (const text of ["顧客数", "アクティブ顧客数", "リピート率", "F2転換率（90日）", "純売上", "初回購入月別のF2転換率", "2回目購入までの日数", "ランク別の購入金額", "現在のRFMの基準値"]) expect(home).toContain(text);
    expect(home).toMatch(/￥[\d,]+/);
    await waitForCharts(page, 3);
    await saveScreenshot(page, "dashboard-ja", { docs: true });
    const segments = await open("/app/segments", "ja");
    await segments.page.getByRole("heading", { name: "R×Fグリッド" }).waitFor();
    const text = await segments.page.innerText("body");
    for (const name of ["優良顧客", "ロイヤル顧客", "新規顧客", "離脱顧客", "すべてのセグメント", "1人あたり購入金額"]) expect(text).toContain(name);
    await saveScreenshot(segments.page, "segments-ja", { docs: true });
    expect([...errors, ...segments.errors]).toEqual([]);
  });

  it("downloads a segment's members as CSV", async () => {
    const { page, errors } = await open("/app/segments/lost", "ja");
    await page.getByRole("heading", { name: "離脱顧客", level: 1 }).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "CSVをエクスポート" }).click()]);
    expect(download.suggestedFilename()).toBe("kizuna-customers-lost.csv");
    const lines = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toMatch(/^customer_id,first_name,last_name,email,segment,segment_name,rank,rank_name/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.includes(",lost,離脱顧客,"))).toBe(true);
    expect(errors).toEqual([]);
  });

  it("shows a field's problem when the rank rules cannot be saved", async () => {
    const { page, errors } = await open("/app/ranks", "en");
    const gold = page.getByRole("group", { name: "Rank 3 · Gold" });
    await gold.getByLabel("Colour").fill("gold");
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    await page.getByText("Enter a colour as #RRGGBB, for example #C9A227.").waitFor();
    await expect(page.getByRole("button", { name: "Save as version 2" }).isDisabled()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });

  it("edits the rank rules, previews who moves, saves them and re-ranks the customers", async () => {
    // GIVEN the rank editor in Japanese
    const { page, errors } = await open("/app/ranks", "ja");
    const gold = page.getByRole("group", { name: "ランク3 · ゴールド" });
    // WHEN the merchant lowers Gold to three orders and previews
    await gold.getByLabel("購入回数が次以上").fill("3");
    await expect(page.getByRole("button", { name: "バージョン2として保存" }).isDisabled()).resolves.toBe(true);
    await page.getByRole("button", { name: "プレビュー", exact: true }).click();
    // THEN the preview lists who moves up to Gold
    await page.getByRole("heading", { name: /時点のプレビュー$/ }).waitFor();
    const summary = await page.getByText(/^\d[\d,]*人のランクが変わります。$/).innerText();
    const moverCount = Number(summary.replace(/[^\d]/g, ""));
    expect(moverCount).toBeGreaterThan(0);
    expect(await page.innerText("body")).toMatch(/\d+人がシルバーからゴールドへ/);
    const moverLink = page.getByRole("table").last().getByRole("link").first();
    const moverName = await moverLink.innerText();
    const moverHref = await moverLink.getAttribute("href");
    await saveScreenshot(page, "ranks-ja", { docs: true });

    // WHEN it saves
    await page.getByRole("button", { name: "バージョン2として保存" }).click();
    await page.getByText("バージョン2として保存しました。顧客のランクを付け直しています。").waitFor();
    // THEN the page follows the re-ranking until every customer is ranked under version 2
    await page.getByText(/バージョン2の条件で顧客のランクを付け直しています/).waitFor({ state: "detached", timeout: 60_000 });
    await expect(page.getByText("適用中").count()).resolves.toBe(1);

    // AND the customer who moved is Gold, with the rules change and version 2 in their history
    const profile = await open(moverHref!, "ja");
    await profile.page.getByRole("heading", { name: moverName, level: 1 }).waitFor();
    const body = await profile.page.innerText("body");
    expect(body).toMatch(/現在のランク\n\s*ゴールド/);
    expect(body).toContain("ランク条件の変更");
    expect(body).toContain("v2");
    expect(body).toContain("バージョン2");
    await saveScreenshot(profile.page, "customer-after-rank-change-ja");
    expect([...errors, ...profile.errors]).toEqual([]);
  });
});
