// A burst of 5,000 signed deliveries against the running app, as Shopify sends them on a busy day:
// concurrent, repeated (the same event 2–10 times, as retries of one delivery and as new deliveries)
// and out of order (updates before creates, refunds before their orders). The simulated shop's
// history is the oracle: after the queue drains, Kizuna must hold its final state exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@libsql/client";
import { randomUUID } from "node:crypto";
import { readAppConfig } from "../simulator/app-config.ts";
import { addCatalogue } from "../simulator/shop/catalogue.ts";
import {
  cancelOrder,
  createCustomer,
  deleteCustomer,
  markOrderPaid,
  placeOrder,
  refundOrder,
  updateCustomer,
  updateEmailMarketingConsent,
  updateOrder,
  type CommandResult,
} from "../simulator/shop/commands.ts";
import { unrefundedLinesOf } from "../simulator/shop/orders.ts";
import { createRandom, type Random } from "../simulator/shop/random.ts";
import { createShopState, refundedTotalOf, type ShopState, type SimCustomer, type SimOrder } from "../simulator/shop/state.ts";
import { toWebhook } from "../simulator/shop/to-payload.ts";
import { startApp, type RunningApp } from "../support/app.ts";
import { APP_TOML_PATH, openDatabase } from "../support/database.ts";
import { deliverWebhook } from "../support/webhooks.ts";

const SHOP = "burst.myshopify.com";
const DELIVERIES = 5000;
const CONCURRENT_CONNECTIONS = 32;
const SUBSCRIBED = new Set(readAppConfig(APP_TOML_PATH).subscriptions.map((subscription) => subscription.topic));

type ShopifyEvent = { eventId: string; topic: string; body: string; resourceGid: string };
type Delivery = ShopifyEvent & { webhookId: string };

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order or customer an event is about: refunds belong to their order, consent to its customer. */
function resourceOf(topic: string, payload: Record<string, unknown>): string {
  if (topic === "refunds/create") return `gid://shopify/Order/${String(payload.order_id)}`;
  if (topic === "customers_email_marketing_consent/update") return `gid://shopify/Customer/${String(payload.customer_id)}`;
  return String(payload.admin_graphql_api_id);
}

/**
 * Runs a year of a small shop through the simulator's commands: customers sign up, change their
 * name and consent or leave; orders are placed (some pending, some by guests), paid, edited,
 * refunded in part or in full and cancelled. Each webhook is built when its command runs, as
 * Shopify builds it, with its own event id.
 */
function simulateShop(random: Random): { state: ShopState; events: ShopifyEvent[]; consentChanged: Set<string> } {
  let clock = Date.parse("2026-01-05T00:00:00Z");
  const state = createShopState({ domain: SHOP, name: "Burst", currencyCode: "JPY", ianaTimezone: "Asia/Tokyo" }, new Date(clock));
  addCatalogue(state);
  const events: ShopifyEvent[] = [];
  const consentChanged = new Set<string>();
  const run = <Input, Result>(command: (state: ShopState, input: Input, now: Date) => CommandResult<Result>, input: Input): Result => {
    clock += random.integer(1, 600) * 60_000;
    const { events: shopEvents, result } = command(state, input, new Date(clock));
    for (const event of shopEvents) {
      const { topic, payload } = toWebhook(event, state);
      if (SUBSCRIBED.has(topic)) events.push({ eventId: randomUUID(), topic, body: JSON.stringify(payload), resourceGid: resourceOf(topic, payload) });
    }
    return result;
  };
  const customers: SimCustomer[] = [];
  const signUp = () => {
    const number = customers.length + 1;
    const customer = run(createCustomer, { firstName: `Hana${number}`, lastName: "Sato", email: `hana${number}@example.jp`, locale: "ja" });
    customers.push(customer);
    return customer;
  };
  for (let index = 0; index < 40; index += 1) signUp();
  const orders: SimOrder[] = [];
  const ordersWhere = (test: (order: SimOrder) => boolean) => orders.filter(test);
  for (let step = 0; step < 260; step += 1) {
    const action = random.pickWeighted(["order", "pay", "edit", "refund", "cancel", "rename", "consent", "leave"], [40, 6, 10, 10, 5, 5, 3, 1]);
    const paid = ordersWhere((order) => order.cancelledAt === null && (order.financialStatus === "paid" || order.financialStatus === "partially_refunded"));
    if (action === "order" || orders.length < 10) {
      const customer = random.chance(0.85) ? random.pick(customers) : null;
      const lines = Array.from({ length: random.integer(1, 3) }, () => ({ productId: random.pick(state.products).id, quantity: random.integer(1, 3) }));
      orders.push(run(placeOrder, { customerId: customer?.id ?? null, email: customer ? undefined : "guest@example.jp", lines, financialStatus: random.chance(0.2) ? "pending" : "paid" }));
    } else if (action === "pay") {
      const pending = ordersWhere((order) => order.cancelledAt === null && order.financialStatus === "pending");
      if (pending.length > 0) run(markOrderPaid, { orderId: random.pick(pending).id });
    } else if (action === "edit") {
      run(updateOrder, { orderId: random.pick(orders).id, tags: [`step-${step}`], note: `edited at step ${step}` });
    } else if (action === "refund" && paid.length > 0) {
      const order = random.pick(paid);
      const [line] = unrefundedLinesOf(order);
      run(refundOrder, { orderId: order.id, lines: random.chance(0.5) || line === undefined ? "all" : [{ lineItemId: line.lineItemId, quantity: 1 }] });
    } else if (action === "cancel") {
      const open = ordersWhere((order) => order.cancelledAt === null);
      if (open.length > 0) run(cancelOrder, { orderId: random.pick(open).id, reason: "customer", refund: random.chance(0.7) });
    } else if (action === "rename") {
      run(updateCustomer, { customerId: random.pick(customers).id, lastName: `Sato-${step}` });
    } else if (action === "consent") {
      const customer = random.pick(customers);
      run(updateEmailMarketingConsent, { customerId: customer.id, state: random.pick(["SUBSCRIBED", "UNSUBSCRIBED"] as const), optInLevel: "SINGLE_OPT_IN" });
      consentChanged.add(customer.id);
    } else if (action === "leave") {
      const leaving = signUp();
      customers.pop();
      run(deleteCustomer, { customerId: leaving.id });
    }
  }
  return { state, events, consentChanged };
}

/** Every event at least once and up to 10 times, DELIVERIES in all; a copy is a retry (same webhook id) or another delivery. */
function deliveriesOf(events: readonly ShopifyEvent[], random: Random): Delivery[] {
  const copies = events.map(() => 1);
  for (let extra = events.length; extra < DELIVERIES; ) {
    const index = random.integer(0, events.length - 1);
    if (copies[index]! >= 10) continue;
    copies[index]! += 1;
    extra += 1;
  }
  const deliveries = events.flatMap((event, index) => {
    const first = { ...event, webhookId: randomUUID() };
    return [first, ...Array.from({ length: copies[index]! - 1 }, () => ({ ...event, webhookId: random.chance(0.5) ? first.webhookId : randomUUID() }))];
  });
  for (let index = deliveries.length - 1; index > 0; index -= 1) {
    const other = random.integer(0, index);
    [deliveries[index], deliveries[other]] = [deliveries[other]!, deliveries[index]!];
  }
  return deliveries;
}

/** Whether, for some resource, a delivery of `first` comes before any delivery of `then`. */
function arrivesFirst(deliveries: readonly Delivery[], first: string, then: string): boolean {
  const firstIndex = (topic: string) => {
    const indexes = new Map<string, number>();
    deliveries.forEach((delivery, index) => {
      if (delivery.topic === topic && !indexes.has(delivery.resourceGid)) indexes.set(delivery.resourceGid, index);
    });
    return indexes;
  };
  const thenIndexes = firstIndex(then);
  return [...firstIndex(first)].some(([resource, index]) => index < (thenIndexes.get(resource) ?? -1));
}

async function sendAll(app: RunningApp, deliveries: readonly Delivery[]): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const connection = async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next++]!;
      const response = await deliverWebhook(app.origin, app.apiSecret, { topic: delivery.topic, shop: SHOP, body: delivery.body, eventId: delivery.eventId, webhookId: delivery.webhookId });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_CONNECTIONS }, connection));
  return statuses;
}

let app: RunningApp;
let db: Client;

async function query(sql: string, args: (string | number)[] = [SHOP]) {
  // The app commits from another process; a read that meets its commit is refused at once and asked again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return (await db.execute({ sql, args })).rows.map((row) => ({ ...row }));
    } catch (error) {
      if (attempt >= 20 || !String(error).includes("database is locked")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

async function waitForDrainedQueue(): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    // Due jobs only: ingestion starts the shop's analytics, whose daily recompute waits for midnight.
    const [busy] = await query("SELECT COUNT(*) AS n FROM Job WHERE shop = ? AND status IN ('pending', 'running') AND runAt <= ?", [SHOP, new Date().toISOString()]);
    if (Number(busy!.n) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the job queue did not drain within 90 s");
}

const instant = (value: unknown) => (value === null ? null : new Date(String(value)).toISOString());

beforeAll(async () => {
  app = await startApp();
  db = openDatabase(app.databaseUrl);
  await db.execute({
    sql: "INSERT INTO Shop (id, domain, name, currencyCode, ianaTimezone, grantedScopes, installedAt, updatedAt) VALUES ('shop-burst', ?, 'Burst', 'JPY', 'Asia/Tokyo', 'read_orders,read_customers', ?, ?)",
    args: [SHOP, Date.now(), Date.now()],
  });
});

afterAll(async () => {
  db?.close();
  await app?.close();
});

describe("a burst of webhooks", () => {
  it("ingests 5,000 concurrent, repeated and reordered deliveries: every order once, in its final state", { timeout: 150_000 }, async () => {
    // GIVEN a simulated shop's history as signed deliveries, repeated and shuffled
    const random = createRandom(20261126);
    const { state, events, consentChanged } = simulateShop(random);
    const deliveries = deliveriesOf(events, random);
    expect(deliveries).toHaveLength(DELIVERIES);
    expect(new Set(events.map((event) => event.topic))).toEqual(
      new Set(["customers/create", "customers/update", "customers/delete", "customers_email_marketing_consent/update", "orders/create", "orders/paid", "orders/updated", "orders/cancelled", "refunds/create"]),
    );
    expect(arrivesFirst(deliveries, "orders/updated", "orders/create")).toBe(true);
    expect(arrivesFirst(deliveries, "refunds/create", "orders/create")).toBe(true);

    // WHEN they arrive over 32 connections at once and the job queue drains
    const statuses = await sendAll(app, deliveries);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    await waitForDrainedQueue();

    // THEN the inbox holds each event once, and each has one job, done
    const inbox = await query("SELECT topic, eventKey FROM WebhookEvent WHERE shop = ? ORDER BY eventKey");
    expect(inbox).toEqual(events.map((event) => ({ topic: event.topic, eventKey: event.eventId })).sort((a, b) => byText(a.eventKey, b.eventKey)));
    expect(await query("SELECT name, status, COUNT(*) AS n FROM Job WHERE shop = ? AND name = 'ingestWebhookEvent' GROUP BY name, status")).toEqual([
      { name: "ingestWebhookEvent", status: "done", n: events.length },
    ]);

    // AND every order is stored once, as the shop last described it
    const simulated = [...state.orders.values()];
    const stored = await query(
      "SELECT orderGid, name, customerGid, financialStatus, cancelledAt, shopifyUpdatedAt, totalMinor, refundedMinor, netMinor, countsTowardShopTotals FROM \"Order\" WHERE shop = ? ORDER BY orderGid",
    );
    const expectedOrders = simulated.map((order) => {
      const refundedMinor = Math.min(order.total.shopMinor, refundedTotalOf(order).shopMinor);
      return {
        orderGid: order.id,
        name: order.name,
        customerGid: order.customerId,
        financialStatus: order.financialStatus,
        cancelledAt: order.cancelledAt,
        shopifyUpdatedAt: order.updatedAt,
        totalMinor: order.total.shopMinor,
        refundedMinor,
        netMinor: order.total.shopMinor - refundedMinor,
        countsTowardShopTotals: order.cancelledAt === null && order.financialStatus !== "voided" && !order.test ? 1 : 0,
      };
    });
    const asStored = (row: Record<string, unknown>) => ({
      ...row,
      cancelledAt: instant(row.cancelledAt),
      shopifyUpdatedAt: instant(row.shopifyUpdatedAt),
    });
    const sortByGid = <T extends { orderGid: string }>(rows: T[]) => [...rows].sort((a, b) => byText(a.orderGid, b.orderGid));
    expect(stored.map(asStored)).toEqual(
      sortByGid(expectedOrders).map((order) => ({ ...order, cancelledAt: instant(order.cancelledAt), shopifyUpdatedAt: instant(order.shopifyUpdatedAt) })),
    );
    expect(await query("SELECT orderGid, lineItemGid, quantity, priceMinor FROM OrderLineItem WHERE shop = ? ORDER BY orderGid, position")).toEqual(
      sortByGid(simulated.map((order) => ({ ...order, orderGid: order.id }))).flatMap((order) =>
        order.lineItems.map((line) => ({ orderGid: order.id, lineItemGid: line.id, quantity: line.quantity, priceMinor: line.unitPrice.shopMinor })),
      ),
    );
    expect(await query("SELECT refundGid, orderGid, amountMinor FROM Refund WHERE shop = ? ORDER BY refundGid")).toEqual(
      simulated
        .flatMap((order) => order.refunds.map((refund) => ({ refundGid: refund.id, orderGid: order.id, amountMinor: refund.amount.shopMinor })))
        .sort((a, b) => byText(a.refundGid, b.refundGid)),
    );

    // AND net revenue is the shop's: paid totals less refunds over the orders that count
    const [revenue] = await query('SELECT SUM(netMinor) AS net FROM "Order" WHERE shop = ? AND countsTowardShopTotals = 1');
    const expectedRevenue = expectedOrders.filter((order) => order.countsTowardShopTotals === 1).reduce((sum, order) => sum + order.netMinor, 0);
    expect(Number(revenue!.net)).toBe(expectedRevenue);

    // AND every customer as last described; those who left keep only their id
    const customers = await query(
      "SELECT customerGid, firstName, lastName, email, emailMarketingState, shopifyUpdatedAt, deletedAt IS NOT NULL AS deleted FROM Customer WHERE shop = ? ORDER BY customerGid",
    );
    const left = new Set(events.filter((event) => event.topic === "customers/delete").map((event) => event.resourceGid));
    const current = [...state.customers.values()].map((customer) => ({
      customerGid: customer.id,
      firstName: customer.firstName,
      lastName: customer.lastName,
      email: customer.email,
      emailMarketingState: consentChanged.has(customer.id) ? customer.emailMarketingConsent.state.toLowerCase() : null,
      shopifyUpdatedAt: instant(customer.updatedAt),
      deleted: 0,
    }));
    expect(customers.map((row) => ({ ...row, shopifyUpdatedAt: row.deleted ? null : instant(row.shopifyUpdatedAt) }))).toEqual(
      [
        ...current,
        ...[...left].map((customerGid) => ({ customerGid, firstName: null, lastName: null, email: null, emailMarketingState: null, shopifyUpdatedAt: null, deleted: 1 })),
      ].sort((a, b) => byText(a.customerGid, b.customerGid)),
    );
  });
});
