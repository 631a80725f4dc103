// Helpers of the backfill tests: install a simulated shop through the embedded admin, watch the
// app's backfill in its database, and compare what the app stored with what the simulated store
// holds (the store's own records, not numbers written into the test).
import type { RunningApp } from "./app.ts";
import { BROWSER_USER_AGENT } from "./browser-agent.ts";
import type { PatientDatabase } from "./database.ts";
import type { SimulatorClient } from "./simulator.ts";
import type { SimOrder } from "../simulator/shop/state.ts";

export function adminDocumentUrl(app: RunningApp, shop: string, token: string, locale = "en"): string {
  const host = Buffer.from(`${shop}/admin`).toString("base64url");
  return `${app.origin}/app?embedded=1&shop=${shop}&host=${host}&locale=${locale}&id_token=${token}`;
}

/** What Shopify admin does when the merchant opens the app: the first load exchanges the token and installs. */
export async function openHome(app: RunningApp, simulator: SimulatorClient, shop: string, locale = "en"): Promise<string> {
  const response = await fetch(adminDocumentUrl(app, shop, await simulator.sessionToken(shop), locale), { headers: { "User-Agent": BROWSER_USER_AGENT } });
  if (response.status !== 200) throw new Error(`Home answered ${response.status}`);
  return response.text();
}

/** An offline token of the test's own, as another app on the same store would hold. */
export async function exchangeOfflineToken(simulator: SimulatorClient, shop: string, apiKey: string, apiSecret: string): Promise<string> {
  const response = await fetch(`${simulator.origin}/shops/${shop}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      client_id: apiKey,
      client_secret: apiSecret,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: await simulator.sessionToken(shop),
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
      expiring: "0",
    }),
  });
  return String(((await response.json()) as { access_token: string }).access_token);
}

/** Runs one Admin GraphQL document with a token of the test's own. */
export async function testAdminGraphql(simulator: SimulatorClient, shop: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${simulator.origin}/shops/${shop}/admin/api/2026-10/graphql.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** Home's loader data, as the page's client-side revalidation asks for it. */
export async function homeData(app: RunningApp, simulator: SimulatorClient, shop: string): Promise<HomeData> {
  const response = await fetch(`${app.origin}/app?_data=routes%2Fapp._index`, {
    headers: { "User-Agent": BROWSER_USER_AGENT, Authorization: `Bearer ${await simulator.sessionToken(shop)}` },
  });
  if (response.status !== 200) throw new Error(`Home data answered ${response.status}`);
  return (await response.json()) as HomeData;
}

export type HomeData = {
  backfill: {
    status: string;
    phase: string;
    ordersSince: string | null;
    ordersImported: number;
    expectedOrders: number | null;
    customersImported: number;
    expectedCustomers: number | null;
    percent: number;
    skippedRecords: number;
    problem: string | null;
  } | null;
  dashboard: { status: "notComputed" | "noCustomers" | "ready" };
  analyticsUpdating: boolean;
};

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export type StoredRun = { id: string; status: string; ordersSince: string | null; startedAt: string; errorCode: string | null; expectedOrderCount: number | null };

export async function latestRun(db: PatientDatabase, shop: string): Promise<StoredRun | null> {
  const result = await db.execute({
    sql: "SELECT id, status, ordersSince, startedAt, errorCode, expectedOrderCount FROM BackfillRun WHERE shop = ? ORDER BY startedAt DESC LIMIT 1",
    args: [shop],
  });
  const row = result.rows[0];
  return row ? ({ ...row } as unknown as StoredRun) : null;
}

export async function waitForFinishedBackfill(db: PatientDatabase, shop: string, timeoutMs = 90_000): Promise<StoredRun> {
  return waitFor(`the backfill of ${shop} to finish`, async () => {
    const run = await latestRun(db, shop);
    return run !== null && run.status !== "running" ? run : null;
  }, timeoutMs);
}

/** Waits until no job due now is left (webhook ingestion included). */
export async function waitForDrainedQueue(db: PatientDatabase, timeoutMs = 60_000): Promise<void> {
  await waitFor("the job queue to drain", async () => {
    const result = await db.execute({ sql: "SELECT COUNT(*) AS n FROM Job WHERE status IN ('pending', 'running') AND runAt <= ?", args: [new Date().toISOString()] });
    return Number(result.rows[0]!.n) === 0;
  }, timeoutMs);
}

const instant = (value: unknown) => (value === null ? null : new Date(String(value)).toISOString());

/** The app's orders, line items, refunds and customers of the shop, in comparable form. */
export async function storedShopRows(db: PatientDatabase, shop: string) {
  const query = async (sql: string) => (await db.execute({ sql, args: [shop] })).rows.map((row) => ({ ...row }) as Record<string, unknown>);
  const orders = await query(
    `SELECT orderGid, name, customerGid, placedAt, shopifyUpdatedAt, processedAt, cancelledAt, test, financialStatus, currency, presentmentCurrency,
      totalMinor, presentmentTotalMinor, subtotalMinor, discountMinor, taxMinor, taxesIncluded, refundedMinor, netMinor FROM "Order" WHERE shop = ? ORDER BY orderGid`,
  );
  const lineItems = await query(
    "SELECT orderGid, lineItemGid, productGid, variantGid, title, quantity, priceMinor, discountMinor FROM OrderLineItem WHERE shop = ? ORDER BY orderGid, position",
  );
  const refunds = await query("SELECT refundGid, orderGid, refundedAt, amountMinor, presentmentAmountMinor FROM Refund WHERE shop = ? ORDER BY refundGid");
  const customers = await query(
    `SELECT customerGid, firstName, lastName, email, emailMarketingState, emailMarketingOptInLevel, emailConsentUpdatedAt,
      shopifyCreatedAt, shopifyUpdatedAt, deletedAt FROM Customer WHERE shop = ? ORDER BY customerGid`,
  );
  return {
    orders: orders.map((row) => ({
      ...row,
      placedAt: instant(row.placedAt),
      shopifyUpdatedAt: instant(row.shopifyUpdatedAt),
      processedAt: instant(row.processedAt),
      cancelledAt: instant(row.cancelledAt),
      test: Boolean(row.test),
      taxesIncluded: Boolean(row.taxesIncluded),
    })),
    lineItems,
    refunds: refunds.map((row) => ({ ...row, refundedAt: instant(row.refundedAt) })),
    customers: customers.map((row) => ({
      ...row,
      emailConsentUpdatedAt: instant(row.emailConsentUpdatedAt),
      shopifyCreatedAt: instant(row.shopifyCreatedAt),
      shopifyUpdatedAt: instant(row.shopifyUpdatedAt),
    })),
  };
}

const byGid = <T extends Record<string, unknown>>(key: keyof T) => (left: T, right: T) => String(left[key]).localeCompare(String(right[key]));

/**
 * What the app should hold for the simulated store: its orders created at or after `ordersSince`
 * (all of them when null), their line items and refunds, net revenue = paid total − refunds, and
 * every customer with the e-mail consent Shopify reports.
 */
export async function expectedShopRows(simulator: SimulatorClient, shop: string, ordersSince: Date | null) {
  const records = await simulator.shopRecords(shop);
  const orders: SimOrder[] = records.orders.filter((order) => ordersSince === null || Date.parse(order.createdAt) >= ordersSince.getTime());
  const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());
  return {
    orders: orders
      .map((order) => {
        const refundedMinor = order.refunds.reduce((sum, refund) => sum + refund.amount.shopMinor, 0);
        const netMinor = Math.min(order.total.shopMinor, Math.max(0, order.total.shopMinor - refundedMinor));
        return {
          orderGid: order.id,
          name: order.name,
          customerGid: order.customerId,
          placedAt: iso(order.createdAt),
          shopifyUpdatedAt: iso(order.updatedAt),
          processedAt: iso(order.processedAt),
          cancelledAt: iso(order.cancelledAt),
          test: order.test,
          financialStatus: order.financialStatus,
          currency: order.currencyCode,
          presentmentCurrency: order.presentmentCurrencyCode,
          totalMinor: order.total.shopMinor,
          presentmentTotalMinor: order.total.presentmentMinor,
          subtotalMinor: order.subtotal.shopMinor,
          discountMinor: order.totalDiscounts.shopMinor,
          taxMinor: order.totalTax.shopMinor,
          taxesIncluded: records.shop.taxesIncluded,
          refundedMinor: order.total.shopMinor - netMinor,
          netMinor,
        };
      })
      .sort(byGid("orderGid")),
    lineItems: orders
      .sort((left, right) => left.id.localeCompare(right.id))
      .flatMap((order) =>
        order.lineItems.map((line) => ({
          orderGid: order.id,
          lineItemGid: line.id,
          productGid: line.productId,
          variantGid: line.variantId,
          title: line.title,
          quantity: line.quantity,
          priceMinor: line.unitPrice.shopMinor,
          discountMinor: order.discountCodes.length === 0 ? 0 : line.discount.shopMinor,
        })),
      ),
    refunds: orders
      .flatMap((order) =>
        order.refunds.map((refund) => ({
          refundGid: refund.id,
          orderGid: order.id,
          refundedAt: iso(refund.createdAt),
          amountMinor: refund.amount.shopMinor,
          presentmentAmountMinor: refund.amount.presentmentMinor,
        })),
      )
      .sort(byGid("refundGid")),
    customers: records.customers
      .map((customer) => {
        const consent = customer.emailMarketingConsent;
        return {
          customerGid: customer.id,
          firstName: customer.firstName,
          lastName: customer.lastName,
          email: customer.email,
          emailMarketingState: customer.email === null ? null : consent.state.toLowerCase(),
          emailMarketingOptInLevel: customer.email === null || consent.consentUpdatedAt === null ? null : consent.optInLevel.toLowerCase(),
          emailConsentUpdatedAt: customer.email === null ? null : iso(consent.consentUpdatedAt),
          shopifyCreatedAt: iso(customer.createdAt),
          shopifyUpdatedAt: iso(customer.updatedAt),
          deletedAt: null,
        };
      })
      .sort(byGid("customerGid")),
  };
}

/** Net revenue of the orders that count toward shop totals, the figure Home and RFM build on. */
export function countedNetRevenue(orders: readonly Record<string, unknown>[]): number {
  return orders
    .filter((order) => order.cancelledAt === null && order.financialStatus !== "voided" && !order.test)
    .reduce((sum, order) => sum + Number(order.netMinor), 0);
}
