// Home's history import card in real Chromium: the progress of a running backfill refreshes by itself,
// and a store without read_all_orders is told, in Japanese, that only 60 days were loaded and why.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../simulator/server.ts";
import { reservePort, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app.ts";
import { collectPageErrors, launchBrowser, newBrowserContext, openEmbeddedAdmin, saveScreenshot } from "../support/browser.ts";
import { SimulatorClient } from "../support/simulator.ts";

describe("Home's history import card", () => {
  let simulator: Simulator;
  let shopify: SimulatorClient;
  let app: RunningApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const appPort = await reservePort();
    simulator = await startSimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, appUrl: `http://127.0.0.1:${appPort}` });
    shopify = new SimulatorClient(simulator.origin);
    [app, browser] = await Promise.all([
      startApp({ port: appPort, adminOrigin: simulator.origin, appBridgeUrl: `${simulator.origin}/cdn/app-bridge.js` }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
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

  it("shows Shopify preparing the data, then the finished import, without a reload", async () => {
    // GIVEN a store whose exports Shopify is still writing
    const shop = "backfill-progress.myshopify.com";
    await shopify.seedShop({ shop, name: "Progress Goods", customers: 300, seed: 51, currencyCode: "USD", ianaTimezone: "America/New_York" });
    await shopify.holdBulkOperations(shop, true);
    const { page, errors } = await newPage();

    // WHEN the merchant opens Kizuna
    await openEmbeddedAdmin(page, { appOrigin: app.origin, shop, locale: "en", token: await shopify.sessionToken(shop) });

    // THEN the card shows Shopify preparing the data, with the progress bar at the start
    await page.getByText("Shopify is preparing your store's data for Kizuna").waitFor();
    expect(await page.innerText("body")).toContain("This page updates by itself while the import runs.");
    const progressBar = page.getByRole("progressbar", { name: "Import progress" });
    await expect(progressBar.getAttribute("value")).resolves.toBe("0");
    await saveScreenshot(page, "backfill-exporting-en");

    // AND once Shopify has written the exports, the same page shows the import finished
    await shopify.holdBulkOperations(shop, false);
    await page.getByRole("button", { name: "Run the import again" }).waitFor();
    const text = await page.innerText("body");
    expect(text).toContain("Imported");
    await expect(progressBar.getAttribute("value")).resolves.toBe("100");
    const orders = (await shopify.shopState(shop)).orders;
    expect(text).toContain(`${orders.toLocaleString("en")} of ${orders.toLocaleString("en")} orders imported`);
    expect(text).toContain("300 of 300 customers imported");
    expect(text).toContain("Run the import again");
    expect(text).not.toContain("This page updates by itself");
    expect(errors).toEqual([]);
    await saveScreenshot(page, "backfill-completed-en");
  });

  it("tells a Japanese merchant that only the last 60 days were loaded without read_all_orders", async () => {
    const shop = "backfill-recent-ja.myshopify.com";
    await shopify.seedShop({ shop, name: "絆ストア", customers: 200, seed: 52, withheldScopes: ["read_all_orders"] });
    const { page, errors } = await newPage();
    await openEmbeddedAdmin(page, { appOrigin: app.origin, shop, locale: "ja", token: await shopify.sessionToken(shop) });
    await page.getByRole("button", { name: "もう一度取り込む" }).waitFor();
    const text = await page.innerText("body");
    expect(text).toContain("取り込み済み");
    expect(text).toContain("直近60日分の注文のみ取り込みました");
    expect(text).toContain("read_all_orders");
    expect(errors).toEqual([]);
    await saveScreenshot(page, "backfill-recent-ja");
  });
});
