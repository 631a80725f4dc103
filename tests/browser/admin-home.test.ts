// The embedded admin in real Chromium (toolchain.md §5): a fresh install through token exchange
// against the simulator, Home in English and Japanese, refused session tokens, and the App Bridge
// bounce page, with the simulator's App Bridge stand-in loaded as the real script would be.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintSessionToken } from "../simulator/auth.ts";
import { startSimulator, type Simulator } from "../simulator/server.ts";
import { reservePort, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app.ts";
import { BROWSER_USER_AGENT } from "../support/browser-agent.ts";
import {
  collectPageErrors,
  embeddedAdminUrl,
  launchBrowser,
  newBrowserContext,
  openEmbeddedAdmin,
  saveScreenshot,
} from "../support/browser.ts";
import { SimulatorClient } from "../support/simulator.ts";

describe("embedded admin Home", () => {
  let simulator: Simulator;
  let shopify: SimulatorClient;
  let app: RunningApp;
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
    page.setDefaultTimeout(10_000);
    return { page, errors: collectPageErrors(page) };
  }

  it("shows the newly installed store's name, currency and time zone in English", async () => {
    // GIVEN a store that has never opened Kizuna: no session, no store record
    const shop = "kizuna-outfitters.myshopify.com";
    await shopify.seedShop({ shop, name: "Kizuna Outfitters", currencyCode: "USD", ianaTimezone: "America/New_York" });
    const { page, errors } = await newPage();

    // WHEN the admin opens the app with a session token, as Shopify's iframe does
    const response = await openEmbeddedAdmin(page, {
      appOrigin: app.origin,
      shop,
      locale: "en",
      token: await shopify.sessionToken(shop),
    });

    // THEN the app exchanged the token with Shopify, recorded the store and shows it
    expect(response?.status()).toBe(200);
    await expect(page.locator("h1").innerText()).resolves.toBe("Home");
    const body = await page.innerText("body");
    expect(body).toContain("Connected to Kizuna Outfitters (kizuna-outfitters.myshopify.com)");
    expect(body).toContain("US Dollar (USD)");
    expect(body).toContain("America/New_York");
    expect(body).toContain("No orders received yet");
    expect(body).toContain("Home. This page is ready");
    await expect(page.locator("ui-nav-menu a").allInnerTexts()).resolves.toEqual(["Home", "Segments", "Ranks", "Customers", "Import orders", "Settings"]);
    const shopProfileCalls = (await shopify.calls(shop)).filter((call) => call.operationName === "ShopProfile");
    expect(shopProfileCalls.map((call) => call.outcome)).toEqual(["ok"]);
    expect(errors).toEqual([]);
    await saveScreenshot(page, "home-en");
  });

  it("speaks Japanese, Polaris' own strings included, when the admin locale is ja", async () => {
    // GIVEN a Japanese store
    const shop = "kizuna-tokyo.myshopify.com";
    await shopify.seedShop({ shop, name: "絆ストア", currencyCode: "JPY", ianaTimezone: "Asia/Tokyo" });
    const { page, errors } = await newPage();

    // WHEN its admin, set to Japanese, opens the app
    await openEmbeddedAdmin(page, { appOrigin: app.origin, shop, locale: "ja", token: await shopify.sessionToken(shop) });

    // THEN the headings, the store details and Polaris' accessibility strings are Japanese
    await expect(page.locator("h1").innerText()).resolves.toBe("ホーム");
    await expect(page.locator("h2").allInnerTexts()).resolves.toEqual(["顧客分析", "接続", "過去データの取り込み", "データ"]);
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("ja");
    const body = await page.innerText("body");
    expect(body).toContain("絆ストア（kizuna-tokyo.myshopify.com）に接続済み");
    expect(body).toContain("日本円 (JPY)");
    expect(body).toContain("Asia/Tokyo");
    expect(body).toContain("まだ注文を受信していません");
    expect(body).toContain("ホーム。このページの準備が整いました");
    expect(errors).toEqual([]);
    await saveScreenshot(page, "home-ja");
  });

  it("refuses a session token signed with another secret and shows no store data", async () => {
    // GIVEN an installed store and a token that Shopify did not sign for this app
    const shop = "kizuna-guarded.myshopify.com";
    await shopify.seedShop({ shop, name: "Guarded Goods", currencyCode: "USD", ianaTimezone: "America/New_York" });
    const { page } = await newPage();
    await openEmbeddedAdmin(page, { appOrigin: app.origin, shop, token: await shopify.sessionToken(shop) });
    await expect(page.locator("h1").innerText()).resolves.toBe("Home");
    const forgedToken = mintSessionToken({ shop, apiKey: TEST_API_KEY, apiSecret: "not-the-app-secret" });

    // WHEN Home's data is requested with it, as the page's client-side navigation would
    const dataResponse = await page.request.get(`${app.origin}/app?_data=routes%2Fapp._index`, {
      headers: { Authorization: `Bearer ${forgedToken}`, "User-Agent": BROWSER_USER_AGENT },
      maxRedirects: 0,
    });
    // AND the document is requested with it in the URL
    const documentResponse = await page.request.get(embeddedAdminUrl({ appOrigin: app.origin, shop, token: forgedToken }), {
      headers: { "User-Agent": BROWSER_USER_AGENT },
      maxRedirects: 0,
    });

    // THEN the data request is 401 with App Bridge's retry header, and the document is sent to the
    // bounce page for a fresh token; neither carries the store's name
    expect(dataResponse.status()).toBe(401);
    expect(dataResponse.headers()["x-shopify-retry-invalid-session-request"]).toBe("1");
    expect(await dataResponse.text()).not.toContain("Guarded Goods");
    expect(documentResponse.status()).toBe(302);
    expect(documentResponse.headers()["location"]).toMatch(/^\/auth\/session-token\?/);
    expect(await documentResponse.text()).not.toContain("Guarded Goods");
  });

  it("gets a session token through the bounce page when the URL has none", async () => {
    // GIVEN a store whose admin link carries no id_token
    const shop = "kizuna-bounce.myshopify.com";
    await shopify.seedShop({ shop, name: "Bounce Books", currencyCode: "USD", ianaTimezone: "America/Chicago" });
    const { page, errors } = await newPage();
    const documentPaths: string[] = [];
    page.on("request", (request) => {
      if (request.isNavigationRequest()) documentPaths.push(new URL(request.url()).pathname);
    });

    // WHEN the admin opens the app
    await openEmbeddedAdmin(page, { appOrigin: app.origin, shop, locale: "en" });

    // THEN App Bridge reloads the app with a token from the bounce page, and Home renders
    await expect(page.locator("text=Connected to Bounce Books (kizuna-bounce.myshopify.com)").innerText()).resolves.toBe(
      "Connected to Bounce Books (kizuna-bounce.myshopify.com)",
    );
    expect(documentPaths).toEqual(["/app", "/auth/session-token", "/app"]);
    expect(new URL(page.url()).searchParams.has("id_token")).toBe(true);
    expect(errors).toEqual([]);
  });
});
