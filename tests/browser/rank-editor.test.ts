// The rank editor end to end in real Chromium, on a store whose history Kizuna has imported: the
// merchant changes a rank in the form, reads the preview (customers per rank, who moves up or down),
// saves, and finds a customer who moved in their new rank on their profile and in the `$app:kizuna`
// `rank` metafield Shopify holds for them, in English and in Japanese, with screenshots of the
// editor and its preview.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromCustomerPathId } from "../../app/domain/customer-path.ts";
import { startSimulator, type Simulator } from "../simulator/server.ts";
import { DEMO_SHOP_NAME } from "../simulator/scenarios/demo-shop.ts";
import { AdminPages } from "../support/admin-pages.ts";
import { reservePort, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app.ts";
import { waitForFinishedBackfill } from "../support/backfill.ts";
import { launchBrowser, openAdminPage, saveScreenshot } from "../support/browser.ts";
import { openPatientDatabase, type PatientDatabase } from "../support/database.ts";
import { storeMetafields, waitForSettledSync } from "../support/shopify-sync.ts";
import { SimulatorClient } from "../support/simulator.ts";

const SHOP = "rank-editor.myshopify.com";

type RankMetafield = { key: string; name: { en: string; ja: string }; position: number | null };

describe("the rank editor", () => {
  let simulator: Simulator;
  let shopify: SimulatorClient;
  let app: RunningApp;
  let db: PatientDatabase;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const appPort = await reservePort();
    simulator = await startSimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, appUrl: `http://127.0.0.1:${appPort}` });
    shopify = new SimulatorClient(simulator.origin);
    await shopify.seedShop({ shop: SHOP, name: DEMO_SHOP_NAME, customers: 500, seed: 2027, currencyCode: "JPY", ianaTimezone: "Asia/Tokyo" });
    [app, browser] = await Promise.all([
      startApp({ port: appPort, adminOrigin: simulator.origin, appBridgeUrl: `${simulator.origin}/cdn/app-bridge.js` }),
      launchBrowser(),
    ]);
    db = openPatientDatabase(app.databaseUrl);
    const admin = new AdminPages(app);
    await admin.install(SHOP);
    await waitForFinishedBackfill(db, SHOP, 120_000);
    await admin.waitForAnalytics(SHOP);
    await waitForSettledSync(db, SHOP);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    db?.close();
    await app?.close();
    await simulator?.close();
  });

  async function open(path: string, locale: "en" | "ja"): Promise<{ page: Page; errors: string[] }> {
    return openAdminPage(browser, contexts, { appOrigin: app.origin, shop: SHOP, locale, path, token: await shopify.sessionToken(SHOP) });
  }

  /** The first customer of the preview's movers table: their name and the GID their link names. */
  async function firstMover(page: Page): Promise<{ name: string; href: string; customerGid: string }> {
    const link = page.getByRole("table").last().getByRole("link").first();
    const href = (await link.getAttribute("href"))!;
    const customerGid = fromCustomerPathId(new URL(href, app.origin).pathname.split("/").pop()!)!;
    return { name: await link.innerText(), href, customerGid };
  }

  /** Shopify's `rank` metafield of the customer once the sync after the save has settled. */
  async function rankInShopify(customerGid: string): Promise<RankMetafield> {
    await waitForSettledSync(db, SHOP);
    return (await storeMetafields(shopify, SHOP)).get(customerGid)!.rank!.value as RankMetafield;
  }

  it("raises Silver's threshold and renames it in English: who moves down is Regular on their profile and in Shopify", async () => {
    // GIVEN the rank editor, where Silver takes two orders
    const { page, errors } = await open("/app/ranks", "en");
    const silver = page.getByRole("group", { name: "Rank 2 · Silver" });
    await expect(silver.getByLabel("Orders of at least").inputValue()).resolves.toBe("2");

    // WHEN the merchant renames Silver, makes it take three orders, and previews
    await silver.getByLabel("Name in English").fill("Silver Friend");
    await silver.getByLabel("Orders of at least").fill("3");
    await page.getByRole("button", { name: "Preview", exact: true }).click();

    // THEN the preview counts each rank before and after, and lists who moves down to Regular
    await page.getByRole("heading", { name: /^Preview as of / }).waitFor();
    const preview = await page.innerText("body");
    expect(preview).toMatch(/[\d,]+ customers? would change rank\./);
    expect(preview).toContain("Now (version 1)");
    expect(preview).toContain("After saving (version 2)");
    expect(preview).toMatch(/[\d,]+ customers? moves? from Silver Friend to Regular/);
    expect(preview).not.toMatch(/ to Silver Friend/);
    const mover = await firstMover(page);
    expect(await page.getByRole("table").last().locator("tbody tr").first().innerText()).toMatch(/\tSilver Friend\tRegular\t[\s\S]*\bDown$/);
    expect((await rankInShopify(mover.customerGid)).key).toBe("silver");
    await saveScreenshot(page, "rank-editor-en", { docs: true });

    // WHEN it saves, and the page follows the re-ranking to its end
    await page.getByRole("button", { name: "Save as version 2" }).click();
    await page.getByText("Saved as version 2. Customers are being re-ranked.").waitFor();
    await page.getByText("Customers are being re-ranked under version 2. This page updates by itself.").waitFor({ state: "detached", timeout: 60_000 });

    // THEN the customer who moved is Regular on their profile
    const profile = await open(mover.href, "en");
    await profile.page.getByRole("heading", { name: mover.name, level: 1 }).waitFor();
    expect(await profile.page.innerText("body")).toMatch(/Current rank\n\s*Regular/);
    // AND in Shopify, where the storefront reads it
    expect(await rankInShopify(mover.customerGid)).toMatchObject({ key: "regular", name: { en: "Regular", ja: "レギュラー" }, position: 0 });
    expect([...errors, ...profile.errors]).toEqual([]);
  });

  it("lowers Platinum's threshold and renames it in Japanese: who moves up is Platinum under the new name on their profile and in Shopify", async () => {
    // GIVEN the rank editor in Japanese, where Platinum takes ten orders
    const { page, errors } = await open("/app/ranks", "ja");
    const platinum = page.getByRole("group", { name: "ランク4 · プラチナ" });
    await expect(platinum.getByLabel("購入回数が次以上").inputValue()).resolves.toBe("10");

    // WHEN the merchant renames it and makes it take seven orders, and previews
    await platinum.getByLabel("名前（日本語）").fill("プラチナ会員");
    await platinum.getByLabel("購入回数が次以上").fill("7");
    await page.getByRole("button", { name: "プレビュー", exact: true }).click();

    // THEN the preview lists who moves up from Gold to the renamed Platinum
    await page.getByRole("heading", { name: /時点のプレビュー$/ }).waitFor();
    const preview = await page.innerText("body");
    expect(preview).toMatch(/^\d[\d,]*人のランクが変わります。$/m);
    expect(preview).toMatch(/\d[\d,]*人がゴールドからプラチナ会員へ/);
    const mover = await firstMover(page);
    expect(await page.getByRole("table").last().locator("tbody tr").first().innerText()).toMatch(/\tゴールド\tプラチナ会員\t[\s\S]*ランクアップ$/);
    expect((await rankInShopify(mover.customerGid)).key).toBe("gold");
    await saveScreenshot(page, "rank-editor-ja", { docs: true });

    // WHEN it saves, and the page follows the re-ranking to its end
    await page.getByRole("button", { name: "バージョン3として保存" }).click();
    await page.getByText("バージョン3として保存しました。顧客のランクを付け直しています。").waitFor();
    await page.getByText(/バージョン3の条件で顧客のランクを付け直しています/).waitFor({ state: "detached", timeout: 60_000 });

    // THEN the customer who moved holds the renamed Platinum on their profile
    const profile = await open(mover.href, "ja");
    await profile.page.getByRole("heading", { name: mover.name, level: 1 }).waitFor();
    const body = await profile.page.innerText("body");
    expect(body).toMatch(/現在のランク\n\s*プラチナ会員/);
    expect(body).toContain("ランク条件の変更");
    // AND in Shopify, under its new Japanese name and its key, which does not change
    expect(await rankInShopify(mover.customerGid)).toMatchObject({ key: "platinum", name: { en: "Platinum", ja: "プラチナ会員" }, position: 3 });
    expect([...errors, ...profile.errors]).toEqual([]);
  });
});
