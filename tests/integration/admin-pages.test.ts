// The analytics admin pages over real HTTP (Home's dashboard, Segments, a segment's members, Customers
// with search and CSV export, a customer's profile with the manual rank, Ranks with preview and save):
// the built app, session tokens minted with the test secret, shops seeded in the simulator and loaded
// through install, backfill and the recompute job, and no shop ever reading or changing another's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RANK_POLICY } from "../../app/domain/analytics/ranks/default-rank-policy.ts";
import { toRankForm, toRankPolicyInput } from "../../app/domain/analytics/ranks/rank-policy-form.ts";
import { toCustomerPathId } from "../../app/domain/customer-path.ts";
import { listAnalyticsHistory } from "../../app/services/analytics/read-analytics.server.ts";
import { recomputeShopAnalytics } from "../../app/services/analytics/recompute-shop.server.ts";
import { startSimulator, type Simulator } from "../simulator/server.ts";
import { AdminPages, ROUTES } from "../support/admin-pages.ts";
import { reservePort, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app.ts";
import { BROWSER_USER_AGENT } from "../support/browser-agent.ts";
import { openPatientDatabase, type PatientDatabase } from "../support/database.ts";
import { SimulatorClient } from "../support/simulator.ts";
import type { SimCustomer } from "../simulator/shop/state.ts";

const SHOP = "pages-main.myshopify.com";
const OTHER_SHOP = "pages-other.myshopify.com";
const TREND_SHOP = "pages-trend.myshopify.com";
const DAY_MS = 86_400_000;

let simulator: Simulator;
let shopify: SimulatorClient;
let app: RunningApp;
let admin: AdminPages;
let db: PatientDatabase;
let customers: SimCustomer[];
let otherCustomerGids: Set<string>;

type Cursor = { value: number | string | null; customerGid: string };
type ListRow = { customerGid: string; firstName: string | null; lastName: string | null; email: string | null; analytics: { segment: string | null; rankKey: string; netSpendMinor: number } | null };
type ListData = { list: { mode: string; rows: ListRow[]; next: Cursor | null; previous: Cursor | null; truncated: boolean } };
type Headline = Record<"customerCount" | "activeCustomerCount" | "netRevenueMinor", number> & Record<"repeatRatio" | "f2ConversionRatio" | "paretoShareRatio", number | null>;
type HomeData = {
  dashboard: {
    status: string;
    asOn: string;
    headline: Headline;
    trend: { sinceOn: string; change: Record<string, number | null> } | null;
    revenueByRank: { rankKey: string; customerCount: number; netSpendMinor: number }[];
    f2Windows: { windowDays: number }[];
    rfm: { method: string; customerCount: number; ranges: Record<string, { score: number; empty: boolean }[]> };
  };
};
type SegmentsData = {
  status: string;
  grid: { recencyScore: number; frequencyScore: number; segment: string; customerCount: number; netSpendMinor: number }[][];
  segments: { segment: string; customerCount: number; netSpendMinor: number }[];
  customerCount: number;
  netSpendMinor: number;
};
type Problem = { field: string; code: string };
type RanksData = { active: { version: number }; versions: { version: number }[]; counts: { rankKey: string; customerCount: number }[]; reranking: string | null };
type PreviewResult = {
  intent: string;
  ok: boolean;
  errors?: Problem[];
  preview?: {
    currentVersion: number;
    proposedVersion: number;
    proposedCounts: { rankKey: string; customerCount: number }[];
    moves: { fromRankKey: string; toRankKey: string; customerCount: number }[];
    moverCount: number;
    movers: { customerGid: string; fromRankKey: string; toRankKey: string; direction: string; pathId: string }[];
  };
};

async function rows(sql: string, ...args: (string | number)[]) {
  return (await db.execute({ sql, args })).rows.map((row) => ({ ...row }));
}

async function storedTotals(shop: string) {
  const [totals] = await rows("SELECT COUNT(*) AS customers, COALESCE(SUM(netSpendMinor), 0) AS spend FROM CustomerAnalytics WHERE shop = ? AND segment IS NOT NULL", shop);
  return { customers: Number(totals!.customers), spend: Number(totals!.spend) };
}

/** The default rank rules with Gold from three orders instead of five, as the rank editor sends them. */
function goldAtThreeOrders(): unknown {
  const form = toRankForm(DEFAULT_RANK_POLICY, "JPY");
  return toRankPolicyInput({ ...form, ranks: form.ranks.map((row) => (row.key === "gold" ? { ...row, minOrders: "3" } : row)) }, "JPY");
}

async function waitForJobsToFinish(shop: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [due] = await rows("SELECT COUNT(*) AS n FROM Job WHERE shop = ? AND status IN ('pending', 'running') AND runAt <= ?", shop, new Date().toISOString());
    if (Number(due!.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`jobs of ${shop} still running`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  const port = await reservePort();
  simulator = await startSimulator({ port: 0, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, appUrl: `http://127.0.0.1:${port}` });
  shopify = new SimulatorClient(simulator.origin);
  await Promise.all([
    shopify.seedShop({ shop: SHOP, name: "Pages Main 茶舗", customers: 150, seed: 31, currencyCode: "JPY", ianaTimezone: "Asia/Tokyo" }),
    shopify.seedShop({ shop: OTHER_SHOP, name: "Pages Other", customers: 100, seed: 32, currencyCode: "JPY", ianaTimezone: "Asia/Tokyo" }),
    shopify.seedShop({ shop: TREND_SHOP, name: "Pages Trend", customers: 100, seed: 33, currencyCode: "JPY", ianaTimezone: "Asia/Tokyo" }),
  ]);
  // The app and this test process share one database, so the trend test can recompute in the past.
  app = await startApp({ port, adminOrigin: simulator.origin, databaseUrl: process.env.DATABASE_URL as string });
  admin = new AdminPages(app);
  db = openPatientDatabase(app.databaseUrl);
  for (const shop of [SHOP, OTHER_SHOP, TREND_SHOP]) await admin.install(shop);
  await Promise.all([SHOP, OTHER_SHOP, TREND_SHOP].map((shop) => admin.waitForAnalytics(shop)));
  customers = (await shopify.shopRecords(SHOP)).customers;
  otherCustomerGids = new Set((await shopify.shopRecords(OTHER_SHOP)).customers.map((customer) => customer.id));
}, 240_000);

afterAll(async () => {
  db?.close();
  await app?.close();
  await simulator?.close();
});

describe("Home's dashboard", () => {
  it("shows the headline KPIs, net spend by rank and the RFM thresholds of the shop's own customers", async () => {
    const { dashboard } = await admin.data<HomeData>(SHOP, "/app", ROUTES.home);
    const totals = await storedTotals(SHOP);
    const [orders] = await rows("SELECT COALESCE(SUM(netMinor), 0) AS revenue FROM \"Order\" WHERE shop = ? AND countsTowardShopTotals = 1", SHOP);
    expect(dashboard.status).toBe("ready");
    expect(dashboard.headline.customerCount).toBe(totals.customers);
    expect(dashboard.headline.netRevenueMinor).toBe(Number(orders!.revenue));
    expect(dashboard.revenueByRank.map((rank) => rank.rankKey)).toEqual(["regular", "silver", "gold", "platinum"]);
    expect(dashboard.revenueByRank.reduce((sum, rank) => sum + rank.customerCount, 0)).toBe(totals.customers);
    expect(dashboard.revenueByRank.reduce((sum, rank) => sum + rank.netSpendMinor, 0)).toBe(totals.spend);
    expect(dashboard.f2Windows.map((window) => window.windowDays)).toEqual([30, 60, 90, 180]);
    expect(dashboard.rfm).toMatchObject({ method: "quantiles", customerCount: totals.customers });
    expect(dashboard.rfm.ranges.orderCount!.map((range) => range.score)).toEqual([1, 2, 3, 4, 5]);
    // a first recompute has nothing earlier to compare with
    expect(dashboard.trend).toBeNull();
  });

  it("shows how each KPI moved since the snapshot at least 30 days older", async () => {
    // GIVEN the trend shop recomputed as of 40 days ago, then as of today
    await waitForJobsToFinish(TREND_SHOP);
    const now = new Date();
    const past = await recomputeShopAnalytics(TREND_SHOP, new Date(now.getTime() - 40 * DAY_MS));
    const today = await recomputeShopAnalytics(TREND_SHOP, now);
    const [before, after] = await listAnalyticsHistory(TREND_SHOP, past.asOn, today.asOn);
    // WHEN its Home is opened
    const { dashboard } = await admin.data<HomeData>(TREND_SHOP, "/app", ROUTES.home);
    // THEN each KPI's change is today's value minus the snapshot's
    expect(before?.takenOn).toBe(past.asOn);
    expect(dashboard.trend?.sinceOn).toBe(past.asOn);
    expect(dashboard.headline).toEqual(after?.headline);
    expect(dashboard.trend?.change.customerCount).toBe(after!.headline!.customerCount - before!.headline!.customerCount);
    expect(dashboard.trend?.change.netRevenueMinor).toBe(after!.headline!.netRevenueMinor - before!.headline!.netRevenueMinor);
    expect(dashboard.trend?.change.customerCount).toBeGreaterThan(0);
  });
});

describe("Segments", () => {
  it("answers the R×F grid and every segment with the shop's stored customers and net spend", async () => {
    const overview = await admin.data<SegmentsData>(SHOP, "/app/segments", ROUTES.segments);
    const totals = await storedTotals(SHOP);
    const cells = overview.grid.flat();
    expect(overview.grid.map((row) => row[0]!.recencyScore)).toEqual([5, 4, 3, 2, 1]);
    expect(overview.grid[0]!.map((cell) => cell.frequencyScore)).toEqual([1, 2, 3, 4, 5]);
    expect(cells.reduce((sum, cell) => sum + cell.customerCount, 0)).toBe(totals.customers);
    expect(cells.reduce((sum, cell) => sum + cell.netSpendMinor, 0)).toBe(totals.spend);
    expect(overview.segments).toHaveLength(11);
    expect([overview.customerCount, overview.netSpendMinor]).toEqual([totals.customers, totals.spend]);
    for (const segment of overview.segments) {
      const [stored] = await rows("SELECT COUNT(*) AS n FROM CustomerAnalytics WHERE shop = ? AND segment = ?", SHOP, segment.segment);
      expect(segment.customerCount, segment.segment).toBe(Number(stored!.n));
      expect(segment.customerCount).toBe(cells.filter((cell) => cell.segment === segment.segment).reduce((sum, cell) => sum + cell.customerCount, 0));
    }
  });

  it("pages a segment's members by net spend, forwards and back, filtered by rank", async () => {
    const path = "/app/segments/hibernating";
    const first = await admin.data<ListData>(SHOP, path, ROUTES.segment);
    const [stored] = await rows("SELECT COUNT(*) AS n FROM CustomerAnalytics WHERE shop = ? AND segment = 'hibernating'", SHOP);
    const everyone: string[] = [];
    let page = first;
    for (;;) {
      expect(page.list.rows.every((row) => row.analytics?.segment === "hibernating")).toBe(true);
      everyone.push(...page.list.rows.map((row) => row.customerGid));
      if (page.list.next === null) break;
      page = await admin.data<ListData>(SHOP, `${path}?after=${encodeCursor(page.list.next)}`, ROUTES.segment);
    }
    expect(everyone).toHaveLength(Number(stored!.n));
    expect(new Set(everyone).size).toBe(everyone.length);
    const spends = first.list.rows.map((row) => row.analytics!.netSpendMinor);
    expect(spends).toEqual([...spends].sort((a, b) => b - a));
    if (page !== first) {
      const back = await admin.data<ListData>(SHOP, `${path}?before=${encodeCursor(page.list.previous!)}`, ROUTES.segment);
      expect(back.list.rows.map((row) => row.customerGid)).toEqual(everyone.slice(everyone.length - page.list.rows.length - back.list.rows.length, everyone.length - page.list.rows.length));
    }
    const regulars = await admin.data<ListData>(SHOP, `${path}?rank=regular&sort=lastOrderOn&direction=asc`, ROUTES.segment);
    expect(regulars.list.rows.every((row) => row.analytics?.rankKey === "regular")).toBe(true);
  });

  it("answers 404 for a segment that does not exist", async () => {
    const response = await admin.request(SHOP, "/app/segments/vip", ROUTES.segment);
    expect(response.status).toBe(404);
  });
});

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.customerGid])).toString("base64url");
}

describe("Customers", () => {
  it("finds a customer by last name and e-mail, and by Shopify customer ID", async () => {
    const customer = customers.find((candidate) => candidate.email !== null && candidate.orderIds.length > 0)!;
    const byName = await admin.data<ListData>(SHOP, `/app/customers?q=${encodeURIComponent(`${customer.lastName} ${customer.email}`)}`, ROUTES.customers);
    expect(byName.list.mode).toBe("search");
    expect(byName.list.rows.map((row) => row.customerGid)).toEqual([customer.id]);
    expect(byName.list.rows[0]).toMatchObject({ firstName: customer.firstName, lastName: customer.lastName, email: customer.email });
    const numericId = customer.id.split("/").pop()!;
    const byId = await admin.data<ListData>(SHOP, `/app/customers?q=${numericId}`, ROUTES.customers);
    expect(byId.list.rows.map((row) => row.customerGid)).toContain(customer.id);
  });

  it("never finds another shop's customers", async () => {
    const onlyHere = customers.find((candidate) => candidate.email !== null && !otherCustomerGids.has(candidate.id))!;
    const search = await admin.data<ListData>(OTHER_SHOP, `/app/customers?q=${encodeURIComponent(onlyHere.email!)}`, ROUTES.customers);
    expect(search.list.rows).toEqual([]);
    const list = await admin.data<ListData>(OTHER_SHOP, "/app/customers?sort=lastOrderOn", ROUTES.customers);
    expect(list.list.rows.map((row) => row.customerGid).filter((gid) => !otherCustomerGids.has(gid))).toEqual([]);
  });

  it("exports a segment as CSV with every member once, and only the shop's own", async () => {
    const response = await fetch(`${app.origin}/app/customers/export?segment=lost&sort=lastOrderOn&locale=ja`, { headers: admin.headers(SHOP) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="kizuna-customers-lost.csv"');
    const bytes = Buffer.from(await response.arrayBuffer());
    // a byte order mark first, so spreadsheet apps read the Japanese names as UTF-8
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text.startsWith("customer_id,first_name,last_name,email,segment,segment_name,rank,rank_name,orders,net_spend")).toBe(true);
    const lines = text.trim().split("\r\n").slice(1);
    const stored = await rows("SELECT customerGid FROM CustomerAnalytics WHERE shop = ? AND segment = 'lost' ORDER BY customerGid", SHOP);
    expect(lines.map((line) => line.split(",")[0]).sort()).toEqual(stored.map((row) => String(row.customerGid)));
    expect(lines.every((line) => line.includes(",lost,離脱顧客,"))).toBe(true);
    const other = await (await fetch(`${app.origin}/app/customers/export`, { headers: admin.headers(OTHER_SHOP) })).text();
    const otherIds = other.trim().split("\r\n").slice(1).map((line) => line.split(",")[0]!);
    expect(otherIds.filter((gid) => !otherCustomerGids.has(gid))).toEqual([]);
  });

  it("exports nothing without a session token", async () => {
    const response = await fetch(`${app.origin}/app/customers/export?segment=lost`, { headers: { "User-Agent": BROWSER_USER_AGENT }, redirect: "manual" });
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain("gid://shopify/Customer/");
  });
});

describe("a customer's profile", () => {
  type Profile = {
    customerGid: string;
    contact: { email: string | null } | null;
    analytics: { orderCount: number; rankKey: string; overrideRankKey: string | null; overrideReason: string | null; overrideSetBy: string | null } | null;
    prediction: { method: string } | null;
    rankChanges: { toRankKey: string; reason: string; policyVersion: number; overrideReason: string | null }[];
    orders: { orderGid: string }[];
    orderCount: number;
  };
  const repeatCustomer = () => customers.find((candidate) => candidate.orderIds.length >= 2 && !otherCustomerGids.has(candidate.id))!;
  const profilePath = (customerGid: string) => `/app/customers/${toCustomerPathId(customerGid)}`;

  it("shows the customer's purchases, rank, prediction and orders", async () => {
    const customer = repeatCustomer();
    const profile = await admin.data<Profile>(SHOP, profilePath(customer.id), ROUTES.customer);
    const [stored] = await rows("SELECT orderCount, rankKey FROM CustomerAnalytics WHERE shop = ? AND customerGid = ?", SHOP, customer.id);
    expect(profile.contact?.email).toBe(customer.email);
    expect(profile.analytics).toMatchObject({ orderCount: Number(stored!.orderCount), rankKey: stored!.rankKey });
    expect(profile.prediction?.method).toMatch(/^(bgNbd|heuristic)$/);
    expect(profile.orderCount).toBe(customer.orderIds.length);
    expect(profile.orders.map((order) => order.orderGid).sort()).toEqual([...customer.orderIds].sort());
  });

  it("answers 404 for another shop's customer and for a path that names no customer", async () => {
    const customer = repeatCustomer();
    expect((await admin.request(OTHER_SHOP, profilePath(customer.id), ROUTES.customer)).status).toBe(404);
    expect((await admin.request(SHOP, "/app/customers/not-a-customer", ROUTES.customer)).status).toBe(404);
  });

  it("sets a manual rank with the staff account and reason, refuses one without a reason, and removes it", async () => {
    const customer = repeatCustomer();
    const path = profilePath(customer.id);
    const refused = await admin.post(SHOP, path, ROUTES.customer, { intent: "setOverride", rankKey: "platinum", reason: "  " });
    expect(await refused.json()).toEqual({ ok: false, error: "REASON_EMPTY" });
    const set = await admin.post(SHOP, path, ROUTES.customer, { intent: "setOverride", rankKey: "platinum", reason: "Brand ambassador" }, "4242");
    expect(await set.json()).toEqual({ ok: true, kind: "set" });
    const profile = await admin.data<Profile>(SHOP, path, ROUTES.customer);
    expect(profile.analytics).toMatchObject({ rankKey: "platinum", overrideRankKey: "platinum", overrideReason: "Brand ambassador", overrideSetBy: "4242" });
    expect(profile.rankChanges[0]).toMatchObject({ toRankKey: "platinum", reason: "manual_override" });
    const removed = await admin.post(SHOP, path, ROUTES.customer, { intent: "removeOverride" });
    expect(await removed.json()).toEqual({ ok: true, kind: "remove" });
    const after = await admin.data<Profile>(SHOP, path, ROUTES.customer);
    expect(after.analytics?.overrideRankKey).toBeNull();
    expect(after.rankChanges[0]).toMatchObject({ reason: "manual_override", overrideReason: "Brand ambassador" });
  });

  it("cannot change another shop's customer", async () => {
    const customer = repeatCustomer();
    const [before] = await rows("SELECT rankKey, overrideRankKey, revision FROM CustomerAnalytics WHERE shop = ? AND customerGid = ?", SHOP, customer.id);
    const response = await admin.post(OTHER_SHOP, profilePath(customer.id), ROUTES.customer, { intent: "setOverride", rankKey: "platinum", reason: "not mine" });
    expect(await response.json()).toEqual({ ok: false, error: "CUSTOMER_NOT_FOUND" });
    const [after] = await rows("SELECT rankKey, overrideRankKey, revision FROM CustomerAnalytics WHERE shop = ? AND customerGid = ?", SHOP, customer.id);
    expect(after).toEqual(before);
  });

  it("refuses a malformed override request with 400", async () => {
    const response = await admin.post(SHOP, profilePath(repeatCustomer().id), ROUTES.customer, { intent: "promote" });
    expect(response.status).toBe(400);
  });
});

describe("Ranks", () => {
  const preview = (shop: string, draft: unknown) => admin.post(shop, "/app/ranks", ROUTES.ranks, { intent: "preview", draft: JSON.stringify(draft) });
  const save = (shop: string, draft: unknown) => admin.post(shop, "/app/ranks", ROUTES.ranks, { intent: "save", draft: JSON.stringify(draft) });

  it("reports every problem of a draft on its field and saves nothing", async () => {
    const form = toRankForm(DEFAULT_RANK_POLICY, "JPY");
    const broken = toRankPolicyInput(
      {
        ...form,
        ranks: form.ranks.map((row, index) => (index === 0 ? { ...row, minOrders: "1" } : index === 2 ? { ...row, minOrders: "2", color: "gold" } : index === 3 ? { ...row, minOrders: "ten" } : row)),
        reviewDates: ["01-01", "02-30"],
      },
      "JPY",
    );
    for (const send of [preview, save]) {
      const result = (await (await send(SHOP, broken)).json()) as PreviewResult;
      expect(result.ok).toBe(false);
      expect(result.errors).toEqual([{ field: "ranks.3.minOrders", code: "SHAPE_INVALID" }]);
    }
    const numeric = toRankPolicyInput({ ...form, ranks: form.ranks.map((row, index) => (index === 0 ? { ...row, minOrders: "1" } : index === 2 ? { ...row, minOrders: "2", color: "gold" } : row)), reviewDates: ["01-01", "02-30"] }, "JPY");
    const result = (await (await save(SHOP, numeric)).json()) as PreviewResult;
    expect(result.errors).toEqual([
      { field: "ranks.0", code: "LOWEST_RANK_HAS_THRESHOLD" },
      { field: "ranks.2.color", code: "RANK_COLOR_INVALID" },
      { field: "ranks.2.minOrders", code: "THRESHOLD_NOT_INCREASING" },
      { field: "downgradeReviewDates.1", code: "REVIEW_DATE_INVALID" },
    ]);
    const ranks = await admin.data<RanksData>(SHOP, "/app/ranks", ROUTES.ranks);
    expect(ranks.versions.map((version) => version.version)).toEqual([1]);
  });

  it("answers 400 to a request without a JSON draft", async () => {
    const response = await admin.post(SHOP, "/app/ranks", ROUTES.ranks, { intent: "save", draft: "{not json" });
    expect(response.status).toBe(400);
  });

  it("previews who moves, then saves the rules as version 2 and re-ranks every customer of the shop alone", async () => {
    // GIVEN the other shop's stored ranks
    const otherBefore = await rows("SELECT customerGid, rankKey, rankPolicyVersion FROM CustomerAnalytics WHERE shop = ? ORDER BY customerGid", OTHER_SHOP);
    // WHEN the merchant previews Gold from three orders
    const previewed = (await (await preview(SHOP, goldAtThreeOrders())).json()) as PreviewResult;
    const dryRun = previewed.preview!;
    // THEN silver customers with three or four orders in the window would move up to Gold
    expect(previewed.ok).toBe(true);
    expect([dryRun.currentVersion, dryRun.proposedVersion]).toEqual([1, 2]);
    expect(dryRun.moverCount).toBeGreaterThan(0);
    expect(dryRun.moves.reduce((sum, move) => sum + move.customerCount, 0)).toBe(dryRun.moverCount);
    expect(dryRun.movers.every((mover) => mover.toRankKey === "gold" && mover.direction === "up")).toBe(true);
    expect(dryRun.movers.every((mover) => mover.pathId === toCustomerPathId(mover.customerGid))).toBe(true);
    // and nothing is saved by a preview
    expect((await admin.data<RanksData>(SHOP, "/app/ranks", ROUTES.ranks)).active.version).toBe(1);

    // WHEN it saves them
    const saved = (await (await save(SHOP, goldAtThreeOrders())).json()) as { intent: string; ok: boolean; version: number };
    expect(saved).toEqual({ intent: "save", ok: true, version: 2 });
    // THEN the re-ranking runs, and every mover is Gold with a policy_changed change of version 2
    const deadline = Date.now() + 60_000;
    let ranks = await admin.data<RanksData>(SHOP, "/app/ranks", ROUTES.ranks);
    while (ranks.reranking !== "done" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      ranks = await admin.data<RanksData>(SHOP, "/app/ranks", ROUTES.ranks);
    }
    expect(ranks.active.version).toBe(2);
    expect(ranks.reranking).toBe("done");
    expect(ranks.counts.find((count) => count.rankKey === "gold")?.customerCount).toBe(dryRun.proposedCounts.find((count) => count.rankKey === "gold")?.customerCount);
    for (const mover of dryRun.movers) {
      const [row] = await rows("SELECT rankKey, rankPolicyVersion FROM CustomerAnalytics WHERE shop = ? AND customerGid = ?", SHOP, mover.customerGid);
      expect(row).toEqual({ rankKey: "gold", rankPolicyVersion: 2 });
      const [change] = await rows("SELECT fromRankKey, toRankKey, reason, policyVersion FROM RankChange WHERE shop = ? AND customerGid = ? ORDER BY id DESC LIMIT 1", SHOP, mover.customerGid);
      expect(change).toEqual({ fromRankKey: mover.fromRankKey, toRankKey: "gold", reason: "policy_changed", policyVersion: 2 });
    }
    // AND the other shop's rules and ranks did not move
    expect((await admin.data<RanksData>(OTHER_SHOP, "/app/ranks", ROUTES.ranks)).versions.map((version) => version.version)).toEqual([1]);
    expect(await rows("SELECT customerGid, rankKey, rankPolicyVersion FROM CustomerAnalytics WHERE shop = ? ORDER BY customerGid", OTHER_SHOP)).toEqual(otherBefore);
  });
});
