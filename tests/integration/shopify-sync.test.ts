// The sync to Shopify end to end (docs/decisions/014): the built app installs on a simulated store,
// creates its storefront-readable metafield definitions, loads the history, and writes every
// customer's rank, segment and progress as metafields, then only what changes: after an order, after
// new rank rules, with customer tags turned on, moved and off. Throttling, failing calls, customers
// Shopify does not know, the echoes of its own tag changes and shop scoping are covered too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RankPolicy } from "../../app/domain/analytics/ranks/rank-policy.ts";
import { saveRankPolicy } from "../../app/services/analytics/rank-policies.server.ts";
import { startSimulator, type Simulator } from "../simulator/server.ts";
import {
  reservePort,
  startApp,
  TEST_API_KEY,
  TEST_API_SECRET,
  type RunningApp,
} from "../support/app.ts";
import {
  openHome,
  waitFor,
  waitForFinishedBackfill,
} from "../support/backfill.ts";
import { BROWSER_USER_AGENT } from "../support/browser-agent.ts";
import {
  openPatientDatabase,
  type PatientDatabase,
} from "../support/database.ts";
import { genericCsvFile } from "../support/order-files.ts";
import {
  analyticsRows,
  KIZUNA_NAMESPACE,
  metafieldsSetCalls,
  settingsData,
  storeMetafields,
  submitSettings,
  waitForSettledSync,
  type AnalyticsRow,
} from "../support/shopify-sync.ts";
import { SimulatorClient } from "../support/simulator.ts";
import { deliverWebhook } from "../support/webhooks.ts";
import { orderBody } from "./analytics-payloads.ts";

let simulator: Simulator;
let shopify: SimulatorClient;
let app: RunningApp;
let db: PatientDatabase;

beforeAll(async () => {
  const port = await reservePort();
  simulator = await startSimulator({
    apiKey: TEST_API_KEY,
    apiSecret: TEST_API_SECRET,
    appUrl: `http://127.0.0.1:${port}`,
    webhookRetryDelaysMs: [50, 100, 200, 400, 800, 1600, 3200, 6400],
  });
  shopify = new SimulatorClient(simulator.origin);
  // The app shares this test file's database, so a test can save rank rules as the rank editor will.
  app = await startApp({
    port,
    adminOrigin: simulator.origin,
    databaseUrl: process.env.DATABASE_URL!,
  });
  db = openPatientDatabase(app.databaseUrl);
});

afterAll(async () => {
  db?.close();
  await app?.close();
  await simulator?.close();
});

async function activePolicy(shop: string): Promise<RankPolicy> {
  const result = await db.execute({
    sql: "SELECT policy FROM RankPolicy WHERE shop = ? AND active = 1 ORDER BY version DESC LIMIT 1",
    args: [shop],
  });
  return JSON.parse(String(result.rows[0]!.policy)) as RankPolicy;
}

/** The four metafields the storefront contract (docs/storefront-metafields.md) gives a customer's analytics row. */
function expectedMetafields(row: AnalyticsRow, policy: RankPolicy) {
  const position = policy.ranks.findIndex((rank) => rank.key === row.rankKey);
  const rank = policy.ranks[position]!;
  const next = policy.ranks.find(
    (candidate) => candidate.key === row.nextRankKey,
  );
  return {
    rank: {
      type: "json",
      value: {
        key: row.rankKey,
        name: rank.name,
        color: rank.color,
        position,
        since: row.rankSince,
      },
    },
    segment: {
      type: "json",
      value: { key: row.segment, shopify_rfm_group: row.shopifyRfmGroup },
    },
    progress: {
      type: "json",
      value: {
        currency: "JPY",
        next: next
          ? {
              key: next.key,
              name: next.name,
              spend_to_go_minor: row.nextRankGapSpendMinor,
              orders_to_go: row.nextRankGapOrders,
              combine: next.combine,
            }
          : null,
        keep:
          row.keepRankReviewOn === null
            ? null
            : {
                spend_to_go_minor: row.keepRankGapSpendMinor,
                orders_to_go: row.keepRankGapOrders,
                review_on: row.keepRankReviewOn,
                order_by_on: row.keepRankOrderByOn,
              },
        pending:
          row.pendingRankKey === null
            ? null
            : { key: row.pendingRankKey, on: row.pendingRankOn },
      },
    },
    order_count: { type: "number_integer", value: String(row.orderCount) },
  };
}

/** Every customer with analytics carries exactly the metafields of its row; nobody else carries any. */
async function expectStoreInStepWithAnalytics(
  shop: string,
  except: ReadonlySet<string> = new Set(),
): Promise<AnalyticsRow[]> {
  const [rows, policy, metafields] = await Promise.all([
    analyticsRows(db, shop),
    activePolicy(shop),
    storeMetafields(shopify, shop),
  ]);
  const synced = rows.filter((row) => !except.has(row.customerGid));
  expect(synced.length).toBeGreaterThan(20);
  for (const row of synced)
    expect(metafields.get(row.customerGid), row.customerGid).toEqual(
      expectedMetafields(row, policy),
    );
  expect(
    [...metafields.keys()].filter((owner) => !except.has(owner)).sort(),
  ).toEqual(synced.map((row) => row.customerGid).sort());
  return synced;
}

const tagWord = (key: string) =>
  key.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

async function customerTags(shop: string): Promise<Map<string, string[]>> {
  const { customers } = await shopify.shopRecords(shop);
  return new Map(
    customers.map((customer) => [customer.id, [...customer.tags].sort()]),
  );
}

async function callCount(shop: string, operationName: string): Promise<number> {
  return (await shopify.calls(shop)).filter(
    (call) => call.operationName === operationName,
  ).length;
}

async function installAndSync(
  shop: string,
  options: { customers: number; seed: number; plan?: "standard" | "plus" },
): Promise<void> {
  await shopify.seedShop({ shop, ...options });
  await openHome(app, shopify, shop);
  await waitForFinishedBackfill(db, shop);
  await waitForSettledSync(db, shop);
}

describe("the sync to Shopify", () => {
  const shop = "sync-main.myshopify.com";

  it("creates the customer metafield definitions at install, readable on the storefront", async () => {
    await shopify.seedShop({ shop, customers: 120, seed: 11, plan: "plus" });
    await openHome(app, shopify, shop);
    await waitFor(
      "the definitions",
      async () =>
        (await shopify.shopRecords(shop)).metafieldDefinitions.length === 4,
    );
    const { metafieldDefinitions } = await shopify.shopRecords(shop);
    expect(
      metafieldDefinitions.map(
        ({ namespace, key, type, ownerType, access }) => ({
          namespace,
          key,
          type,
          ownerType,
          access,
        }),
      ),
    ).toEqual(
      [
        ["rank", "json"],
        ["segment", "json"],
        ["progress", "json"],
        ["order_count", "number_integer"],
      ].map(([key, type]) => ({
        namespace: KIZUNA_NAMESPACE,
        key,
        type,
        ownerType: "CUSTOMER",
        access: {
          admin: "MERCHANT_READ",
          storefront: "PUBLIC_READ",
          customerAccount: "NONE",
        },
      })),
    );
    expect(await callCount(shop, "CustomerMetafieldDefinitions")).toBe(1);
  });

  it("writes every customer's rank, segment and progress once the history is imported, 25 metafields a call at most", async () => {
    await waitForFinishedBackfill(db, shop);
    await waitForSettledSync(db, shop);
    const rows = await expectStoreInStepWithAnalytics(shop);
    const calls = await metafieldsSetCalls(shopify, shop);
    expect(Math.max(...calls.map((call) => call.length))).toBeLessThanOrEqual(
      25,
    );
    expect(calls.flat()).toHaveLength(rows.length * 4);
    const settings = await settingsData(app, shopify, shop);
    expect(settings.definitionsReady).toBe(true);
    expect(settings.runs[0]).toMatchObject({
      trigger: "recompute",
      status: "completed",
      percent: 100,
      customerCount: rows.length,
      writtenCount: rows.length,
      failedCount: 0,
    });
    // Nothing was written for customers without a countable order, nor tagged: tags are off by default.
    expect(
      [...(await customerTags(shop)).values()]
        .flat()
        .filter((tag) => tag.startsWith("kizuna:")),
    ).toEqual([]);
  });

  it("writes nothing when the merchant syncs again and nothing changed", async () => {
    const before = (await metafieldsSetCalls(shopify, shop)).length;
    expect(
      await submitSettings(app, shopify, shop, { intent: "syncNow" }),
    ).toMatchObject({ ok: true, intent: "syncNow", outcome: "started" });
    await waitForSettledSync(db, shop);
    expect((await metafieldsSetCalls(shopify, shop)).length).toBe(before);
    const rows = await analyticsRows(db, shop);
    expect((await settingsData(app, shopify, shop)).runs[0]).toMatchObject({
      trigger: "merchant",
      status: "completed",
      writtenCount: 0,
      unchangedCount: rows.length,
      failedCount: 0,
    });
  });

  it("moves a customer to the next rank in Shopify a few seconds after the order that earns it, writing only that customer", async () => {
    const { result: customer } = await shopify.runCommand(
      shop,
      "createCustomer",
      { firstName: "Aiko", lastName: "Sato", email: "aiko.sync@example.com" },
    );
    const line = {
      title: "Sencha",
      sku: "SENCHA-1",
      unitPriceMinor: 2400,
      quantity: 1,
    };
    await shopify.runCommand(shop, "placeOrder", {
      customerId: customer.id,
      lines: [line],
    });
    await waitFor(
      "the first order's metafields",
      async () =>
        (await storeMetafields(shopify, shop)).get(customer.id)?.order_count
          ?.value === "1",
    );
    expect(
      (await storeMetafields(shopify, shop)).get(customer.id)!.rank!.value,
    ).toMatchObject({ key: "regular", position: 0 });
    const before = (await metafieldsSetCalls(shopify, shop)).length;

    await shopify.runCommand(shop, "placeOrder", {
      customerId: customer.id,
      lines: [line],
    });
    await waitFor(
      "the second order's metafields",
      async () =>
        (await storeMetafields(shopify, shop)).get(customer.id)?.order_count
          ?.value === "2",
    );
    await waitForSettledSync(db, shop);
    const written = (await storeMetafields(shopify, shop)).get(customer.id)!;
    expect(written.rank!.value).toMatchObject({
      key: "silver",
      name: { en: "Silver", ja: "シルバー" },
      position: 1,
    });
    expect(written.progress!.value).toMatchObject({
      next: {
        key: "gold",
        orders_to_go: 3,
        spend_to_go_minor: null,
        combine: "any",
      },
    });
    const calls = (await metafieldsSetCalls(shopify, shop)).slice(before);
    expect(calls.flat().map((element) => element.ownerId)).toEqual(
      Array(calls.flat().length).fill(customer.id),
    );
    // only the metafields that changed: the segment may move too, but not every key is rewritten blindly
    expect(calls.flat().map((element) => element.key)).toEqual(
      expect.arrayContaining(["rank", "progress", "order_count"]),
    );
    await expectStoreInStepWithAnalytics(shop);
  });

  it("re-ranks every customer in Shopify when the rank rules change", async () => {
    // WHEN the merchant renames Silver and makes it need three orders (saved as the rank editor saves)
    const policy = await activePolicy(shop);
    const { version: _version, ...draft } = policy;
    const edited = {
      ...draft,
      ranks: policy.ranks.map((rank) =>
        rank.key === "silver"
          ? {
              ...rank,
              name: { en: "Silver Friend", ja: "シルバー会員" },
              minOrders: 3,
            }
          : rank,
      ),
    };
    expect(await saveRankPolicy(shop, edited, new Date())).toEqual({
      ok: true,
      version: policy.version + 1,
    });
    // THEN the recompute it starts is followed by a sync that brings every customer in Shopify in step
    await waitFor("the new rules' sync", async () => {
      const [run] = (await settingsData(app, shopify, shop)).runs;
      return (
        run !== undefined &&
        run.trigger === "recompute" &&
        run.status === "completed" &&
        (await activePolicy(shop)).version === policy.version + 1
      );
    });
    await waitForSettledSync(db, shop);
    const rows = await expectStoreInStepWithAnalytics(shop);
    const silver = rows.filter((row) => row.rankKey === "silver");
    expect(silver.length).toBeGreaterThan(0);
    expect(silver.every((row) => row.orderCount >= 3)).toBe(true);
    const metafields = await storeMetafields(shopify, shop);
    expect(metafields.get(silver[0]!.customerGid)!.rank!.value).toMatchObject({
      name: { en: "Silver Friend", ja: "シルバー会員" },
    });
  });

  it("adds, moves and removes prefixed rank and segment tags, and leaves the merchant's own tags alone", async () => {
    const rows = await analyticsRows(db, shop);
    const tagged = rows[0]!.customerGid;
    await shopify.runCommand(shop, "changeTags", {
      id: tagged,
      add: ["wholesale", "kizuna-fan"],
    });
    const withoutAnalytics = (await shopify.shopRecords(shop)).customers.find(
      (customer) => !rows.some((row) => row.customerGid === customer.id),
    )!;
    const expectTags = async (prefix: string | null) => {
      const tags = await customerTags(shop);
      for (const row of rows) {
        const own = tags
          .get(row.customerGid)!
          .filter((tag) => /^(kizuna|club):(rank|segment):/.test(tag));
        const wanted =
          prefix === null
            ? []
            : [
                `${prefix}:rank:${tagWord(row.rankKey)}`,
                ...(row.segment === null
                  ? []
                  : [`${prefix}:segment:${tagWord(row.segment)}`]),
              ];
        expect(own, row.customerGid).toEqual(wanted.sort());
      }
      expect(tags.get(tagged)).toEqual(
        expect.arrayContaining(["wholesale", "kizuna-fan"]),
      );
      expect(
        tags.get(withoutAnalytics.id)!.filter((tag) => tag.includes(":rank:")),
      ).toEqual([]);
    };

    expect(
      await submitSettings(app, shopify, shop, {
        intent: "saveTags",
        tagsEnabled: "on",
        tagPrefix: "kizuna",
      }),
    ).toEqual({ ok: true, intent: "saveTags", syncStarted: true });
    await waitForSettledSync(db, shop);
    await expectTags("kizuna");
    expect((await settingsData(app, shopify, shop)).runs[0]).toMatchObject({
      trigger: "settings",
      status: "completed",
      writtenCount: rows.length,
    });

    expect(
      await submitSettings(app, shopify, shop, {
        intent: "saveTags",
        tagsEnabled: "on",
        tagPrefix: " Club ",
      }),
    ).toMatchObject({ ok: true, syncStarted: true });
    await waitForSettledSync(db, shop);
    await expectTags("club");
    expect((await settingsData(app, shopify, shop)).tagPrefix).toBe("club");

    expect(
      await submitSettings(app, shopify, shop, {
        intent: "saveTags",
        tagPrefix: "club",
      }),
    ).toMatchObject({ ok: true, syncStarted: true });
    await waitForSettledSync(db, shop);
    await expectTags(null);
    // metafields were never rewritten for tags
    await expectStoreInStepWithAnalytics(shop);
  });

  it("refuses a tag prefix that would break a tag, and keeps the saved one", async () => {
    for (const [tagPrefix, problem] of [
      ["", "EMPTY"],
      ["vip,gold", "INVALID_CHARACTERS"],
      ["kizuna:rank", "INVALID_CHARACTERS"],
      ["x".repeat(33), "TOO_LONG"],
    ]) {
      expect(
        await submitSettings(app, shopify, shop, {
          intent: "saveTags",
          tagsEnabled: "on",
          tagPrefix: tagPrefix!,
        }),
      ).toEqual({ ok: false, intent: "saveTags", problem });
    }
    expect(await settingsData(app, shopify, shop)).toMatchObject({
      tagsEnabled: false,
      tagPrefix: "club",
    });
  });

  it("ingests the customers/update echoes of its own tag changes without syncing again", async () => {
    await shopify.flushDeliveries();
    await waitForSettledSync(db, shop);
    const echoes = await db.execute({
      sql: "SELECT COUNT(*) AS n FROM WebhookEvent WHERE shop = ? AND topic = 'customers/update'",
      args: [shop],
    });
    expect(Number(echoes.rows[0]!.n)).toBeGreaterThan(
      (await analyticsRows(db, shop)).length,
    );
    const writes = async () =>
      (
        await Promise.all(
          ["MetafieldsSet", "TagsAdd", "TagsRemove"].map((name) =>
            callCount(shop, name),
          ),
        )
      ).join(",");
    const runs = async () =>
      (await settingsData(app, shopify, shop)).runs.length;
    const [writesBefore, runsBefore] = [await writes(), await runs()];
    // a few change windows later, still nothing new has been sent
    await new Promise((resolve) => setTimeout(resolve, 5000));
    await waitForSettledSync(db, shop);
    expect(await writes()).toBe(writesBefore);
    expect(await runs()).toBe(runsBefore);
    expect((await settingsData(app, shopify, shop)).waitingCount).toBe(0);
  });
});

describe("the sync under throttling and failing calls", () => {
  const shop = "sync-throttled.myshopify.com";

  /** Makes Kizuna write every customer again, as if it had lost what it wrote. */
  async function forgetWhatWasWritten(): Promise<void> {
    await db.execute({
      sql: "DELETE FROM CustomerSync WHERE shop = ?",
      args: [shop],
    });
  }

  it("waits out THROTTLED, paces itself on a small, slow bucket and shows its progress while it runs", async () => {
    await installAndSync(shop, { customers: 100, seed: 23 });
    // GIVEN a bucket of 60 points that refills 20 a second, empty when the sync first calls
    await forgetWhatWasWritten();
    await shopify.setThrottle({
      shop,
      maximumAvailable: 60,
      restoreRate: 20,
      currentlyAvailable: 60,
    });
    await shopify.failNext({ shop, graphqlError: "THROTTLED" });
    const callsBefore = (await shopify.calls(shop)).length;
    expect(
      await submitSettings(app, shopify, shop, { intent: "syncNow" }),
    ).toMatchObject({ ok: true, outcome: "started" });
    await waitFor(
      "the sync to show its progress",
      async () => {
        const [run] = (await settingsData(app, shopify, shop)).runs;
        return (
          run!.status === "running" && run!.percent > 0 && run!.percent < 100
        );
      },
      60_000,
      50,
    );
    await waitForSettledSync(db, shop, 120_000);
    const rows = await expectStoreInStepWithAnalytics(shop);
    expect((await settingsData(app, shopify, shop)).runs[0]).toMatchObject({
      trigger: "merchant",
      status: "completed",
      writtenCount: rows.length,
      failedCount: 0,
      errorCode: null,
    });
    // THEN the first call was THROTTLED and waited out; after it Kizuna waited for the points each
    // call needs instead of being refused again (without pacing, every seventh call would be)
    const outcomes = (await shopify.calls(shop))
      .slice(callsBefore)
      .map((call) => call.outcome);
    expect(outcomes.length).toBeGreaterThan(8);
    expect(outcomes.filter((outcome) => outcome !== "ok")).toEqual([
      "throttled",
    ]);
    expect(outcomes[0]).toBe("throttled");
  });

  it("retries calls that fail and the slice that gives up, and ends complete", async () => {
    await shopify.setThrottle({
      shop,
      maximumAvailable: 2000,
      restoreRate: 100,
      currentlyAvailable: 2000,
    });
    await forgetWhatWasWritten();
    // GIVEN a store whose next calls answer 503 twice, then an internal error
    await shopify.failNext({ shop, status: 503, count: 2 });
    await shopify.failNext({ shop, graphqlError: "INTERNAL_SERVER_ERROR" });
    const callsBefore = (await shopify.calls(shop)).length;
    const started = await submitSettings(app, shopify, shop, {
      intent: "syncNow",
    });
    expect(started).toMatchObject({ ok: true, outcome: "started" });
    await waitForSettledSync(db, shop, 120_000);
    const rows = await expectStoreInStepWithAnalytics(shop);
    const [run] = (await settingsData(app, shopify, shop)).runs;
    expect(run).toMatchObject({
      trigger: "merchant",
      status: "completed",
      writtenCount: rows.length,
      failedCount: 0,
      errorCode: null,
    });
    expect(
      (await shopify.calls(shop))
        .slice(callsBefore)
        .filter((call) => call.outcome === "injected-failure"),
    ).toHaveLength(3);
    // the client retried the 503s itself; the internal error failed the slice's job once, and its retry resumed the run
    const slices = await db.execute({
      sql: "SELECT status, attempts FROM Job WHERE shop = ? AND name = 'syncShopCustomers' AND uniqueKey LIKE ? ORDER BY runAt",
      args: [shop, `${run!.id}-%`],
    });
    expect(
      slices.rows.map((row) => [row.status, Number(row.attempts)])[0],
    ).toEqual(["done", 2]);
    expect(slices.rows.every((row) => row.status === "done")).toBe(true);
  });
});

describe("customers Shopify does not know", () => {
  const shop = "sync-unknown.myshopify.com";
  const unknownCustomer = "gid://shopify/Customer/99999";

  it("records Shopify's refusal per customer, still writes the others of the call, and skips deleted and imported-only customers", async () => {
    await installAndSync(shop, { customers: 100, seed: 31, plan: "plus" });
    const known = await analyticsRows(db, shop);
    // GIVEN an order webhook for a customer the store does not have (deleted in Shopify meanwhile)
    const placed = await deliverWebhook(app.origin, app.apiSecret, {
      topic: "orders/create",
      shop,
      body: orderBody({
        orderId: 990001,
        customerId: 99999,
        processedAt: new Date(Date.now() - 86_400_000),
        totalYen: 5000,
      }),
    });
    expect(placed.status).toBe(200);
    // AND a customer whose deletion reached Kizuna, and customers known only from an imported file
    const deleted = known[0]!.customerGid;
    const deletion = await deliverWebhook(app.origin, app.apiSecret, {
      topic: "customers/delete",
      shop,
      body: JSON.stringify({
        id: Number(deleted.split("/").pop()),
        admin_graphql_api_id: deleted,
      }),
    });
    expect(deletion.status).toBe(200);
    const form = new FormData();
    form.append("format", "auto");
    form.append(
      "file",
      new Blob(
        [
          genericCsvFile([
            "EXT-1,IMP-1,2026-01-10,3000,JPY",
            "EXT-2,IMP-2,2026-02-11,4500,JPY",
          ]),
        ],
        { type: "text/csv" },
      ),
      "orders.csv",
    );
    const upload = await fetch(
      `${app.origin}/app/import?_data=routes%2Fapp.import`,
      {
        method: "POST",
        body: form,
        headers: {
          Authorization: `Bearer ${await shopify.sessionToken(shop)}`,
          "User-Agent": BROWSER_USER_AGENT,
        },
      },
    );
    expect(upload.status).toBe(200);
    await waitFor("the import's sync", async () => {
      const [run] = (await settingsData(app, shopify, shop)).runs;
      return (
        run !== undefined && run.status === "completed" && run.skippedCount >= 3
      );
    });
    await waitForSettledSync(db, shop);
    // WHEN Kizuna has to write everyone again
    await db.execute({
      sql: "DELETE FROM CustomerSync WHERE shop = ?",
      args: [shop],
    });
    const callsBefore = (await metafieldsSetCalls(shopify, shop)).length;
    expect(
      await submitSettings(app, shopify, shop, { intent: "syncNow" }),
    ).toMatchObject({ ok: true, outcome: "started" });
    await waitForSettledSync(db, shop);

    // THEN the unknown customer is the one failure, with Shopify's reason, and the rest are in Shopify
    const rows = await analyticsRows(db, shop);
    const imported = rows.filter((row) =>
      row.customerGid.startsWith("gid://kizuna/"),
    );
    expect(imported).toHaveLength(2);
    const settings = await settingsData(app, shopify, shop);
    expect(settings.runs[0]).toMatchObject({
      status: "completed",
      failedCount: 1,
      skippedCount: 3,
      writtenCount: rows.length - 4,
    });
    expect(settings.failures).toEqual({
      count: 1,
      customers: [
        expect.objectContaining({
          customerGid: unknownCustomer,
          lastError: "INVALID: Owner does not exist.",
        }),
      ],
    });
    await expectStoreInStepWithAnalytics(
      shop,
      new Set([
        unknownCustomer,
        deleted,
        ...imported.map((row) => row.customerGid),
      ]),
    );
    // The call that named the unknown customer was refused whole and sent again without it.
    const calls = (await metafieldsSetCalls(shopify, shop)).slice(callsBefore);
    const refused = calls.findIndex((call) =>
      call.some((element) => element.ownerId === unknownCustomer),
    );
    const others = calls[refused]!.filter(
      (element) => element.ownerId !== unknownCustomer,
    );
    expect(others.length).toBeGreaterThan(0);
    expect(calls[refused + 1]).toEqual(others);
    expect(
      calls
        .flat()
        .some(
          (element) =>
            element.ownerId.startsWith("gid://kizuna/") ||
            element.ownerId === deleted,
        ),
    ).toBe(false);
  });
});

describe("the Settings page", () => {
  it("shows and changes only the signed-in store's sync", async () => {
    const [main, throttled] = [
      "sync-main.myshopify.com",
      "sync-throttled.myshopify.com",
    ];
    const mainRuns = await db.execute({
      sql: "SELECT id FROM SyncRun WHERE shop = ?",
      args: [main],
    });
    const seen = await settingsData(app, shopify, throttled);
    expect(seen.runs.length).toBeGreaterThan(0);
    expect(
      seen.runs.some((run) => mainRuns.rows.some((row) => row.id === run.id)),
    ).toBe(false);
    expect(seen).toMatchObject({ tagsEnabled: false, tagPrefix: "kizuna" });
    await submitSettings(app, shopify, throttled, {
      intent: "saveTags",
      tagPrefix: "other",
    });
    expect(await settingsData(app, shopify, main)).toMatchObject({
      tagPrefix: "club",
    });
    expect(await settingsData(app, shopify, throttled)).toMatchObject({
      tagPrefix: "other",
      tagsEnabled: false,
    });
    // a session token of one store is refused on the other store's page
    const host = Buffer.from(`${main}/admin`).toString("base64url");
    const crossed = await fetch(
      `${app.origin}/app/settings?embedded=1&shop=${main}&host=${host}&id_token=${await shopify.sessionToken(throttled)}`,
      {
        headers: { "User-Agent": BROWSER_USER_AGENT },
      },
    );
    expect(crossed.status).toBe(401);
    expect(await crossed.text()).not.toContain("club");
  });
});
