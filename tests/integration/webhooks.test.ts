import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@libsql/client";
import { startApp, type RunningApp } from "../support/app.ts";
import { readAppConfig } from "../simulator/app-config.ts";
import { APP_TOML_PATH, openDatabase } from "../support/database.ts";
import { deliverWebhook } from "../support/webhooks.ts";

const SHOP = "webhook-test.myshopify.com";
const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, "../../../shared/fixtures/shopify-webhooks", name), "utf8");

let app: RunningApp;
let db: Client;

async function countEvents(shop: string, topic?: string): Promise<number> {
  const result = topic
    ? await db.execute({ sql: "SELECT COUNT(*) AS n FROM WebhookEvent WHERE shop = ? AND topic = ?", args: [shop, topic] })
    : await db.execute({ sql: "SELECT COUNT(*) AS n FROM WebhookEvent WHERE shop = ?", args: [shop] });
  return Number(result.rows[0]!.n);
}

async function installShop(shop: string): Promise<void> {
  await db.execute({
    sql: "INSERT INTO Shop (id, domain, name, currencyCode, ianaTimezone, grantedScopes, installedAt, updatedAt) VALUES (?, ?, 'Test', 'JPY', 'Asia/Tokyo', 'read_orders', ?, ?)",
    args: [`shop-${shop}`, shop, Date.now(), Date.now()],
  });
  await db.execute({
    sql: "INSERT INTO Session (id, shop, state, isOnline, scope, accessToken) VALUES (?, ?, '', 0, 'read_orders', 'shpat_test')",
    args: [`offline_${shop}`, shop],
  });
}

beforeAll(async () => {
  app = await startApp();
  db = openDatabase(app.databaseUrl);
  await installShop(SHOP);
});

afterAll(async () => {
  db?.close();
  await app?.close();
});

describe("POST /webhooks", () => {
  it("answers 200 to every topic shopify.app.toml subscribes to", async () => {
    // A shop of its own: app/uninstalled is among the topics.
    const shop = "every-topic.myshopify.com";
    await installShop(shop);
    const { subscriptions } = readAppConfig(APP_TOML_PATH);
    expect(subscriptions.length).toBeGreaterThanOrEqual(15);
    for (const { topic, uri } of subscriptions) {
      const response = await deliverWebhook(app.origin, app.apiSecret, { topic, shop, body: '{"id":1}' }, uri);
      expect(response.status, topic).toBe(200);
    }
  });

  it("records a delivery once however often Shopify repeats the same event", async () => {
    const body = fixture("orders-create.docs-example.2026-04.json");
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await deliverWebhook(app.origin, app.apiSecret, { topic: "orders/create", shop: SHOP, body, eventId: "event-dup-1" });
      expect(response.status).toBe(200);
    }
    const stored = await db.execute({ sql: "SELECT payload FROM WebhookEvent WHERE eventKey = 'event-dup-1'", args: [] });
    expect(stored.rows).toHaveLength(1);
    // The raw body is kept byte for byte, so ids above 2^53 survive.
    expect(stored.rows[0]!.payload).toBe(body);
  });

  it("answers 401 and stores nothing when the HMAC was made with another secret", async () => {
    const before = await countEvents(SHOP);
    const response = await deliverWebhook(app.origin, "not-the-app-secret", { topic: "orders/create", shop: SHOP, body: "{}" });
    expect(response.status).toBe(401);
    expect(await countEvents(SHOP)).toBe(before);
  });

  it("answers 400 when a required Shopify header is missing", async () => {
    const response = await fetch(`${app.origin}/webhooks`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Topic": "orders/create" },
      body: "{}",
    });
    expect(response.status).toBe(400);
  });

  it("answers 400 and stores nothing for a correctly signed body that is not JSON", async () => {
    const before = await countEvents(SHOP);
    const response = await deliverWebhook(app.origin, app.apiSecret, { topic: "orders/create", shop: SHOP, body: '{"id": 1,' });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("Malformed JSON body");
    expect(await countEvents(SHOP)).toBe(before);
  });

  it("answers 413 without reading a body over the size limit", async () => {
    const body = JSON.stringify({ note: "x".repeat(6 * 1024 * 1024) });
    const response = await deliverWebhook(app.origin, app.apiSecret, { topic: "orders/create", shop: SHOP, body });
    expect(response.status).toBe(413);
  });

  it("acknowledges a shop that never installed Kizuna without storing its event", async () => {
    const stranger = "never-installed.myshopify.com";
    const response = await deliverWebhook(app.origin, app.apiSecret, { topic: "orders/create", shop: stranger, body: "{}" });
    expect(response.status).toBe(200);
    expect(await countEvents(stranger)).toBe(0);
    expect(app.output()).toContain("webhook for unknown or uninstalled shop ignored");
  });

  it("removes the shop's sessions on app/uninstalled and ignores its later orders, but still takes shop/redact", async () => {
    const shop = "leaving.myshopify.com";
    await installShop(shop);
    const uninstalled = await deliverWebhook(app.origin, app.apiSecret, {
      topic: "app/uninstalled",
      shop,
      body: fixture("app-uninstalled.docs-example.2026-04.json"),
    });
    expect(uninstalled.status).toBe(200);
    const sessions = await db.execute({ sql: "SELECT COUNT(*) AS n FROM Session WHERE shop = ?", args: [shop] });
    expect(Number(sessions.rows[0]!.n)).toBe(0);

    await deliverWebhook(app.origin, app.apiSecret, { topic: "orders/create", shop, body: "{}" });
    expect(await countEvents(shop, "orders/create")).toBe(0);

    // shop/redact is taken and its job erases the shop (tests/integration/ingestion.test.ts covers the tables).
    const redact = await deliverWebhook(app.origin, app.apiSecret, { topic: "shop/redact", shop, body: fixture("shop-redact.docs-example.2026-04.json") });
    expect(redact.status).toBe(200);
    const jobs = await db.execute({ sql: "SELECT COUNT(*) AS n FROM Job WHERE shop = ? AND name = 'ingestWebhookEvent'", args: [shop] });
    expect(Number(jobs.rows[0]!.n)).toBeGreaterThanOrEqual(1);
  });

  it("updates the granted scopes on app/scopes_update", async () => {
    const body = JSON.stringify({ id: 1, previous: ["read_orders"], current: ["read_orders", "read_all_orders"], updated_at: "2026-11-26T00:00:00Z" });
    const response = await deliverWebhook(app.origin, app.apiSecret, { topic: "app/scopes_update", shop: SHOP, body });
    expect(response.status).toBe(200);
    const session = await db.execute({ sql: "SELECT scope FROM Session WHERE id = ?", args: [`offline_${SHOP}`] });
    expect(session.rows[0]!.scope).toBe("read_orders,read_all_orders");
  });
});

describe("GET /healthz", () => {
  it("answers 200 with JSON naming the Admin API version that shopify.app.toml pins", async () => {
    const response = await fetch(`${app.origin}/healthz`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as { ok: boolean; database: string; apiVersion: string };
    expect(health).toMatchObject({ ok: true, database: "up", apiVersion: readAppConfig(APP_TOML_PATH).apiVersion });
  });
});
