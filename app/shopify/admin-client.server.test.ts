// The Admin client of background work against the simulator (a real Shopify stand-in on loopback):
// token renewal, throttling, server errors and GraphQL errors as Shopify produces them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../../tests/simulator/server.ts";
import { SimulatorClient } from "../../tests/support/simulator.ts";
import type * as Database from "../db.server.ts";
import type * as AdminClient from "./admin-client.server.ts";

const SHOP = "admin-client.myshopify.com";
const SESSION_ID = `offline_${SHOP}`;

let simulator: Simulator;
let shopify: SimulatorClient;
// The client reads SHOPIFY_ADMIN_ORIGIN when it is first imported, which is after the simulator has a port.
let client: typeof AdminClient;
let prisma: typeof Database.prisma;

type IssuedToken = { access_token: string; refresh_token: string; expires_in: number; refresh_token_expires_in: number; scope: string };

async function issueToken(): Promise<IssuedToken> {
  const response = await fetch(`${simulator.origin}/shops/${SHOP}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      client_id: process.env.SHOPIFY_API_KEY,
      client_secret: process.env.SHOPIFY_API_SECRET,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: await shopify.sessionToken(SHOP),
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
      expiring: "1",
    }),
  });
  return (await response.json()) as IssuedToken;
}

/** Stores the offline session as PrismaSessionStorage would. */
async function storeSession(session: { accessToken: string; refreshToken: string | null; expires: Date | null }): Promise<void> {
  const data = { shop: SHOP, state: "", isOnline: false, scope: "read_orders", refreshTokenExpires: new Date(Date.now() + 86_400_000), ...session };
  await prisma.session.upsert({ where: { id: SESSION_ID }, create: { id: SESSION_ID, ...data }, update: data });
}

const ShopName = "query ShopName { shop { name } }";

beforeAll(async () => {
  simulator = await startSimulator({ apiKey: process.env.SHOPIFY_API_KEY!, apiSecret: process.env.SHOPIFY_API_SECRET!, appUrl: "http://127.0.0.1:9" });
  shopify = new SimulatorClient(simulator.origin);
  process.env.SHOPIFY_ADMIN_ORIGIN = simulator.origin;
  client = await import("./admin-client.server.ts");
  ({ prisma } = await import("../db.server.ts"));
});

afterAll(async () => {
  await simulator?.close();
});

beforeEach(async () => {
  await shopify.reset();
  await shopify.seedShop({ shop: SHOP, name: "Admin Client Goods" });
  const issued = await issueToken();
  await storeSession({ accessToken: issued.access_token, refreshToken: issued.refresh_token, expires: new Date(Date.now() + 3_600_000) });
});

async function failureOf(call: Promise<unknown>): Promise<InstanceType<typeof client.AdminApiError>> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(client.AdminApiError);
  return error as InstanceType<typeof client.AdminApiError>;
}

describe("adminGraphql", () => {
  it("answers with the data and the cost extension, sending the stored offline token", async () => {
    const { data, cost } = await client.adminGraphql<{ shop: { name: string } }>(SHOP, ShopName);
    expect(data).toEqual({ shop: { name: "Admin Client Goods" } });
    expect(cost).toMatchObject({ requestedQueryCost: 1, actualQueryCost: 1, throttleStatus: { maximumAvailable: 2000, restoreRate: 100 } });
    expect((await shopify.calls(SHOP)).map((call) => [call.operationName, call.outcome, call.apiVersion])).toEqual([["ShopName", "ok", "2026-10"]]);
  });

  it("renews a token that expires within five minutes and stores the rotated pair", async () => {
    const issued = await issueToken();
    await storeSession({ accessToken: issued.access_token, refreshToken: issued.refresh_token, expires: new Date(Date.now() + 60_000) });
    await client.adminGraphql(SHOP, ShopName);
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: SESSION_ID } });
    expect(stored.accessToken).not.toBe(issued.access_token);
    expect(stored.refreshToken).not.toBe(issued.refresh_token);
    expect(stored.expires!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(stored.scope).toBe(issued.scope);
  });

  it("renews once when Shopify refuses the token, and then says plainly that access is gone", async () => {
    const issued = await issueToken();
    await storeSession({ accessToken: "shpat_revoked", refreshToken: issued.refresh_token, expires: new Date(Date.now() + 3_600_000) });
    await client.adminGraphql(SHOP, ShopName);
    expect((await shopify.calls(SHOP)).map((call) => call.outcome)).toEqual(["unauthorized", "ok"]);

    await storeSession({ accessToken: "shpat_revoked", refreshToken: null, expires: null });
    const error = await failureOf(client.adminGraphql(SHOP, ShopName));
    expect(error).toMatchObject({ failure: "unauthorized", retryable: false });
    expect(error.message).toContain("open Kizuna from Shopify admin");
    expect(error.message).not.toContain("shpat_");
  });

  it("reports a shop without an offline session as such", async () => {
    await prisma.session.delete({ where: { id: SESSION_ID } });
    expect(await failureOf(client.adminGraphql(SHOP, ShopName))).toMatchObject({ failure: "no-session", retryable: false });
  });

  it("waits out THROTTLED until the bucket holds the query's cost, then answers", async () => {
    await shopify.setThrottle({ shop: SHOP, currentlyAvailable: 0, restoreRate: 2 });
    const { data } = await client.adminGraphql<{ shop: { name: string } }>(SHOP, "query Customers { shop { name } customers(first: 1) { nodes { id } } }");
    expect(data.shop.name).toBe("Admin Client Goods");
    expect((await shopify.calls(SHOP)).map((call) => call.outcome)).toEqual(["throttled", "ok"]);
  });

  it("gives up on THROTTLED after the allowed waits with an error a job may retry", async () => {
    await shopify.setThrottle({ shop: SHOP, currentlyAvailable: 0, restoreRate: 0 });
    expect(await failureOf(client.adminGraphql(SHOP, ShopName))).toMatchObject({ failure: "throttled", retryable: true, codes: ["THROTTLED"] });
  });

  it("retries a 5xx and a 429 (after its Retry-After), and stops after the allowed retries", async () => {
    await shopify.failNext({ shop: SHOP, status: 503 });
    await shopify.failNext({ shop: SHOP, status: 429 });
    await client.adminGraphql(SHOP, ShopName);
    expect((await shopify.calls(SHOP)).map((call) => call.outcome)).toEqual(["injected-failure", "injected-failure", "ok"]);

    await shopify.failNext({ shop: SHOP, status: 500, count: 3 });
    const error = await failureOf(client.adminGraphql(SHOP, ShopName, {}, { maxServerRetries: 2 }));
    expect(error).toMatchObject({ failure: "unavailable", retryable: true });
    expect(error.message).toContain("HTTP 500 3 times");
  });

  it("refuses for good on a status retrying cannot fix", async () => {
    await shopify.failNext({ shop: SHOP, status: 402 });
    expect(await failureOf(client.adminGraphql(SHOP, ShopName))).toMatchObject({ failure: "refused", retryable: false });
  });

  it("surfaces GraphQL errors with their codes, retryable only for Shopify's internal errors", async () => {
    const invalid = await failureOf(client.adminGraphql(SHOP, "query Bad { shop { shoeSize } }"));
    expect(invalid).toMatchObject({ failure: "graphql", retryable: false });
    expect(invalid.message).toContain('Cannot query field "shoeSize" on type "Shop"');
    await shopify.failNext({ shop: SHOP, graphqlError: "INTERNAL_SERVER_ERROR" });
    expect(await failureOf(client.adminGraphql(SHOP, ShopName))).toMatchObject({ failure: "graphql", retryable: true, codes: ["INTERNAL_SERVER_ERROR"] });
  });
});

describe("requireNoUserErrors", () => {
  it("turns a mutation's userErrors into an error naming the fields and codes", async () => {
    const { data } = await client.adminGraphql<{ bulkOperationRunQuery: { userErrors: { field: string[] | null; message: string; code: string | null }[] } }>(
      SHOP,
      "mutation Run($query: String!) { bulkOperationRunQuery(query: $query) { userErrors { field message code } } }",
      { query: "{ shop { name } }" },
    );
    let thrown: unknown = null;
    try {
      client.requireNoUserErrors("bulkOperationRunQuery", data.bulkOperationRunQuery.userErrors);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      failure: "user-errors",
      retryable: false,
      codes: ["INVALID"],
      message: "bulkOperationRunQuery refused: query: Bulk queries must contain exactly one top-level connection field. [INVALID]",
    });
    expect(() => client.requireNoUserErrors("bulkOperationRunQuery", [])).not.toThrow();
  });
});
