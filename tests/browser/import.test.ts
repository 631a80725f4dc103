// Import orders in real Chromium, in English and Japanese: the merchant picks a file, uploads it, sees
// the import waiting with its progress bar, and once a job worker runs it, the summary and the bad rows.
// The app runs without its in-process worker (JOB_WORKER=off), so the waiting state is seen for sure;
// `node scripts/worker.ts` then runs the job, as it does in a scaled-out deployment.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../simulator/server.ts";
import { reservePort, startApp, stopProcess, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app.ts";
import { collectPageErrors, launchBrowser, newBrowserContext, openEmbeddedAdmin, saveScreenshot } from "../support/browser.ts";
import { projectRoot } from "../support/database.ts";
import { genericCsvFile } from "../support/order-files.ts";
import { SimulatorClient } from "../support/simulator.ts";

const ORDERS = genericCsvFile([
  "C-1,A-1,2024-03-01,1200,JPY", // line 2
  "C-1,A-2,2024-03-05,800,JPY", // line 3
  "C-2,A-3,2024-03-02,three thousand,JPY", // line 4: not an amount
]);

describe("embedded admin Import orders", () => {
  let simulator: Simulator;
  let shopify: SimulatorClient;
  let app: RunningApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const uploadDir = join(projectRoot, "tests/.artifacts/imports", randomUUID());

  beforeAll(async () => {
    const appPort = await reservePort();
    simulator = await startSimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, appUrl: `http://127.0.0.1:${appPort}` });
    shopify = new SimulatorClient(simulator.origin);
    [app, browser] = await Promise.all([
      startApp({
        port: appPort,
        adminOrigin: simulator.origin,
        appBridgeUrl: `${simulator.origin}/cdn/app-bridge.js`,
        env: { JOB_WORKER: "off", IMPORT_UPLOAD_DIR: uploadDir },
      }),
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
    page.setDefaultTimeout(15_000);
    return { page, errors: collectPageErrors(page) };
  }

  /** The job worker as its own process, on the app's database and upload directory. */
  function startWorker(): ChildProcess {
    return spawn(join(projectRoot, "node_modules/.bin/node"), [join(projectRoot, "scripts/worker.ts")], {
      cwd: projectRoot,
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH ?? "",
        TZ: "UTC",
        DATABASE_URL: app.databaseUrl,
        LOG_LEVEL: "warn",
        SHOPIFY_API_KEY: TEST_API_KEY,
        SHOPIFY_API_SECRET: TEST_API_SECRET,
        SHOPIFY_APP_URL: app.origin,
        IMPORT_UPLOAD_DIR: uploadDir,
      },
      stdio: "ignore",
    });
  }

  async function uploadOrders(page: Page, buttonName: string): Promise<void> {
    await page.setInputFiles('input[type="file"]', { name: "orders.csv", mimeType: "text/csv", buffer: Buffer.from(ORDERS) });
    await page.getByRole("button", { name: buttonName, exact: true }).click();
  }

  it("uploads a file, shows it waiting with a progress bar, then its summary and bad rows in English", async () => {
    // GIVEN an installed store's admin on Import orders
    const shop = "kizuna-import-en.myshopify.com";
    await shopify.seedShop({ shop, name: "Import Goods", currencyCode: "JPY", ianaTimezone: "Asia/Tokyo" });
    const { page, errors } = await newPage();
    await openEmbeddedAdmin(page, { appOrigin: app.origin, shop, locale: "en", path: "/app/import", token: await shopify.sessionToken(shop) });
    await expect(page.locator("h1").innerText()).resolves.toBe("Import orders");
    await expect(page.locator("ui-nav-menu a").allInnerTexts()).resolves.toEqual(["Home", "Segments", "Ranks", "Customers", "Import orders", "Settings"]);
    await expect(page.getByText("No imports yet.").isVisible()).resolves.toBe(true);

    // WHEN the merchant uploads an orders file
    await uploadOrders(page, "Import");

    // THEN it waits for a worker, with its progress bar at 0 %
    await page.getByText("Waiting to start").first().waitFor();
    await expect(page.locator("progress").getAttribute("value")).resolves.toBe("0");
    await expect(page.getByText("Import progress: 0 %").isVisible()).resolves.toBe(true);
    await saveScreenshot(page, "import-waiting-en");

    // AND once a worker has run it, the page shows the summary and the bad row, without a reload
    const worker = startWorker();
    try {
      // The install's own jobs (history import, metafield definitions) are queued ahead of the upload.
      await page.getByText("Rows not imported").waitFor({ timeout: 90_000 });
    } finally {
      await stopProcess(worker);
    }
    const body = await page.innerText("body");
    expect(body).toContain("Import of orders.csv");
    expect(body).toContain("2 (2 new, 0 updated, 0 already up to date)");
    expect(body).toContain("The first 1 of 1 rows with errors. All other rows were imported.");
    const badRow = page.locator(".Polaris-DataTable__Table tbody tr").first();
    await expect(badRow.locator("th, td").allInnerTexts()).resolves.toEqual(["4", "amount", "Not an amount."]);
    await expect(page.locator("progress").count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await saveScreenshot(page, "import-done-en");
  });

  it("speaks Japanese from the upload to the summary", async () => {
    const shop = "kizuna-import-ja.myshopify.com";
    await shopify.seedShop({ shop, name: "絆茶舗", currencyCode: "JPY", ianaTimezone: "Asia/Tokyo" });
    const { page, errors } = await newPage();
    await openEmbeddedAdmin(page, { appOrigin: app.origin, shop, locale: "ja", path: "/app/import", token: await shopify.sessionToken(shop) });
    await expect(page.locator("h1").innerText()).resolves.toBe("注文のインポート");
    await expect(page.locator("ui-nav-menu a").allInnerTexts()).resolves.toEqual(["ホーム", "セグメント", "顧客ランク", "顧客", "注文のインポート", "設定"]);

    await uploadOrders(page, "インポート");
    await page.getByText("開始待ち").first().waitFor();
    await expect(page.getByText("インポートの進捗: 0%").isVisible()).resolves.toBe(true);

    const worker = startWorker();
    try {
      await page.getByText("取り込めなかった行").waitFor({ timeout: 90_000 });
    } finally {
      await stopProcess(worker);
    }
    const body = await page.innerText("body");
    expect(body).toContain("orders.csv のインポート");
    expect(body).toContain("2件（新規 2件、更新 0件、変更なし 0件）");
    expect(body).toContain("金額として読み取れません。");
    expect(body).toContain("これまでのインポート");
    expect(errors).toEqual([]);
    await saveScreenshot(page, "import-done-ja");
  });
});
