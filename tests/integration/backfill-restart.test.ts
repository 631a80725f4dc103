// The backfill survives the app being killed mid-import (product.md §1: "resumable after a restart";
// docs/decisions/010): SIGKILL while the orders JSONL is being downloaded, again while it is being
// merged, and the restarted app ends with exactly the store's orders, nothing lost or counted twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../simulator/server.ts";
import { reservePort, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app.ts";
import { countedNetRevenue, expectedShopRows, homeData, openHome, storedShopRows, waitFor, waitForFinishedBackfill } from "../support/backfill.ts";
import { createTestDatabase, openPatientDatabase, type PatientDatabase } from "../support/database.ts";
import { SimulatorClient } from "../support/simulator.ts";

const SHOP = "backfill-restart.myshopify.com";

let simulator: Simulator;
let shopify: SimulatorClient;
let app: RunningApp;
let db: PatientDatabase;
let port: number;
const databaseUrl = createTestDatabase().url;

beforeAll(async () => {
  port = await reservePort();
  simulator = await startSimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, appUrl: `http://127.0.0.1:${port}` });
  shopify = new SimulatorClient(simulator.origin);
  app = await startApp({ port, databaseUrl, adminOrigin: simulator.origin });
  db = openPatientDatabase(databaseUrl);
});

afterAll(async () => {
  db?.close();
  await app?.close();
  await simulator?.close();
});

type OrdersExport = { linesRead: number; objectCount: number; mergedThroughLine: number; recordsImported: number; downloadedAt: string | null; importedAt: string | null };

async function ordersExport(): Promise<OrdersExport | null> {
  const result = await db.execute({
    sql: "SELECT linesRead, objectCount, mergedThroughLine, recordsImported, downloadedAt, importedAt FROM BackfillExport WHERE shop = ? AND kind = 'orders' AND operationStatus = 'COMPLETED'",
    args: [SHOP],
  });
  const row = result.rows[0];
  return row ? ({ ...row } as unknown as OrdersExport) : null;
}

/** Kills the app the moment the orders export shows a checkpoint that `inTheMiddle` accepts, then starts it again. */
async function killWhen(what: string, inTheMiddle: (entry: OrdersExport) => boolean): Promise<OrdersExport> {
  const observed = await waitFor(what, async () => {
    const entry = await ordersExport();
    return entry !== null && inTheMiddle(entry) ? entry : null;
  }, 120_000, 10);
  await app.kill();
  app = await startApp({ port, databaseUrl, adminOrigin: simulator.origin });
  return observed;
}

describe("a backfill interrupted by SIGKILL", () => {
  it("resumes from its checkpoints after each restart and ends with exactly the store's orders", async () => {
    // GIVEN a store large enough that its import takes many batches
    await shopify.seedShop({ shop: SHOP, customers: 3000, seed: 41 });

    // WHEN the merchant installs Kizuna, and the app is killed mid-download and again mid-merge
    await openHome(app, shopify, SHOP);
    const duringDownload = await killWhen("a download checkpoint", (entry) => entry.linesRead > 0 && entry.downloadedAt === null);
    expect(duringDownload.linesRead).toBeLessThan(duringDownload.objectCount);
    const duringMerge = await killWhen("a merge checkpoint", (entry) => entry.mergedThroughLine > 0 && entry.importedAt === null);

    // THEN the restarted app finishes the backfill from where it was
    const run = await waitForFinishedBackfill(db, SHOP, 150_000);
    expect(run.status).toBe("completed");
    const finished = (await ordersExport())!;
    expect(duringMerge.recordsImported).toBeGreaterThan(0);
    expect(duringMerge.recordsImported).toBeLessThan(finished.recordsImported);
    expect(finished.linesRead).toBe(finished.objectCount);

    // AND it holds exactly the store's orders, line items, refunds and customers
    const expected = await expectedShopRows(shopify, SHOP, null);
    const stored = await storedShopRows(db, SHOP);
    expect(stored.orders).toHaveLength(expected.orders.length);
    expect(finished.recordsImported).toBe(expected.orders.length);
    expect(stored.orders).toEqual(expected.orders);
    expect(stored.lineItems).toEqual(expected.lineItems);
    expect(stored.refunds).toEqual(expected.refunds);
    expect(stored.customers).toEqual(expected.customers);
    expect(countedNetRevenue(stored.orders)).toBe(countedNetRevenue(expected.orders));
    const home = await homeData(app, shopify, SHOP);
    expect(home.backfill).toMatchObject({ status: "completed", percent: 100, ordersImported: expected.orders.length, customersImported: expected.customers.length });
  }, 300_000);
});
