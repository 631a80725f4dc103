// Shared fixtures of the simulator's own tests: a simulator on a free port with its own app TOML, a
// tiny webhook receiver that checks every HMAC, and helpers for the token exchange and Admin calls.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SimulatorClient } from "../support/simulator.ts";
import { signWebhook } from "./delivery/sign.ts";
import { startSimulator, type Simulator } from "./server.ts";

export const TEST_API_KEY = "kizuna-test-key";
export const TEST_API_SECRET = "kizuna-test-secret";
export const TEST_SHOP = "kizuna-test.myshopify.com";

const TEST_APP_TOML = `
[access_scopes]
scopes = "read_orders,read_all_orders,read_customers,write_customers"

[webhooks]
api_version = "2026-10"

[[webhooks.subscriptions]]
topics = ["app/uninstalled", "orders/create", "orders/updated", "customers/update", "bulk_operations/finish"]
uri = "/webhooks"
`;

export function writeTestAppToml(): string {
  const path = join(mkdtempSync(join(tmpdir(), "kizuna-simulator-test-")), "shopify.app.toml");
  writeFileSync(path, TEST_APP_TOML);
  return path;
}

export type ReceivedWebhook = { headers: IncomingHttpHeaders; body: string; hmacValid: boolean; answeredStatus: number };

export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** Statuses for the next requests, in order; 200 once they run out. */
  answerWith(statuses: number[]): void;
  close(): Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let statuses: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const answeredStatus = statuses.shift() ?? 200;
      received.push({ headers: request.headers, body, hmacValid: request.headers["x-shopify-hmac-sha256"] === signWebhook(body, TEST_API_SECRET), answeredStatus });
      response.writeHead(answeredStatus).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answerWith(next) {
      statuses = [...next];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestSimulator = { simulator: Simulator; client: SimulatorClient; origin: string };

export async function startTestSimulator({ appUrl, now }: { appUrl: string; now?: () => Date }): Promise<TestSimulator> {
  const simulator = await startSimulator({
    port: 0,
    apiKey: TEST_API_KEY,
    apiSecret: TEST_API_SECRET,
    appUrl,
    appTomlPath: writeTestAppToml(),
    webhookRetryDelaysMs: [10, 10, 10, 10, 10, 10, 10, 10],
    webhookTimeoutMs: 1000,
    ...(now ? { now } : {}),
  });
  return { simulator, client: new SimulatorClient(simulator.origin), origin: simulator.origin };
}

export function tokenExchangeBody(subjectToken: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    client_id: TEST_API_KEY,
    client_secret: TEST_API_SECRET,
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    subject_token: subjectToken,
    subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
    requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
    expiring: "1",
    ...overrides,
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Does what the app's first page load does: exchanges a fresh session token for an offline access token. */
export async function exchangeAccessToken({ origin, client }: TestSimulator, shop: string): Promise<string> {
  const { body } = await postJson(`${origin}/shops/${shop}/admin/oauth/access_token`, tokenExchangeBody(await client.sessionToken(shop)));
  return String(body.access_token);
}

export async function adminGraphql(
  origin: string,
  shop: string,
  accessToken: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; body: Record<string, unknown> & { data?: Record<string, unknown>; errors?: unknown; extensions?: { cost: Record<string, unknown> } } }> {
  return postJson(`${origin}/shops/${shop}/admin/api/2026-10/graphql.json`, { query, variables }, accessToken ? { "X-Shopify-Access-Token": accessToken } : {});
}
