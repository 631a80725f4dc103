import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  adminGraphql,
  exchangeAccessToken,
  postJson,
  tokenExchangeBody,
  startTestSimulator,
  startWebhookReceiver,
  TEST_SHOP,
  type TestSimulator,
  type WebhookReceiver,
} from "./test-harness.ts";

const START_MS = Date.parse("2026-11-20T10:00:00Z");

describe("POST /shops/:shop/admin/api/:version/graphql.json", () => {
  let harness: TestSimulator;
  let receiver: WebhookReceiver;
  let nowMs = START_MS;
  let accessToken: string;
  const graphql = (query: string, variables: Record<string, unknown> = {}) => adminGraphql(harness.origin, TEST_SHOP, accessToken, query, variables);

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    harness = await startTestSimulator({ appUrl: receiver.url, now: () => new Date(nowMs) });
  });
  afterAll(async () => {
    await harness.simulator.close();
    await receiver.close();
  });
  beforeEach(async () => {
    nowMs = START_MS;
    await harness.client.reset();
    await harness.client.seedShop({ shop: TEST_SHOP, customers: 100, seed: 7, now: "2026-11-01T00:00:00Z" });
    accessToken = await exchangeAccessToken(harness, TEST_SHOP);
  });

  it("answers 401 with Shopify's error body without a token or with a token of another shop", async () => {
    await harness.client.seedShop({ shop: "other.myshopify.com" });
    const otherToken = await exchangeAccessToken(harness, "other.myshopify.com");
    for (const token of [null, "shpat_unknown", otherToken]) {
      expect(await adminGraphql(harness.origin, TEST_SHOP, token, "{ shop { name } }")).toEqual({
        status: 401,
        body: { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" },
      });
    }
  });

  it("answers 404 for an unknown shop", async () => {
    const response = await adminGraphql(harness.origin, "unknown.myshopify.com", accessToken, "{ shop { name } }");
    expect(response).toEqual({ status: 404, body: { errors: "Not Found" } });
  });

  it("pages customers with cursors and reports the cost of the page", async () => {
    const query = "query Page($after: String) { customers(first: 60, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }";
    const first = await graphql(query);
    const firstPage = first.body.data!.customers as { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    expect(firstPage.nodes).toHaveLength(60);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    expect(first.body.extensions!.cost).toEqual({
      requestedQueryCost: 62,
      actualQueryCost: 62,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1938, restoreRate: 100 },
    });
    const second = await graphql(query, { after: firstPage.pageInfo.endCursor });
    const secondPage = second.body.data!.customers as typeof firstPage;
    expect(secondPage.nodes).toHaveLength(40);
    expect(secondPage.pageInfo.hasNextPage).toBe(false);
    expect(second.body.extensions!.cost.actualQueryCost).toBe(42);
    expect(new Set([...firstPage.nodes, ...secondPage.nodes].map((node) => node.id)).size).toBe(100);
  });

  it("answers THROTTLED once the bucket is drained and serves the query again after the restore", async () => {
    await harness.client.setThrottle({ shop: TEST_SHOP, currentlyAvailable: 100 });
    const query = "{ customers(first: 100) { nodes { id } } }";
    const throttled = await graphql(query);
    expect(throttled.status).toBe(200);
    expect(throttled.body).toEqual({
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
      extensions: { cost: { requestedQueryCost: 102, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 100, restoreRate: 100 } } },
    });
    nowMs += 1000;
    const served = await graphql(query);
    expect(served.body.errors).toBeUndefined();
    expect(served.body.extensions!.cost.throttleStatus).toEqual({ maximumAvailable: 2000, currentlyAvailable: 98, restoreRate: 100 });
  });

  it("answers a call THROTTLED with the real cost extension when asked to fail it with THROTTLED", async () => {
    await harness.client.failNext({ shop: TEST_SHOP, graphqlError: "THROTTLED" });
    const throttled = await graphql("mutation { tagsAdd(id: \"gid://shopify/Customer/7000000001\", tags: [\"vip\"]) { userErrors { message } } }");
    expect(throttled.body).toEqual({
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
      extensions: { cost: { requestedQueryCost: 10, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 100 } } },
    });
    expect((await harness.client.calls(TEST_SHOP)).map((call) => call.outcome)).toEqual(["throttled"]);
    nowMs += 100;
    expect((await graphql("{ shop { name } }")).body.errors).toBeUndefined();
  });

  it("refuses a query over 1000 requested points with MAX_COST_EXCEEDED", async () => {
    const response = await graphql("{ orders(first: 250) { nodes { id lineItems(first: 10) { nodes { id } } } } }");
    const errors = response.body.errors as { message: string; extensions: Record<string, unknown> }[];
    expect(errors[0]!.message.startsWith("Query cost is 3252, which exceeds the single query max cost limit (1000).")).toBe(true);
    expect(errors[0]!.extensions).toMatchObject({ code: "MAX_COST_EXCEEDED", cost: 3252, maxCost: 1000 });
    expect(response.body.data).toBeUndefined();
  });

  it("writes metafields in the app's namespace and reads them back", async () => {
    const customerGid = "gid://shopify/Customer/7000000001";
    const set = await graphql(
      `mutation Set($metafields: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $metafields) { metafields { namespace key value } userErrors { field message code } } }`,
      { metafields: [{ ownerId: customerGid, namespace: "$app:kizuna", key: "rank", type: "single_line_text_field", value: "gold" }] },
    );
    expect(set.body.data).toEqual({
      metafieldsSet: { metafields: [{ namespace: "app--100000001--kizuna", key: "rank", value: "gold" }], userErrors: [] },
    });
    const read = await graphql(`{ customer(id: "${customerGid}") { metafield(namespace: "$app:kizuna", key: "rank") { value } } }`);
    expect(read.body.data).toEqual({ customer: { metafield: { value: "gold" } } });
  });

  it("refuses more than 25 metafields in one call with Shopify's userError", async () => {
    const metafields = Array.from({ length: 26 }, (_, index) => ({
      ownerId: "gid://shopify/Customer/7000000001",
      key: `key${index}`,
      type: "number_integer",
      value: String(index),
    }));
    const response = await graphql(
      `mutation Set($metafields: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $metafields) { metafields { id } userErrors { field message code elementIndex } } }`,
      { metafields },
    );
    expect(response.body.data).toEqual({
      metafieldsSet: {
        metafields: [],
        userErrors: [{ field: ["metafields"], message: "Exceeded the maximum metafields input limit of 25.", code: "LESS_THAN_OR_EQUAL_TO", elementIndex: null }],
      },
    });
  });

  it("creates metafield definitions in the app's namespace with the access asked for, lists them, and refuses a second one", async () => {
    const create = `mutation Create($definition: MetafieldDefinitionInput!) {
      metafieldDefinitionCreate(definition: $definition) { createdDefinition { namespace key access { admin storefront customerAccount } } userErrors { field message code } }
    }`;
    const rank = { name: "Kizuna rank", namespace: "$app:kizuna", key: "rank", type: "json", ownerType: "CUSTOMER", access: { admin: "MERCHANT_READ", storefront: "PUBLIC_READ" } };
    expect((await graphql(create, { definition: rank })).body.data).toEqual({
      metafieldDefinitionCreate: {
        createdDefinition: { namespace: "app--100000001--kizuna", key: "rank", access: { admin: "MERCHANT_READ", storefront: "PUBLIC_READ", customerAccount: "NONE" } },
        userErrors: [],
      },
    });
    // without an access setting an app-owned definition is readable by the merchant and nowhere else
    const { access: _access, ...privateDefinition } = { ...rank, key: "notes" };
    expect((await graphql(create, { definition: privateDefinition })).body.data).toMatchObject({
      metafieldDefinitionCreate: { createdDefinition: { access: { admin: "MERCHANT_READ", storefront: "NONE", customerAccount: "NONE" } } },
    });
    expect((await graphql(create, { definition: rank })).body.data).toEqual({
      metafieldDefinitionCreate: {
        createdDefinition: null,
        userErrors: [{ field: ["definition", "key"], message: "Key is in use for customer metafields on the 'app--100000001--kizuna' namespace.", code: "TAKEN" }],
      },
    });
    const merchantOwned = await graphql(create, { definition: { ...rank, namespace: "custom", type: "jsonish" } });
    expect(merchantOwned.body.data).toEqual({
      metafieldDefinitionCreate: {
        createdDefinition: null,
        userErrors: [
          { field: ["definition", "type"], message: "Type name is not included in the list", code: "INCLUSION" },
          { field: ["definition", "access", "admin"], message: "Admin access can only be specified for app-owned metafield definitions.", code: "ADMIN_ACCESS_INPUT_NOT_ALLOWED" },
        ],
      },
    });
    const listed = await graphql(`{ metafieldDefinitions(first: 10, ownerType: CUSTOMER, namespace: "$app:kizuna") { nodes { key type { name } access { storefront } } } }`);
    expect(listed.body.data).toEqual({
      metafieldDefinitions: { nodes: [{ key: "rank", type: { name: "json" }, access: { storefront: "PUBLIC_READ" } }, { key: "notes", type: { name: "json" }, access: { storefront: "NONE" } }] },
    });
    expect((await harness.client.shopRecords(TEST_SHOP)).metafieldDefinitions.map((definition) => [definition.key, definition.access.storefront])).toEqual([
      ["rank", "PUBLIC_READ"],
      ["notes", "NONE"],
    ]);
  });

  it("reports every bad element of a metafieldsSet with its elementIndex and writes nothing of the call", async () => {
    const customerGid = "gid://shopify/Customer/7000000001";
    const set = `mutation Set($metafields: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $metafields) { metafields { key } userErrors { field message code elementIndex } } }`;
    const good = { ownerId: customerGid, namespace: "$app:kizuna", key: "rank", type: "json", value: '{"key":"gold"}' };
    const response = await graphql(set, {
      metafields: [
        good,
        { ...good, ownerId: "gid://shopify/Customer/1", key: "segment" },
        { ...good, key: "progress", value: "{not json" },
        { ...good, key: "order_count", type: "number_integer", value: "3.5" },
      ],
    });
    expect(response.body.data).toEqual({
      metafieldsSet: {
        metafields: [],
        userErrors: [
          { field: ["metafields", "1", "ownerId"], message: "Owner does not exist.", code: "INVALID", elementIndex: 1 },
          { field: ["metafields", "2", "value"], message: "Value is invalid JSON.", code: "INVALID_VALUE", elementIndex: 2 },
          { field: ["metafields", "3", "value"], message: "Value must be an integer.", code: "INVALID_VALUE", elementIndex: 3 },
        ],
      },
    });
    const read = await graphql(`{ customer(id: "${customerGid}") { metafield(namespace: "$app:kizuna", key: "rank") { value } } }`);
    expect(read.body.data).toEqual({ customer: { metafield: null } });
    // the same call without the bad elements goes through, and compareDigest guards the next write
    const written = await graphql(`mutation Set($metafields: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $metafields) { metafields { compareDigest } userErrors { code elementIndex } } }`, {
      metafields: [good],
    });
    const digest = (written.body.data as { metafieldsSet: { metafields: { compareDigest: string }[] } }).metafieldsSet.metafields[0]!.compareDigest;
    const stale = await graphql(set, { metafields: [{ ...good, value: '{"key":"silver"}', compareDigest: null }] });
    expect(stale.body.data).toEqual({
      metafieldsSet: { metafields: [], userErrors: [{ field: ["metafields", "0"], message: "The resource has been updated since it was loaded.", code: "STALE_OBJECT", elementIndex: 0 }] },
    });
    const current = await graphql(set, { metafields: [{ ...good, value: '{"key":"silver"}', compareDigest: digest }] });
    expect(current.body.data).toEqual({ metafieldsSet: { metafields: [{ key: "rank" }], userErrors: [] } });
  });

  it("removes a tag through tagsRemove with a customers/update webhook, and sends none when nothing changes", async () => {
    const customerGid = "gid://shopify/Customer/7000000003";
    await graphql(`mutation { tagsAdd(id: "${customerGid}", tags: ["kizuna:rank:gold"]) { userErrors { message } } }`);
    await harness.client.flushDeliveries();
    const before = (await harness.client.webhooks(TEST_SHOP)).length;
    const removed = await graphql(`mutation { tagsRemove(id: "${customerGid}", tags: ["kizuna:rank:gold"]) { node { id } userErrors { message } } }`);
    expect(removed.body.data).toEqual({ tagsRemove: { node: { id: customerGid }, userErrors: [] } });
    await graphql(`mutation { tagsRemove(id: "${customerGid}", tags: ["kizuna:rank:gold"]) { userErrors { message } } }`);
    await harness.client.flushDeliveries();
    const after = (await harness.client.webhooks(TEST_SHOP)).slice(before);
    expect(after.map((delivery) => delivery.topic)).toEqual(["customers/update"]);
    const customer = (await harness.client.shopRecords(TEST_SHOP)).customers.find((candidate) => candidate.id === customerGid)!;
    expect(customer.tags).not.toContain("kizuna:rank:gold");
    const unknown = await graphql(`mutation { tagsAdd(id: "gid://shopify/Customer/1", tags: ["x"]) { node { id } userErrors { field message } } }`);
    expect(unknown.body.data).toEqual({ tagsAdd: { node: null, userErrors: [{ field: ["id"], message: "Resource does not exist: gid://shopify/Customer/1" }] } });
  });

  it("adds a customer tag through tagsAdd and delivers the customers/update webhook", async () => {
    const response = await graphql(`mutation { tagsAdd(id: "gid://shopify/Customer/7000000002", tags: ["kizuna-gold"]) { node { id } userErrors { message } } }`);
    expect(response.body.data).toEqual({ tagsAdd: { node: { id: "gid://shopify/Customer/7000000002" }, userErrors: [] } });
    await harness.client.flushDeliveries();
    const update = receiver.received.filter((webhook) => webhook.headers["x-shopify-topic"] === "customers/update").at(-1)!;
    expect(update.hmacValid).toBe(true);
    expect(JSON.parse(update.body).admin_graphql_api_id).toBe("gid://shopify/Customer/7000000002");
  });

  it("fails the next call as asked and records every call with its variables", async () => {
    await harness.client.failNext({ shop: TEST_SHOP, graphqlError: "INTERNAL_SERVER_ERROR" });
    const failed = await graphql("query Shop { shop { name } }");
    expect(failed.body).toEqual({
      errors: [{ message: "Internal error. Looks like something went wrong on our end.", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
    });
    await graphql("query Customers($first: Int) { customers(first: $first) { nodes { id } } }", { first: 1 });
    const calls = await harness.client.calls(TEST_SHOP);
    expect(calls.map(({ operationName, variables, outcome }) => ({ operationName, variables, outcome }))).toEqual([
      { operationName: "Shop", variables: {}, outcome: "injected-failure" },
      { operationName: "Customers", variables: { first: 1 }, outcome: "ok" },
    ]);
  });

  it("counts orders and customers as Count, exact up to the limit and AT_LEAST beyond it", async () => {
    const state = await harness.client.shopState(TEST_SHOP);
    const counted = await graphql(`{
      all: ordersCount(limit: null) { count precision }
      limited: ordersCount(limit: 10) { count precision }
      recent: ordersCount(query: "created_at:>='2026-10-01T00:00:00Z'") { count precision }
      customersCount { count precision }
      recentOrders: orders(first: 250, query: "created_at:>='2026-10-01T00:00:00Z'") { nodes { id } }
    }`);
    const data = counted.body.data as Record<string, { count: number; precision: string } & { nodes: unknown[] }>;
    expect(data.all).toEqual({ count: state.orders, precision: "EXACT" });
    expect(data.limited).toEqual({ count: 10, precision: "AT_LEAST" });
    expect(data.recent).toEqual({ count: data.recentOrders!.nodes.length, precision: "EXACT" });
    expect(data.recent!.count).toBeLessThan(state.orders);
    expect(data.customersCount).toEqual({ count: state.customers, precision: "EXACT" });
  });

  it("serves only the last 60 days of orders to an app the shop has not granted read_all_orders", async () => {
    // GIVEN the same generated history in a shop that withholds read_all_orders
    const limitedShop = "limited.myshopify.com";
    await harness.client.seedShop({ shop: limitedShop, customers: 100, seed: 7, now: "2026-11-01T00:00:00Z", withheldScopes: ["read_all_orders"] });
    const { status, body } = await postJson(`${harness.origin}/shops/${limitedShop}/admin/oauth/access_token`, tokenExchangeBody(await harness.client.sessionToken(limitedShop)));
    expect(status).toBe(200);
    expect(body.scope).toBe("read_orders,read_customers,write_customers");
    const limitedToken = String(body.access_token);
    const windowStart = new Date(START_MS - 60 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const query = `{
      currentAppInstallation { accessScopes { handle } }
      ordersCount(limit: null) { count }
      orders(first: 250, sortKey: CREATED_AT) { nodes { id createdAt } }
    }`;
    // WHEN it asks for its orders, and the full shop is asked the same
    const limited = (await adminGraphql(harness.origin, limitedShop, limitedToken, query)).body.data as {
      currentAppInstallation: { accessScopes: { handle: string }[] };
      ordersCount: { count: number };
      orders: { nodes: { id: string; createdAt: string }[] };
    };
    const full = (await graphql(query)).body.data as typeof limited;
    // THEN it sees exactly the full shop's orders created in the last 60 days
    expect(limited.currentAppInstallation.accessScopes.map((scope) => scope.handle)).not.toContain("read_all_orders");
    const recent = full.orders.nodes.filter((order) => order.createdAt >= windowStart);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(full.ordersCount.count);
    expect(limited.orders.nodes).toEqual(recent);
    expect(limited.ordersCount.count).toBe(recent.length);
    const oldOrderId = full.orders.nodes[0]!.id;
    const node = await adminGraphql(harness.origin, limitedShop, limitedToken, `{ node(id: "${oldOrderId}") { id } }`);
    expect(node.body.data).toEqual({ node: null });
  });

  it("prints an order's taxesIncluded and line discount allocations as its webhook payload does", async () => {
    const { result: withoutEmail } = await harness.client.runCommand(TEST_SHOP, "createCustomer", { firstName: "No", lastName: "Mail", email: null });
    const discounted = await graphql(`{ orders(first: 40) { nodes { id taxesIncluded discountCodes lineItems(first: 3) { nodes { product { id } totalDiscountSet { shopMoney { amount } } discountAllocations { allocatedAmountSet { shopMoney { amount } } } } } } } }`);
    type LineView = { product: { id: string } | null; totalDiscountSet: { shopMoney: { amount: string } }; discountAllocations: { allocatedAmountSet: { shopMoney: { amount: string } } }[] };
    const orders = (discounted.body.data as { orders: { nodes: { taxesIncluded: boolean; discountCodes: string[]; lineItems: { nodes: LineView[] } }[] } }).orders.nodes;
    expect(new Set(orders.map((order) => order.taxesIncluded))).toEqual(new Set([true]));
    const lines = orders.flatMap((order) => order.lineItems.nodes.map((line) => ({ line, hasCode: order.discountCodes.length > 0 })));
    const allocated = lines.filter(({ line }) => line.discountAllocations.length > 0);
    expect(allocated.length).toBeGreaterThan(0);
    for (const { line, hasCode } of lines) {
      const sum = line.discountAllocations.reduce((total, allocation) => total + Number(allocation.allocatedAmountSet.shopMoney.amount), 0);
      expect(sum).toBe(hasCode ? Number(line.totalDiscountSet.shopMoney.amount) : 0);
    }
    const customer = await graphql(`{ customer(id: "${withoutEmail.id}") { email emailMarketingConsent { marketingState } } }`);
    expect(customer.body.data).toEqual({ customer: { email: null, emailMarketingConsent: null } });
  });

  it("revokes the token on uninstall and still delivers app/uninstalled", async () => {
    await harness.client.runCommand(TEST_SHOP, "uninstallApp", {});
    expect((await graphql("{ shop { name } }")).status).toBe(401);
    await harness.client.flushDeliveries();
    const deliveries = await harness.client.webhooks(TEST_SHOP);
    expect(deliveries.map((delivery) => [delivery.topic, delivery.status])).toEqual([["app/uninstalled", "delivered"]]);
  });
});
