// The simulator's HTTP shell (style.md §7.6.1): node:http serving what the app would send to
// https://<shop>/… under /shops/<shop>/… (token exchange, Admin GraphQL), bulk JSONL files, the
// App Bridge stand-in and the /__simulator control API. All state lives in memory, per process.
import { createReadStream, existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readAppConfig, type AppConfig } from "./app-config.ts";
import { TokenRegistry } from "./auth.ts";
import { BulkRunner } from "./admin/bulk.ts";
import { CostBucket } from "./admin/cost.ts";
import { answerGraphqlRequest, readOperationName, type GraphqlOutcome } from "./admin/execute.ts";
import { createRootValue, type AdminContext, type MetafieldDefinitionRecord } from "./admin/resolvers.ts";
import { handleControlRequest } from "./control.ts";
import { Outbox } from "./delivery/outbox.ts";
import type { ShopEvent } from "./shop/events.ts";
import type { ShopState } from "./shop/state.ts";
import { toWebhook } from "./shop/to-payload.ts";

const DEFAULT_APP_TOML = fileURLToPath(new URL("../../shopify.app.toml", import.meta.url));
const APP_BRIDGE_SCRIPT = fileURLToPath(new URL("./cdn/app-bridge.js", import.meta.url));
/** Shopify's numeric id of the app; it shows in resolved `$app` namespaces as `app--<id>--…`. */
const SIMULATED_APP_ID = 100000001;
const INVALID_TOKEN_MESSAGE = "[API] Invalid API key or access token (unrecognized login or wrong password)";
/** Topics Shopify sends to a shop that has uninstalled the app. */
const TOPICS_AFTER_UNINSTALL = new Set(["app/uninstalled", "customers/data_request", "customers/redact", "shop/redact"]);

/** Leaky-bucket sizes per Shopify plan: restore rate per second, bucket 20 times that (shopify-platform.md §9.1). */
export const PLAN_LIMITS = {
  standard: { restoreRate: 100, planName: "basic", planDisplayName: "Basic" },
  advanced: { restoreRate: 200, planName: "advanced", planDisplayName: "Advanced" },
  plus: { restoreRate: 1000, planName: "shopify_plus", planDisplayName: "Shopify Plus" },
  enterprise: { restoreRate: 2000, planName: "enterprise", planDisplayName: "Commerce Components" },
} as const;

export type ShopPlan = keyof typeof PLAN_LIMITS;

export type SimulatorOptions = {
  port?: number;
  host?: string;
  apiKey: string;
  apiSecret: string;
  /** The app's origin; webhooks go to appUrl + the subscription's uri. */
  appUrl: string;
  appTomlPath?: string;
  /** The simulator's clock (token expiry, cost bucket, timestamps); tests pass their own. */
  now?: () => Date;
  webhookRetryDelaysMs?: readonly number[];
  webhookTimeoutMs?: number;
};

export type Simulator = { origin: string; close(): Promise<void> };

export type InjectedFailure = { status: number } | { graphqlError: string; message: string };

export type SimulatedShop = {
  state: ShopState;
  /** The app has done a token exchange for this shop, so Shopify knows it as installed and sends webhooks. */
  authorized: boolean;
  bucket: CostBucket;
  /** What the app's tokens for this shop grant: the TOML's scopes less any the shop withholds. */
  accessScopes: string[];
  metafieldDefinitions: MetafieldDefinitionRecord[];
  failures: InjectedFailure[];
};

export type CallRecord = {
  shop: string;
  apiVersion: string;
  operationName: string | null;
  query: string;
  variables: Record<string, unknown>;
  outcome: GraphqlOutcome | "unauthorized" | "injected-failure";
  at: string;
};

/** Everything the simulator holds; the HTTP routes and the control API both work on it. */
export class SimulatorWorld {
  readonly options: SimulatorOptions;
  readonly config: AppConfig;
  readonly shops = new Map<string, SimulatedShop>();
  readonly tokens = new TokenRegistry();
  readonly calls: CallRecord[] = [];
  readonly outbox: Outbox;
  readonly bulk: BulkRunner;
  origin = "";

  constructor(options: SimulatorOptions) {
    this.options = options;
    this.config = readAppConfig(options.appTomlPath ?? DEFAULT_APP_TOML);
    this.outbox = new Outbox({
      appUrl: options.appUrl,
      apiSecret: options.apiSecret,
      apiVersion: this.config.apiVersion,
      subscriptions: this.config.subscriptions,
      ...(options.webhookRetryDelaysMs ? { retryDelaysMs: options.webhookRetryDelaysMs } : {}),
      ...(options.webhookTimeoutMs ? { timeoutMs: options.webhookTimeoutMs } : {}),
      now: () => this.now(),
    });
    this.bulk = new BulkRunner({
      directory: mkdtempSync(join(tmpdir(), "kizuna-simulator-bulk-")),
      origin: () => this.origin,
      now: () => this.now(),
      emit: (shop, events) => this.emit(shop, events),
    });
  }

  now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  addShop(
    state: ShopState,
    { plan = "standard", authorized = false, withheldScopes = [] }: { plan?: ShopPlan; authorized?: boolean; withheldScopes?: readonly string[] } = {},
  ): SimulatedShop {
    const limits = PLAN_LIMITS[plan];
    state.shop.planName = limits.planName;
    state.shop.planDisplayName = limits.planDisplayName;
    const shop: SimulatedShop = {
      state,
      authorized,
      bucket: new CostBucket({ maximumAvailable: limits.restoreRate * 20, restoreRate: limits.restoreRate }, this.now()),
      accessScopes: this.config.accessScopes.filter((scope) => !withheldScopes.includes(scope)),
      metafieldDefinitions: [],
      failures: [],
    };
    this.shops.set(state.shop.domain, shop);
    return shop;
  }

  /** Turns a write's events into webhooks for the topics the app subscribes to. */
  emit(domain: string, events: readonly ShopEvent[]): void {
    const shop = this.shops.get(domain);
    if (!shop || !shop.authorized) return;
    const webhooks = events
      .map((event) => ({ ...toWebhook(event, shop.state), triggeredAt: event.occurredAt }))
      .filter((webhook) => shop.state.shop.appInstalled || TOPICS_AFTER_UNINSTALL.has(webhook.topic));
    this.outbox.enqueue(webhooks.map((webhook) => ({ shop: domain, topic: webhook.topic, payload: webhook.payload, triggeredAt: webhook.triggeredAt })));
  }

  adminContext(shop: SimulatedShop, unbounded: boolean): AdminContext {
    const domain = shop.state.shop.domain;
    const context: AdminContext = {
      unbounded,
      state: shop.state,
      appId: SIMULATED_APP_ID,
      accessScopes: shop.accessScopes,
      metafieldDefinitions: shop.metafieldDefinitions,
      now: this.now(),
      emit: (events) => this.emit(domain, events),
      startBulkQuery: (query, groupObjects) =>
        this.bulk.start({ shop: domain, state: shop.state, query, groupObjects, rootValue: createRootValue(this.adminContext(shop, true)) }),
      cancelBulkOperation: (id) => this.bulk.cancel(shop.state, id),
    };
    return context;
  }

  async reset(): Promise<void> {
    await this.bulk.clear();
    this.shops.clear();
    this.tokens.clear();
    this.calls.length = 0;
    this.outbox.reset();
  }

  async close(): Promise<void> {
    this.outbox.close();
    await this.bulk.clear();
    this.bulk.dispose();
  }
}

export type JsonResponse = { status: number; body: unknown; headers?: Record<string, string> };

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type, Authorization, X-Shopify-Access-Token",
};

function sendJson(response: ServerResponse, { status, body, headers }: JsonResponse): void {
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...CORS_HEADERS, ...headers });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const ACCESS_TOKEN_PATH = /^\/shops\/([^/]+)\/admin\/oauth\/access_token\/?$/;
const GRAPHQL_PATH = /^\/shops\/([^/]+)\/admin\/api\/([^/]+)\/graphql\.json$/;
const BULK_FILE_PATH = /^\/bulk\/([^/]+)\/(\d+)\.jsonl$/;

async function answerAccessTokenRequest(world: SimulatorWorld, domain: string, request: IncomingMessage): Promise<JsonResponse> {
  const shop = world.shops.get(domain);
  if (!shop) return { status: 404, body: { errors: "Not Found" } };
  const body = parseJsonObject(await readBody(request));
  if (!body) return { status: 400, body: { error: "invalid_request", error_description: "The request body must be a JSON object." } };
  return world.tokens.answerTokenRequest(body, {
    shop: domain,
    apiKey: world.options.apiKey,
    apiSecret: world.options.apiSecret,
    scope: shop.accessScopes.join(","),
    now: world.now(),
    onInstalled: () => {
      shop.authorized = true;
    },
  });
}

async function answerGraphqlHttpRequest(world: SimulatorWorld, domain: string, apiVersion: string, request: IncomingMessage): Promise<JsonResponse> {
  const shop = world.shops.get(domain);
  if (!shop) return { status: 404, body: { errors: "Not Found" } };
  const text = await readBody(request);
  const body = parseJsonObject(text) ?? {};
  const record = (outcome: CallRecord["outcome"], operationName: string | null, variables: Record<string, unknown>) =>
    world.calls.push({ shop: domain, apiVersion, operationName, query: String(body.query ?? ""), variables, outcome, at: world.now().toISOString() });
  const accessToken = request.headers["x-shopify-access-token"];
  const requestedName = readOperationName(body);
  const requestVariables = (body.variables && typeof body.variables === "object" ? body.variables : {}) as Record<string, unknown>;
  if (typeof accessToken !== "string" || !world.tokens.isLive(domain, accessToken, world.now())) {
    record("unauthorized", requestedName, requestVariables);
    return { status: 401, body: { errors: INVALID_TOKEN_MESSAGE } };
  }
  const failure = shop.failures.shift();
  // A THROTTLED failure is the real thing: the call meets an empty bucket and is answered as such,
  // with the cost extension a client needs to know how long to wait.
  if (failure && "graphqlError" in failure && failure.graphqlError === "THROTTLED") shop.bucket.configure({ currentlyAvailable: 0 }, world.now());
  else if (failure) {
    record("injected-failure", requestedName, requestVariables);
    if ("status" in failure) {
      return {
        status: failure.status,
        body: { errors: failure.status === 429 ? "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." : "Internal Server Error" },
        ...(failure.status === 429 ? { headers: { "Retry-After": "2.0" } } : {}),
      };
    }
    return { status: 200, body: { errors: [{ message: failure.message, extensions: { code: failure.graphqlError } }] } };
  }
  const answer = await answerGraphqlRequest(body, { context: world.adminContext(shop, false), bucket: shop.bucket });
  record(answer.outcome, answer.operationName, answer.variables);
  return { status: 200, body: answer.body };
}

const BYTE_RANGE = /^bytes=(\d+)-(\d*)$/;

/** Serves the file as Google Cloud Storage serves Shopify's: whole, or one `Range: bytes=a-[b]` (206, or 416 past the end). */
function serveBulkFile(world: SimulatorWorld, domain: string, numericId: string, request: IncomingMessage, response: ServerResponse): void {
  const path = world.bulk.filePath(domain, numericId);
  if (!path || !existsSync(path)) {
    sendJson(response, { status: 404, body: { errors: "Not Found" } });
    return;
  }
  const size = statSync(path).size;
  const headers = { "Content-Type": "application/jsonl", "Accept-Ranges": "bytes", ...CORS_HEADERS };
  const range = BYTE_RANGE.exec(request.headers.range ?? "");
  if (!range) {
    response.writeHead(200, { ...headers, "Content-Length": String(size) });
    createReadStream(path).pipe(response);
    return;
  }
  const start = Number(range[1]);
  const end = Math.min(range[2] ? Number(range[2]) : size - 1, size - 1);
  if (start >= size || end < start) {
    response.writeHead(416, { ...CORS_HEADERS, "Content-Range": `bytes */${size}` });
    response.end();
    return;
  }
  response.writeHead(206, { ...headers, "Content-Length": String(end - start + 1), "Content-Range": `bytes ${start}-${end}/${size}` });
  createReadStream(path, { start, end }).pipe(response);
}

function serveAppBridge(response: ServerResponse): void {
  response.writeHead(200, { "Content-Type": "application/javascript; charset=utf-8", ...CORS_HEADERS });
  response.end(readFileSync(APP_BRIDGE_SCRIPT));
}

async function route(world: SimulatorWorld, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://simulator.invalid");
  const method = request.method ?? "GET";
  if (method === "OPTIONS") {
    response.writeHead(204, CORS_HEADERS);
    response.end();
    return;
  }
  if (method === "GET" && url.pathname === "/cdn/app-bridge.js") return serveAppBridge(response);
  if (url.pathname.startsWith("/__simulator/")) {
    const body = method === "POST" ? parseJsonObject(await readBody(request)) : null;
    return sendJson(response, await handleControlRequest(world, method, url, body));
  }
  const accessTokenMatch = ACCESS_TOKEN_PATH.exec(url.pathname);
  if (method === "POST" && accessTokenMatch) return sendJson(response, await answerAccessTokenRequest(world, decodeURIComponent(accessTokenMatch[1]!), request));
  const graphqlMatch = GRAPHQL_PATH.exec(url.pathname);
  if (method === "POST" && graphqlMatch) {
    return sendJson(response, await answerGraphqlHttpRequest(world, decodeURIComponent(graphqlMatch[1]!), graphqlMatch[2]!, request));
  }
  const bulkMatch = BULK_FILE_PATH.exec(url.pathname);
  if (method === "GET" && bulkMatch) return serveBulkFile(world, decodeURIComponent(bulkMatch[1]!), bulkMatch[2]!, request, response);
  sendJson(response, { status: 404, body: { errors: "Not Found" } });
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const world = new SimulatorWorld(options);
  const server = createServer((request, response) => {
    route(world, request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy(error as Error);
        return;
      }
      sendJson(response, { status: 500, body: { errors: error instanceof Error ? error.message : String(error) } });
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  world.origin = `http://${host}:${port}`;
  return {
    origin: world.origin,
    async close() {
      await world.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
