import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planBulkQuery } from "./bulk.ts";
import {
  adminGraphql,
  exchangeAccessToken,
  startTestSimulator,
  startWebhookReceiver,
  TEST_SHOP,
  type TestSimulator,
  type WebhookReceiver,
} from "../test-harness.ts";

describe("planBulkQuery", () => {
  it("accepts one top-level connection with a nested connection under a node that selects id", () => {
    expect(planBulkQuery("{ orders { edges { node { id lineItems { edges { node { id } } } } } } }").ok).toBe(true);
  });

  it.each([
    ["no connection at the top", "{ shop { name } }", "Bulk queries must contain exactly one top-level connection field."],
    ["two top-level fields", "{ customers { nodes { id } } orders { nodes { id } } }", "Bulk queries must contain exactly one top-level connection field."],
    ["the top-level node field", '{ node(id: "gid://shopify/Order/1") { id } }', "Bulk queries cannot use the top-level 'node' or 'nodes' fields."],
    [
      "connections nested three deep",
      "{ customers { nodes { id orders { nodes { id lineItems { nodes { id } } } } } } }",
      "Bulk queries cannot contain connections with a nesting depth greater than 2.",
    ],
    [
      "a nested connection whose parent lacks id",
      "{ orders { nodes { name lineItems { nodes { id } } } } }",
      "The parent 'node' field for a nested connection must select the 'id' field without an alias. Connection field without 'id': lineItems.",
    ],
    ["a field the schema lacks", "{ customers { nodes { id shoeSize } } }", 'Invalid bulk query: Cannot query field "shoeSize" on type "Customer".'],
  ])("rejects %s", (_label, query, message) => {
    expect(planBulkQuery(query)).toEqual({ ok: false, messages: [message] });
  });
});

describe("bulk query operations", () => {
  let harness: TestSimulator;
  let receiver: WebhookReceiver;
  let accessToken: string;
  let largeShopToken: string;
  const LARGE_SHOP = "kizuna-bulk-large.myshopify.com";
  const runQuery = `mutation Run($query: String!) { bulkOperationRunQuery(query: $query) { bulkOperation { id status } userErrors { field message code } } }`;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    harness = await startTestSimulator({ appUrl: receiver.url });
    await harness.client.seedShop({ shop: TEST_SHOP, customers: 100, seed: 11, now: "2026-11-01T00:00:00Z" });
    accessToken = await exchangeAccessToken(harness, TEST_SHOP);
    await harness.client.seedShop({ shop: LARGE_SHOP, customers: 1500, seed: 12, now: "2026-11-01T00:00:00Z" });
    largeShopToken = await exchangeAccessToken(harness, LARGE_SHOP);
  });
  afterAll(async () => {
    await harness.simulator.close();
    await receiver.close();
  });

  it("runs an orders query to COMPLETED, serves JSONL with __parentId lines and sends a signed bulk_operations/finish", async () => {
    const query = "{ orders { edges { node { id name lineItems { edges { node { id quantity } } } } } } }";
    const started = await adminGraphql(harness.origin, TEST_SHOP, accessToken, runQuery, { query });
    const { bulkOperation, userErrors } = (started.body.data as { bulkOperationRunQuery: { bulkOperation: { id: string; status: string }; userErrors: unknown[] } })
      .bulkOperationRunQuery;
    expect(userErrors).toEqual([]);
    expect(bulkOperation.status).toBe("RUNNING");

    await harness.client.flushDeliveries();
    const polled = await adminGraphql(
      harness.origin,
      TEST_SHOP,
      accessToken,
      `{ node(id: "${bulkOperation.id}") { ... on BulkOperation { status errorCode objectCount rootObjectCount fileSize url partialDataUrl } } }`,
    );
    const finished = (polled.body.data as { node: Record<string, string | null> }).node;
    expect(finished).toMatchObject({ status: "COMPLETED", errorCode: null, partialDataUrl: null });

    const download = await fetch(finished.url!);
    expect(download.headers.get("content-type")).toBe("application/jsonl");
    const text = await download.text();
    expect(String(Buffer.byteLength(text))).toBe(finished.fileSize);
    const lines = text.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(String(lines.length)).toBe(finished.objectCount);
    const orderLines = lines.filter((line) => !("__parentId" in line));
    expect(String(orderLines.length)).toBe(finished.rootObjectCount);
    expect(Object.keys(orderLines[0]!).sort()).toEqual(["id", "name"]);
    const seenOrderIds = new Set<unknown>();
    for (const line of lines) {
      if ("__parentId" in line) {
        expect(seenOrderIds.has(line.__parentId)).toBe(true);
        expect(Object.keys(line).sort()).toEqual(["__parentId", "id", "quantity"]);
      } else seenOrderIds.add(line.id);
    }

    const finish = receiver.received.find((webhook) => webhook.headers["x-shopify-topic"] === "bulk_operations/finish")!;
    expect(finish.hmacValid).toBe(true);
    expect(finish.headers["x-shopify-shop-domain"]).toBe(TEST_SHOP);
    expect(finish.headers["x-shopify-api-version"]).toBe("2026-10");
    expect(JSON.parse(finish.body)).toMatchObject({ admin_graphql_api_id: bulkOperation.id, error_code: null, status: "completed", type: "query" });
  });

  type Operation = { id: string; status: string; objectCount: string; rootObjectCount: string; url: string | null };

  async function runBulkQuery(shop: string, token: string, query: string, groupObjects: boolean): Promise<Operation> {
    const started = await adminGraphql(harness.origin, shop, token, groupedRunQuery, { query, groupObjects });
    return (started.body.data as { bulkOperationRunQuery: { bulkOperation: Operation } }).bulkOperationRunQuery.bulkOperation;
  }

  async function readOperation(shop: string, token: string, id: string): Promise<Operation> {
    const polled = await adminGraphql(harness.origin, shop, token, `{ node(id: "${id}") { ... on BulkOperation { id status objectCount rootObjectCount url } } }`);
    return (polled.body.data as { node: Operation }).node;
  }

  async function downloadLines(url: string): Promise<Record<string, unknown>[]> {
    const text = await (await fetch(url)).text();
    return text.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  const groupedRunQuery = `mutation Run($query: String!, $groupObjects: Boolean!) {
    bulkOperationRunQuery(query: $query, groupObjects: $groupObjects) { bulkOperation { id status objectCount rootObjectCount url } userErrors { message } }
  }`;
  const ordersWithLines = "{ orders { edges { node { id lineItems { edges { node { id } } } } } } }";

  it("keeps children next to their parent when grouped, and only after it when not (groupObjects: false)", async () => {
    // GIVEN a shop with more than one chunk (500) of orders
    const lineSets: Record<string, Record<string, unknown>[]> = {};
    for (const groupObjects of [true, false]) {
      const operation = await runBulkQuery(LARGE_SHOP, largeShopToken, ordersWithLines, groupObjects);
      await harness.client.flushDeliveries();
      lineSets[String(groupObjects)] = await downloadLines((await readOperation(LARGE_SHOP, largeShopToken, operation.id)).url!);
    }
    // THEN both files hold the same lines, every child after its parent
    const grouped = lineSets.true!;
    const ungrouped = lineSets.false!;
    expect(grouped.length).toBeGreaterThan(1000);
    expect([...ungrouped].map((line) => JSON.stringify(line)).sort()).toEqual([...grouped].map((line) => JSON.stringify(line)).sort());
    const parentsOf = (lines: Record<string, unknown>[]) => {
      const seen = new Set<unknown>();
      let lastRootId: unknown = null;
      let nonAdjacentChildren = 0;
      for (const line of lines) {
        if (!("__parentId" in line)) {
          seen.add(line.id);
          lastRootId = line.id;
          continue;
        }
        expect(seen.has(line.__parentId)).toBe(true);
        if (line.__parentId !== lastRootId) nonAdjacentChildren += 1;
      }
      return nonAdjacentChildren;
    };
    expect(parentsOf(grouped)).toBe(0);
    expect(parentsOf(ungrouped)).toBeGreaterThan(500);
  });

  it("reports objectCount growing while the operation is RUNNING", async () => {
    const operation = await runBulkQuery(LARGE_SHOP, largeShopToken, ordersWithLines, false);
    const seenWhileRunning: number[] = [];
    let current = operation;
    while (current.status === "RUNNING") {
      seenWhileRunning.push(Number(current.objectCount));
      current = await readOperation(LARGE_SHOP, largeShopToken, operation.id);
    }
    expect(current.status).toBe("COMPLETED");
    expect(seenWhileRunning.some((count) => count > 0 && count < Number(current.objectCount))).toBe(true);
    expect(seenWhileRunning).toEqual([...seenWhileRunning].sort((a, b) => a - b));
  });

  it("serves a byte range of the file, as Google Cloud Storage does", async () => {
    const operation = await runBulkQuery(TEST_SHOP, accessToken, "{ customers { edges { node { id email } } } }", false);
    await harness.client.flushDeliveries();
    const { url } = await readOperation(TEST_SHOP, accessToken, operation.id);
    const whole = Buffer.from(await (await fetch(url!)).arrayBuffer());
    const partial = await fetch(url!, { headers: { Range: "bytes=100-" } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe(`bytes 100-${whole.length - 1}/${whole.length}`);
    expect(Buffer.from(await partial.arrayBuffer()).equals(whole.subarray(100))).toBe(true);
    const bounded = await fetch(url!, { headers: { Range: "bytes=0-9" } });
    expect(Buffer.from(await bounded.arrayBuffer()).equals(whole.subarray(0, 10))).toBe(true);
    const beyond = await fetch(url!, { headers: { Range: `bytes=${whole.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${whole.length}`);
  });

  it("keeps held operations RUNNING, refuses a sixth with LIMIT_REACHED, and cancels one on request", async () => {
    await harness.client.holdBulkOperations(TEST_SHOP, true);
    const query = "{ customers { edges { node { id } } } }";
    const operations = [];
    for (let index = 0; index < 5; index += 1) operations.push(await runBulkQuery(TEST_SHOP, accessToken, query, false));
    const sixth = await adminGraphql(harness.origin, TEST_SHOP, accessToken, groupedRunQuery, { query, groupObjects: false });
    expect((sixth.body.data as { bulkOperationRunQuery: unknown }).bulkOperationRunQuery).toEqual({
      bulkOperation: null,
      userErrors: [{ message: "A maximum of 5 bulk operations can run at the same time." }],
    });
    expect((await readOperation(TEST_SHOP, accessToken, operations[0]!.id)).status).toBe("RUNNING");
    const cancel = await adminGraphql(harness.origin, TEST_SHOP, accessToken, `mutation { bulkOperationCancel(id: "${operations[4]!.id}") { bulkOperation { status } } }`);
    expect(cancel.body.data).toEqual({ bulkOperationCancel: { bulkOperation: { status: "CANCELING" } } });
    await expect(harness.client.flushDeliveries()).rejects.toThrow(/409/);

    await harness.client.holdBulkOperations(TEST_SHOP, false);
    await harness.client.flushDeliveries();
    const finished = await Promise.all(operations.map((operation) => readOperation(TEST_SHOP, accessToken, operation.id)));
    expect(finished.map((operation) => operation.status)).toEqual(["COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "CANCELED"]);
  });

  it("returns Shopify's userError for an invalid bulk query", async () => {
    const response = await adminGraphql(harness.origin, TEST_SHOP, accessToken, runQuery, { query: "{ shop { name } }" });
    expect(response.body.data).toEqual({
      bulkOperationRunQuery: {
        bulkOperation: null,
        userErrors: [{ field: ["query"], message: "Bulk queries must contain exactly one top-level connection field.", code: "INVALID" }],
      },
    });
  });
});
