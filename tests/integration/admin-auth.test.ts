import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reservePort, startApp, type RunningApp } from "../support/app.ts";
import { startSimulator } from "../simulator/server.ts";
import { mintSessionToken } from "../simulator/auth.ts";
import { SimulatorClient } from "../support/simulator.ts";
import { BROWSER_USER_AGENT } from "../support/browser-agent.ts";

const SHOP = "auth-test.myshopify.com";
const OTHER_SHOP = "someone-else.myshopify.com";

let app: RunningApp;
let simulator: Awaited<ReturnType<typeof startSimulator>>;
const shopName = "Auth Test Goods 認証テスト";

function adminDocumentUrl(shop: string, token: string): string {
  const host = Buffer.from(`${shop}/admin`).toString("base64url");
  return `${app.origin}/app?embedded=1&shop=${shop}&host=${host}&locale=en&id_token=${token}`;
}

function getPage(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { redirect: "manual", headers: { "User-Agent": BROWSER_USER_AGENT, ...headers } });
}

beforeAll(async () => {
  const port = await reservePort();
  simulator = await startSimulator({ port: 0, apiKey: "kizuna-test-api-key", apiSecret: "kizuna-test-api-secret", appUrl: `http://127.0.0.1:${port}` });
  const client = new SimulatorClient(simulator.origin);
  await client.seedShop({ shop: SHOP, name: shopName, customers: 100, seed: 7 });
  await client.seedShop({ shop: OTHER_SHOP, name: "Someone Else's Shop", customers: 100, seed: 8 });
  app = await startApp({ port, adminOrigin: simulator.origin });
});

afterAll(async () => {
  await app?.close();
  await simulator?.close();
});

const token = (overrides: Partial<Parameters<typeof mintSessionToken>[0]> = {}) =>
  mintSessionToken({ shop: SHOP, apiKey: app.apiKey, apiSecret: app.apiSecret, ...overrides });

describe("the embedded admin at /app", () => {
  it("installs a shop with no stored session through token exchange and shows its Home", async () => {
    const response = await getPage(adminDocumentUrl(SHOP, token()));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(shopName);
  });

  it("answers a client data request carrying the session token in the Authorization header", async () => {
    const response = await getPage(`${app.origin}/app?_data=routes%2Fapp._index`, { Authorization: `Bearer ${token()}` });
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain(shopName);
  });

  it.each([
    ["signed with the wrong secret", () => token({ apiSecret: "not-the-app-secret" })],
    ["expired a minute ago", () => token({ now: new Date(Date.now() - 120_000) })],
  ])("answers 401 with no shop data to a session token %s", async (_label, makeToken) => {
    const response = await getPage(`${app.origin}/app?_data=routes%2Fapp._index`, { Authorization: `Bearer ${makeToken()}` });
    expect(response.status).toBe(401);
    expect(response.headers.get("x-shopify-retry-invalid-session-request")).toBe("1");
    expect(await response.text()).not.toContain(shopName);
  });

  it("answers 401 when a valid session token for another shop is used on this shop's page", async () => {
    const otherShopToken = mintSessionToken({ shop: OTHER_SHOP, apiKey: app.apiKey, apiSecret: app.apiSecret });
    const host = Buffer.from(`${SHOP}/admin`).toString("base64url");
    const response = await getPage(`${app.origin}/app?embedded=1&shop=${SHOP}&host=${host}&id_token=${otherShopToken}`);
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain(shopName);
  });

  it("never renders shop data to a request without a session token", async () => {
    const bare = await getPage(`${app.origin}/app`);
    expect([302, 401]).toContain(bare.status);
    expect(await bare.text()).not.toContain(shopName);

    const host = Buffer.from(`${SHOP}/admin`).toString("base64url");
    const embeddedWithoutToken = await getPage(`${app.origin}/app?embedded=1&shop=${SHOP}&host=${host}`);
    expect(embeddedWithoutToken.status).toBe(302);
    expect(embeddedWithoutToken.headers.get("location")).toContain("/auth/session-token");
  });
});
