// The CSV order import service against a real SQLite database (tests/setup/server-env.ts): Shopify's
// export in both header variants, a generic file with broken rows, re-imports, a resumed import, files
// that cannot be imported, and the Online Retail totals of ../shared/data/README.md.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server.ts";
import type { CsvFormatChoice } from "../../app/domain/ingest/orders-csv.ts";
import type { OrderFact } from "../../app/domain/orders.ts";
import { saveCustomerState } from "../../app/models/customers.server.ts";
import type { ImportRun } from "../../app/models/import-runs.server.ts";
import { saveOrderState } from "../../app/models/orders.server.ts";
import { deleteShopData } from "../../app/models/shop-data.server.ts";
import { saveShopInstall } from "../../app/models/shops.server.ts";
import { createCommandLineImport, queueOrderImport, runOrderImport } from "../../app/services/order-import.server.ts";
import { ONLINE_RETAIL_FILE, genericCsvFile, shopifyExportFile } from "../support/order-files.ts";

const NOW = new Date("2026-11-20T00:00:00Z");
const workDir = mkdtempSync(join(tmpdir(), "kizuna-import-service-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

let fileCount = 0;
function writeFile(content: string | Buffer, suffix = ".csv"): string {
  fileCount += 1;
  const path = join(workDir, `orders-${fileCount}${suffix}`);
  writeFileSync(path, content);
  return path;
}

async function installShop(shop: string, currencyCode = "JPY"): Promise<void> {
  await saveShopInstall(shop, { name: shop, currencyCode, ianaTimezone: "Asia/Tokyo", grantedScopes: [] }, NOW);
}

async function importFile(shop: string, path: string, requestedFormat: CsvFormatChoice = "auto"): Promise<ImportRun> {
  const bytesTotal = existsSync(path) ? statSync(path).size : 0;
  const run = await createCommandLineImport(shop, { fileName: "orders.csv", filePath: path, requestedFormat, bytesTotal }, NOW);
  const finished = await runOrderImport(shop, run.id);
  if (finished === null) throw new Error("run vanished");
  return finished;
}

/** Every row Kizuna holds for the shop's orders and customers, every column included. */
async function shopTables(shop: string) {
  const [orders, lineItems, refunds, customers] = await Promise.all([
    prisma.order.findMany({ where: { shop }, orderBy: { orderGid: "asc" } }),
    prisma.orderLineItem.findMany({ where: { shop }, orderBy: [{ orderGid: "asc" }, { position: "asc" }] }),
    prisma.refund.findMany({ where: { shop }, orderBy: { refundGid: "asc" } }),
    prisma.customer.findMany({ where: { shop }, orderBy: { customerGid: "asc" } }),
  ]);
  return { orders, lineItems, refunds, customers };
}

describe("runOrderImport with Shopify's orders export", () => {
  it.each(["2022", "2025"] as const)(
    "imports the %s header: orders with their line items, a refund, and the customer known by e-mail",
    async (year) => {
      // GIVEN a store where Shopify already told Kizuna about Hanako, e-mail in another case
      const shop = `export-${year}.myshopify.com`;
      await installShop(shop);
      await saveCustomerState(
        shop,
        {
          customerGid: "gid://shopify/Customer/77",
          profile: { email: "hanako@EXAMPLE.jp", firstName: "花子", lastName: "山田", createdAt: null, updatedAt: null },
          emailConsent: null,
          deleted: false,
        },
        NOW,
      );

      // WHEN its orders export is imported
      const run = await importFile(shop, writeFile(shopifyExportFile(year)));

      // THEN both orders are stored, #1001 under its Shopify GID and Hanako, #1002 under Kizuna's own GID
      expect(run).toMatchObject({ status: "done", format: `shopify-export-${year}`, ordersSaved: 2, ordersCreated: 2, customersCreated: 0, badRowCount: 0 });
      const { orders, lineItems, refunds, customers } = await shopTables(shop);
      expect(orders.map((order) => [order.orderGid, order.name, order.customerGid, order.totalMinor, order.netMinor, order.countsTowardShopTotals, order.source])).toEqual([
        ["gid://kizuna/Order/shopify-export:%231002", "#1002", null, 1800, 0, false, "import"],
        ["gid://shopify/Order/5512345678901", "#1001", "gid://shopify/Customer/77", 6000, 6000, true, "import"],
      ]);
      expect(orders[1]?.placedAt).toEqual(new Date("2024-03-01T01:15:23Z"));
      expect(lineItems.map((item) => [item.orderGid, item.title, item.quantity, item.priceMinor, item.discountMinor])).toEqual([
        ["gid://kizuna/Order/shopify-export:%231002", "抹茶 100g", 1, 1800, 0],
        ["gid://shopify/Order/5512345678901", "抹茶 100g", 2, 1800, 0],
        ["gid://shopify/Order/5512345678901", "茶筅", 1, 1800, 200],
      ]);
      expect(refunds.map((refund) => [refund.refundGid, refund.amountMinor])).toEqual([["gid://kizuna/Refund/shopify-export:%231002", 1800]]);
      expect(customers.map((customer) => customer.customerGid)).toEqual(["gid://shopify/Customer/77"]);
    },
  );

  it("creates a customer of Kizuna's own for an e-mail the store does not know, without the address in its GID", async () => {
    const shop = "export-new-customer.myshopify.com";
    await installShop(shop);
    const run = await importFile(shop, writeFile(shopifyExportFile("2025")));
    expect(run.customersCreated).toBe(1);
    const [customer] = (await shopTables(shop)).customers;
    expect(customer?.customerGid).toMatch(/^gid:\/\/kizuna\/Customer\/email:[0-9a-f]{64}$/);
    expect(customer?.email).toBe("hanako@example.jp");
  });

  it("leaves an order Shopify sent more recently as it is", async () => {
    // GIVEN #1001 already stored from a webhook that saw a later change
    const shop = "export-webhook-first.myshopify.com";
    await installShop(shop);
    const fromWebhook: OrderFact = {
      orderGid: "gid://shopify/Order/5512345678901",
      name: "#1001",
      customerGid: "gid://shopify/Customer/77",
      createdAt: new Date("2024-03-01T01:15:23Z"),
      updatedAt: new Date("2024-03-05T00:00:00Z"),
      processedAt: new Date("2024-03-01T01:16:02Z"),
      cancelledAt: null,
      test: false,
      financialStatus: "partially_refunded",
      currency: "JPY",
      presentmentCurrency: "JPY",
      totalMinor: 6000,
      presentmentTotalMinor: 6000,
      subtotalMinor: 5400,
      discountMinor: 0,
      taxMinor: 545,
      taxesIncluded: true,
      lineItems: [],
      refunds: [{ refundGid: "gid://shopify/Refund/9", orderGid: "gid://shopify/Order/5512345678901", createdAt: new Date("2024-03-04T00:00:00Z"), amountMinor: 1000, presentmentAmountMinor: 1000 }],
    };
    await saveOrderState(shop, fromWebhook, "webhook");
    const before = await prisma.order.findFirstOrThrow({ where: { shop, orderGid: fromWebhook.orderGid } });

    // WHEN the export is imported
    const run = await importFile(shop, writeFile(shopifyExportFile("2022")));

    // THEN #1001 is already up to date and only #1002 is new
    expect(run).toMatchObject({ ordersSaved: 2, ordersCreated: 1, ordersUpdated: 0 });
    expect(await prisma.order.findFirstOrThrow({ where: { shop, orderGid: fromWebhook.orderGid } })).toEqual(before);
  });
});

describe("runOrderImport with a generic CSV", () => {
  const rows = [
    "C-1,O-1,2024-03-01,10.00,JPY", // line 2
    "C-1,O-2,03/01/2024,10.00,JPY", // line 3: not an ISO date
    "C-2,O-3,2024-03-01,ten,JPY", // line 4
    "C-2,,2024-03-01,10,JPY", // line 5
    "C-3,O-1,2024-03-02,10,JPY", // line 6: O-1 again
    "C-3,O-4,2024-03-02T18:30:00+09:00,1200,USD", // line 7: not the shop's currency
    "C-3,O-5,2024-03-01", // line 8
    ",O-6,2024-03-03,500,JPY", // line 9: a guest
    "C-2,O-7,2024-03-04T10:00:00Z,2500,", // line 10: the shop's currency by default
  ];

  it("reports every bad row with its line and reason and keeps the good rows", async () => {
    const shop = "generic-bad-rows.myshopify.com";
    await installShop(shop);
    const run = await importFile(shop, writeFile(genericCsvFile(rows)));
    expect(run).toMatchObject({ status: "done", format: "generic", linesRead: 10, ordersSaved: 3, ordersCreated: 3, customersCreated: 2, badRowCount: 6 });
    expect(run.badRows).toEqual([
      { line: 3, column: "date", message: "MALFORMED_DATE" },
      { line: 4, column: "amount", message: "MALFORMED_AMOUNT" },
      { line: 5, column: "order_id", message: "MISSING_VALUE" },
      { line: 6, column: "order_id", message: "DUPLICATE_ORDER" },
      { line: 7, column: null, message: "NOT_SHOP_CURRENCY" },
      { line: 8, column: null, message: "WRONG_FIELD_COUNT" },
    ]);
    const { orders, customers } = await shopTables(shop);
    expect(orders.map((order) => [order.orderGid, order.customerGid, order.totalMinor, order.countsTowardCustomerAnalytics])).toEqual([
      ["gid://kizuna/Order/csv:O-1", "gid://kizuna/Customer/external:C-1", 10, true],
      ["gid://kizuna/Order/csv:O-6", null, 500, false],
      ["gid://kizuna/Order/csv:O-7", "gid://kizuna/Customer/external:C-2", 2500, true],
    ]);
    expect(customers.map((customer) => [customer.customerGid, customer.email])).toEqual([
      ["gid://kizuna/Customer/external:C-1", null],
      ["gid://kizuna/Customer/external:C-2", null],
    ]);
  });

  it("changes no row when the same files are imported again, and asks for one analytics recompute", async () => {
    // GIVEN a store that imported a generic file and an export
    const shop = "reimport.myshopify.com";
    await installShop(shop);
    const generic = writeFile(genericCsvFile(rows));
    const exported = writeFile(gzipSync(shopifyExportFile("2025")), ".csv.gz");
    const firstRuns = [await importFile(shop, generic), await importFile(shop, exported)];
    const before = await shopTables(shop);

    // WHEN both are imported again
    const againRuns = [await importFile(shop, generic), await importFile(shop, exported)];

    // THEN every table is exactly as it was, and the second runs say so
    expect(await shopTables(shop)).toEqual(before);
    expect(before.orders).toHaveLength(5);
    for (const run of againRuns) expect(run).toMatchObject({ status: "done", ordersCreated: 0, ordersUpdated: 0, customersCreated: 0 });
    expect(againRuns.map((run) => run.ordersSaved)).toEqual(firstRuns.map((run) => run.ordersSaved));
    const recomputes = await prisma.job.findMany({ where: { shop, name: "recomputeShop" }, orderBy: { uniqueKey: "asc" } });
    expect(recomputes.map((job) => job.uniqueKey).sort()).toEqual(firstRuns.map((run) => `import-${run.id}`).sort());
  });
});

describe("runOrderImport after an interruption", () => {
  it("resumes after the last committed batch without storing or counting anything twice", async () => {
    // GIVEN 1,201 orders and one bad row, and an attempt that dies right after its first batch
    const shop = "resume.myshopify.com";
    await installShop(shop);
    const orderRows = Array.from({ length: 1201 }, (_, index) => `C-${index % 97},R-${index},2024-05-01,${index + 1},JPY`);
    const path = writeFile(genericCsvFile([...orderRows.slice(0, 700), "C-1,R-X,someday,1,JPY", ...orderRows.slice(700)]));
    const run = await createCommandLineImport(shop, { fileName: "big.csv", filePath: path, requestedFormat: "generic", bytesTotal: 1 }, NOW);
    const crash = new Error("worker killed");
    await expect(
      runOrderImport(shop, run.id, {
        onProgress: (progress) => {
          if (progress.ordersSaved > 0) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const interrupted = await prisma.importRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(interrupted).toMatchObject({ status: "running", ordersSaved: 500, ordersCreated: 500 });

    // WHEN the job runs again
    const resumed = await runOrderImport(shop, run.id);

    // THEN every order is stored once and counted once
    expect(resumed).toMatchObject({ status: "done", ordersSaved: 1201, ordersCreated: 1201, ordersUpdated: 0, customersCreated: 97, badRowCount: 1 });
    expect(resumed?.badRows).toEqual([{ line: 702, column: "date", message: "MALFORMED_DATE" }]);
    expect(await prisma.order.count({ where: { shop } })).toBe(1201);
    expect(await prisma.order.aggregate({ where: { shop }, _sum: { totalMinor: true } })).toEqual({ _sum: { totalMinor: (1201 * 1202) / 2 } });
  });
});

describe("runOrderImport with a file it cannot import", () => {
  const generic = genericCsvFile(["C-1,O-1,2024-03-01,10,JPY"]);
  it.each<[string, () => string, CsvFormatChoice, string]>([
    ["a file that is not an orders file", () => writeFile("name,price\nTea,10\n"), "auto", "UNRECOGNISED_HEADER"],
    ["a format other than the one asked for", () => writeFile(generic), "shopify", "FORMAT_MISMATCH"],
    ["a broken gzip file", () => writeFile(gzipSync(generic).subarray(0, 20), ".csv.gz"), "auto", "NOT_GZIP"],
    ["an empty file", () => writeFile(""), "auto", "EMPTY_FILE"],
    ["a file that is gone", () => join(workDir, "absent.csv"), "auto", "UNREADABLE_FILE"],
  ])("fails the run for %s and imports nothing", async (_label, makeFile, format, reason) => {
    const shop = `failing-${reason.toLowerCase().replaceAll("_", "-")}.myshopify.com`;
    await installShop(shop);
    const run = await importFile(shop, makeFile(), format);
    expect(run).toMatchObject({ status: "failed", failureReason: reason, ordersSaved: 0 });
    expect(run.finishedAt).not.toBeNull();
    expect(await prisma.order.count({ where: { shop } })).toBe(0);
  });

  it("fails a run for a store whose currency Kizuna does not know yet", async () => {
    const shop = "no-currency.myshopify.com";
    await installShop(shop, "");
    const run = await importFile(shop, writeFile(generic));
    expect(run).toMatchObject({ status: "failed", failureReason: "SHOP_CURRENCY_UNKNOWN" });
  });

  it("deletes an uploaded file once its run has ended, and never a command-line user's file", async () => {
    const shop = "upload-cleanup.myshopify.com";
    await installShop(shop);
    const uploaded = writeFile(generic);
    const queued = await queueOrderImport(shop, { origin: "upload", fileName: "orders.csv", filePath: uploaded, requestedFormat: "auto", bytesTotal: 40 }, NOW);
    expect((await runOrderImport(shop, queued.id))?.status).toBe("done");
    expect(existsSync(uploaded)).toBe(false);
    const own = writeFile(generic);
    await importFile(shop, own);
    expect(existsSync(own)).toBe(true);
  });
});

describe("erasing a store", () => {
  it("removes its imports with the rest of its data (shop/redact)", async () => {
    const shop = "erased.myshopify.com";
    await installShop(shop);
    await importFile(shop, writeFile(genericCsvFile(["C-1,O-1,2024-03-01,10,JPY"])));
    await prisma.$transaction((tx) => deleteShopData(shop, { name: "redactShop", uniqueKey: "due-now" }, tx));
    expect(await prisma.importRun.count({ where: { shop } })).toBe(0);
    expect(await prisma.order.count({ where: { shop } })).toBe(0);
  });
});

describe("runOrderImport with Online Retail", () => {
  it(
    "stores the documented totals: 4,338 customers, 18,532 invoices counted for customer analytics, £8,911,407.90",
    { timeout: 300_000 },
    async () => {
      const shop = "online-retail.myshopify.com";
      await installShop(shop, "GBP");
      const run = await importFile(shop, ONLINE_RETAIL_FILE, "online-retail");
      expect(run).toMatchObject({ status: "done", format: "online-retail", ordersSaved: 18532, badRowCount: 0, skippedRows: 144025 });
      const counted = await prisma.order.aggregate({
        where: { shop, countsTowardCustomerAnalytics: true },
        _count: { _all: true },
        _sum: { netMinor: true },
      });
      expect(counted).toEqual({ _count: { _all: 18532 }, _sum: { netMinor: 891140790 } });
      expect(await prisma.customer.count({ where: { shop } })).toBe(4338);
      const customersWithOrders = await prisma.order.groupBy({ by: ["customerGid"], where: { shop, countsTowardCustomerAnalytics: true } });
      expect(customersWithOrders).toHaveLength(4338);
      expect(await prisma.orderLineItem.count({ where: { shop } })).toBe(397884);
    },
  );
});
