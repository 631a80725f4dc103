// The Settings page in real Chromium, in English and Japanese: the last sync to Shopify with its
// numbers, Sync now with the progress that follows it without a reload, and the customer tags with
// a prefix that is refused and one that is saved.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../simulator/server.ts";
import {
  reservePort,
  startApp,
  TEST_API_KEY,
  TEST_API_SECRET,
  type RunningApp,
} from "../support/app.ts";
import { openHome, waitForFinishedBackfill } from "../support/backfill.ts";
import {
  collectPageErrors,
  launchBrowser,
  newBrowserContext,
  openEmbeddedAdmin,
  saveScreenshot,
} from "../support/browser.ts";
import {
  openPatientDatabase,
  type PatientDatabase,
} from "../support/database.ts";
import { analyticsRows, waitForSettledSync } from "../support/shopify-sync.ts";
import { SimulatorClient } from "../support/simulator.ts";

describe("embedded admin Settings", () => {
  let simulator: Simulator;
  let shopify: SimulatorClient;
  let app: RunningApp;
  let db: PatientDatabase;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const appPort = await reservePort();
    simulator = await startSimulator({
      apiKey: TEST_API_KEY,
      apiSecret: TEST_API_SECRET,
      appUrl: `http://127.0.0.1:${appPort}`,
    });
    shopify = new SimulatorClient(simulator.origin);
    [app, browser] = await Promise.all([
      startApp({
        port: appPort,
        adminOrigin: simulator.origin,
        appBridgeUrl: `${simulator.origin}/cdn/app-bridge.js`,
      }),
      launchBrowser(),
    ]);
    db = openPatientDatabase(app.databaseUrl);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    db?.close();
    await app?.close();
    await simulator?.close();
  });

  async function newPage(): Promise<{ page: Page; errors: string[] }> {
    const context = await newBrowserContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return { page, errors: collectPageErrors(page) };
  }

  /** A store that has installed Kizuna, whose history is imported and synced to Shopify. */
  async function syncedStore(shop: string, name: string): Promise<number> {
    await shopify.seedShop({
      shop,
      name,
      customers: 100,
      seed: 61,
      plan: "plus",
    });
    await openHome(app, shopify, shop);
    await waitForFinishedBackfill(db, shop);
    await waitForSettledSync(db, shop);
    return (await analyticsRows(db, shop)).length;
  }

  it("shows the last sync, runs another with its progress, and saves customer tags in English", async () => {
    const shop = "kizuna-settings-en.myshopify.com";
    const customers = await syncedStore(shop, "Settings Goods");
    const { page, errors } = await newPage();
    await openEmbeddedAdmin(page, {
      appOrigin: app.origin,
      shop,
      locale: "en",
      path: "/app/settings",
      token: await shopify.sessionToken(shop),
    });
    await expect(page.locator("h1").innerText()).resolves.toBe("Settings");
    await expect(
      page.locator("ui-nav-menu a").allInnerTexts(),
    ).resolves.toEqual(["Home", "Segments", "Ranks", "Customers", "Import orders", "Settings"]);
    const body = await page.innerText("body");
    expect(body).toContain("Shopify sync");
    expect(body).toContain("Up to date");
    expect(body).toContain("Recomputed analytics");
    expect(body).toContain(`${customers} of ${customers} customers`);
    expect(body).toContain("Created in Shopify");
    await expect(
      page
        .getByRole("progressbar", { name: "Sync progress" })
        .getAttribute("value"),
    ).resolves.toBe("100");
    await saveScreenshot(page, "settings-en");

    // WHEN the merchant syncs now, the page says so and follows the run to its end by itself
    await page.getByRole("button", { name: "Sync now" }).click();
    await page.getByText("The sync has started.").waitFor();
    await page.locator(".Polaris-DataTable__Table tbody tr").nth(1).waitFor();
    await page.waitForFunction(
      () => !document.body.innerText.includes("Syncing"),
    );
    const history = await page
      .locator(".Polaris-DataTable__Table tbody tr")
      .allInnerTexts();
    expect(history).toHaveLength(2);
    expect(history[0]).toContain("Sync now");
    expect(history[1]).toContain("Recomputed analytics");

    // AND a prefix that would break a tag is refused with the reason, a good one is saved
    await page.getByLabel("Add customer tags").check();
    await page.getByLabel("Tag prefix").fill("vip club");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page
      .getByText(
        "Use only lowercase letters, numbers, - and _, starting with a letter or a number.",
      )
      .waitFor();
    await page.getByLabel("Tag prefix").fill("vip");
    expect(await page.innerText("body")).toContain("Example: vip:rank:gold");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page
      .getByText("Saved. Kizuna is updating your customers' tags.")
      .waitFor();
    await waitForSettledSync(db, shop);
    const { customers: stored } = await shopify.shopRecords(shop);
    expect(
      stored.filter((customer) =>
        customer.tags.some((tag) => tag.startsWith("vip:rank:")),
      ),
    ).toHaveLength(customers);
    expect(errors).toEqual([]);
    await saveScreenshot(page, "settings-tags-en");
  });

  it("speaks Japanese", async () => {
    const shop = "kizuna-settings-ja.myshopify.com";
    const customers = await syncedStore(shop, "絆茶舗");
    const { page, errors } = await newPage();
    await openEmbeddedAdmin(page, {
      appOrigin: app.origin,
      shop,
      locale: "ja",
      path: "/app/settings",
      token: await shopify.sessionToken(shop),
    });
    await expect(page.locator("h1").innerText()).resolves.toBe("設定");
    await expect(
      page.locator("ui-nav-menu a").allInnerTexts(),
    ).resolves.toEqual(["ホーム", "セグメント", "顧客ランク", "顧客", "注文のインポート", "設定"]);
    const body = await page.innerText("body");
    for (const text of [
      "Shopifyへの同期",
      "最新",
      "顧客分析の再計算",
      `${customers}人中 ${customers}人`,
      "Shopifyに作成済み",
      "顧客タグ",
      "顧客タグを付ける",
      "最近の同期",
    ]) {
      expect(body).toContain(text);
    }
    await page.getByLabel("タグの接頭辞").fill("");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByText("接頭辞を入力してください。").waitFor();
    await page.getByRole("button", { name: "今すぐ同期" }).click();
    await page.getByText("同期を開始しました。").waitFor();
    expect(errors).toEqual([]);
    await saveScreenshot(page, "settings-ja");
  });
});
