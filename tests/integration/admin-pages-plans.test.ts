// The admin pages read precomputed rows through indexes (product.md §5: "usable at 200,000 customers";
// docs/decisions/011). The service behind every loader runs here, in this process, on a shop loaded
// through install, backfill and the recompute job; every SQL statement it sends is recorded, and
// SQLite's query plan of each must find its rows through an index on the shop: no table is scanned
// whole, and no list is sorted whole. Timing is not asserted: the plan is what a page's cost rests on.
import { createClient, type Client } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../simulator/server.ts";
import { AdminPages } from "../support/admin-pages.ts";
import { reservePort, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app.ts";
import { SimulatorClient } from "../support/simulator.ts";
// Types only: the modules themselves are imported once the recording database is in place.
import type * as CustomerExportService from "../../app/services/customer-export.server.ts";
import type * as CustomerListService from "../../app/services/customer-list.server.ts";
import type * as CustomerProfileService from "../../app/services/customer-profile.server.ts";
import type * as HomeService from "../../app/services/home.server.ts";
import type * as RanksService from "../../app/services/ranks-page.server.ts";
import type * as SegmentsService from "../../app/services/segments-page.server.ts";

const SHOP = "plans-main.myshopify.com";
const TABLES = new Set([
  "Session",
  "Shop",
  "WebhookEvent",
  "Job",
  "Customer",
  "Order",
  "OrderLineItem",
  "Refund",
  "BackfillRun",
  "BackfillExport",
  "ImportRun",
  "CustomerAnalytics",
  "ShopAnalytics",
  "AnalyticsSnapshot",
  "RankPolicy",
  "RankChange",
]);

type Statement = { sql: string; params: unknown[] };

let simulator: Simulator;
let app: RunningApp;
let client: Client;
let recorded: Statement[] = [];

/** Every statement the page's reads sent, each once. */
async function statementsOf(read: () => Promise<unknown>): Promise<Statement[]> {
  recorded = [];
  await read();
  const seen = new Map<string, Statement>();
  for (const statement of recorded) if (/^\s*SELECT/i.test(statement.sql) && !seen.has(statement.sql)) seen.set(statement.sql, statement);
  return [...seen.values()];
}

type Plan = { sql: string; details: string[] };

async function plansOf(statements: readonly Statement[]): Promise<Plan[]> {
  const plans: Plan[] = [];
  for (const { sql, params } of statements) {
    const result = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params as never });
    plans.push({ sql, details: result.rows.map((row) => String(row.detail)) });
  }
  return plans;
}

/**
 * What a plan must not do: scan one of the app's tables (or all of an index), sort a whole list, or
 * walk the shop's customers to find a segment's or a rank's; and a customer list is read in the order
 * of its index, with no sort at all.
 */
function problemsOf(plan: Plan): string[] {
  const grouped = /GROUP BY/i.test(plan.sql);
  const customerList = /FROM [`"](main[`"]\.[`"])?CustomerAnalytics[`"]/.test(plan.sql) && /ORDER BY/.test(plan.sql) && !grouped;
  const filters = ["segment", "rankKey"].filter((column) => new RegExp(`[\`"]${column}[\`"] = \\?`).test(plan.sql));
  const problems = plan.details.filter((detail) => {
    const scanned = /^SCAN (\w+)/.exec(detail)?.[1];
    if (scanned !== undefined && TABLES.has(scanned)) return true;
    if (customerList && detail.startsWith("USE TEMP B-TREE")) return true;
    // Sorting the few groups of a GROUP BY is cheap; sorting the rows of a list is what an index avoids.
    return detail.startsWith("USE TEMP B-TREE FOR ORDER BY") && !grouped;
  });
  const search = plan.details.find((detail) => /^SEARCH (main\.)?CustomerAnalytics /.test(detail));
  for (const column of filters) if (search !== undefined && !search.includes(`${column}=?`)) problems.push(`${search} (not by ${column})`);
  return problems;
}

let services: {
  home: typeof HomeService;
  segments: typeof SegmentsService;
  list: typeof CustomerListService;
  profile: typeof CustomerProfileService;
  ranks: typeof RanksService;
  exports: typeof CustomerExportService;
};

beforeAll(async () => {
  const port = await reservePort();
  simulator = await startSimulator({ port: 0, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, appUrl: `http://127.0.0.1:${port}` });
  await new SimulatorClient(simulator.origin).seedShop({ shop: SHOP, customers: 200, seed: 41, currencyCode: "JPY", ianaTimezone: "Asia/Tokyo" });
  const databaseUrl = process.env.DATABASE_URL as string;
  app = await startApp({ port, adminOrigin: simulator.origin, databaseUrl });
  const admin = new AdminPages(app);
  await admin.install(SHOP);
  await admin.waitForAnalytics(SHOP);
  // The app's services in this process, on a Prisma client that reports every statement it sends;
  // app/db.server.ts takes a database already on globalThis instead of opening its own.
  client = createClient({ url: databaseUrl });
  const prisma = new PrismaClient({ adapter: new PrismaLibSQL({ url: databaseUrl }), log: [{ emit: "event", level: "query" }] });
  prisma.$on("query", (event) => recorded.push({ sql: event.query, params: JSON.parse(event.params) as unknown[] }));
  Object.assign(globalThis, { kizunaDatabase: { prisma, client, transactions: { whenClosed: async () => {} } } });
  services = {
    home: await import("../../app/services/home.server.ts"),
    segments: await import("../../app/services/segments-page.server.ts"),
    list: await import("../../app/services/customer-list.server.ts"),
    profile: await import("../../app/services/customer-profile.server.ts"),
    ranks: await import("../../app/services/ranks-page.server.ts"),
    exports: await import("../../app/services/customer-export.server.ts"),
  };
}, 180_000);

afterAll(async () => {
  client?.close();
  await app?.close();
  await simulator?.close();
});

const LIST = { search: "", segment: null, rankKey: null, after: null, before: null } as const;

describe("the admin pages' reads", () => {
  it("find every row through an index on the shop, and sort no list whole", async () => {
    const { list } = services;
    const firstPages = new Map<string, Awaited<ReturnType<typeof list.getCustomerList>>>();
    for (const sort of ["netSpendMinor", "lastOrderOn", "predictedClvMinor"] as const)
      for (const direction of ["desc", "asc"] as const) firstPages.set(`${sort} ${direction}`, await list.getCustomerList(SHOP, { ...LIST, sort, direction }));
    const nextOf = (sort: string, direction: string) => firstPages.get(`${sort} ${direction}`)!.next;
    const customerGid = firstPages.get("netSpendMinor desc")!.rows[0]!.customerGid;
    const pages: [string, () => Promise<unknown>][] = [
      ["Home", () => services.home.getHomeOverview(SHOP, new Date())],
      ["Segments", () => services.segments.getSegmentsOverview(SHOP)],
      ["Ranks", () => services.ranks.getRanksPage(SHOP, new Date())],
      ["a customer's profile", () => services.profile.getCustomerProfile(SHOP, customerGid)],
      ["a search", () => list.getCustomerList(SHOP, { ...LIST, search: "tanaka", sort: "netSpendMinor", direction: "desc" })],
      ...(["netSpendMinor", "lastOrderOn", "predictedClvMinor"] as const).flatMap((sort) =>
        (["desc", "asc"] as const).flatMap((direction): [string, () => Promise<unknown>][] => [
          [`customers by ${sort} ${direction}`, () => list.getCustomerList(SHOP, { ...LIST, sort, direction })],
          [`customers by ${sort} ${direction}, next page`, () => list.getCustomerList(SHOP, { ...LIST, sort, direction, after: nextOf(sort, direction) })],
          [`customers by ${sort} ${direction}, previous page`, () => list.getCustomerList(SHOP, { ...LIST, sort, direction, before: nextOf(sort, direction) })],
          [`a segment by ${sort} ${direction}`, () => list.getCustomerList(SHOP, { ...LIST, segment: "lost", sort, direction })],
          [`a rank by ${sort} ${direction}`, () => list.getCustomerList(SHOP, { ...LIST, rankKey: "silver", sort, direction })],
        ]),
      ),
      ["the CSV export", async () => new Response(await services.exports.streamCustomerCsv(SHOP, { segment: null, rankKey: null, sort: "lastOrderOn", direction: "desc", locale: "en" })).text()],
    ];
    const problems: string[] = [];
    let planned = 0;
    for (const [page, read] of pages) {
      const plans = await plansOf(await statementsOf(read));
      expect(plans.length, page).toBeGreaterThan(0);
      planned += plans.length;
      for (const plan of plans) for (const problem of problemsOf(plan)) problems.push(`${page}: ${problem}\n  ${plan.sql}`);
    }
    expect(problems).toEqual([]);
    expect(planned).toBeGreaterThan(pages.length);
  });

  it("would notice a read that scans a table, sorts a list or walks the shop for a segment", async () => {
    const [scan, sort, walk] = await plansOf([
      { sql: 'SELECT "customerGid" FROM "CustomerAnalytics" WHERE "netSpendMinor" > ?', params: [0] },
      { sql: 'SELECT "customerGid" FROM "CustomerAnalytics" WHERE "shop" = ? ORDER BY "recencyDays" LIMIT 50', params: [SHOP] },
      { sql: 'SELECT "customerGid" FROM "CustomerAnalytics" WHERE "shop" = ? AND "segment" = ? ORDER BY "customerGid" LIMIT 50', params: [SHOP, "lost"] },
    ]);
    expect(problemsOf(scan!)).toEqual([expect.stringMatching(/^SCAN CustomerAnalytics\b/)]);
    expect(problemsOf(sort!)).toEqual(["USE TEMP B-TREE FOR ORDER BY"]);
    expect(problemsOf(walk!)).toEqual([expect.stringMatching(/^SEARCH CustomerAnalytics USING INDEX \w+ \(shop=\?\) \(not by segment\)$/)]);
  });
});
