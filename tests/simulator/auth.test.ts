import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintSessionToken, verifySessionToken } from "./auth.ts";
import {
  postJson,
  startTestSimulator,
  TEST_API_KEY,
  TEST_API_SECRET,
  TEST_SHOP,
  tokenExchangeBody,
  type TestSimulator,
} from "./test-harness.ts";

const NOW = new Date("2026-11-20T10:00:00Z");

describe("verifySessionToken", () => {
  const context = { shop: TEST_SHOP, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, now: NOW };

  it("accepts a token minted for the shop and returns its claims", () => {
    const token = mintSessionToken({ shop: TEST_SHOP, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, now: NOW });
    const verified = verifySessionToken(token, context);
    expect(verified.ok && verified.claims).toMatchObject({
      iss: `https://${TEST_SHOP}/admin`,
      dest: `https://${TEST_SHOP}`,
      aud: TEST_API_KEY,
      sub: "1",
      iat: 1795168800,
      nbf: 1795168800,
      exp: 1795168860,
    });
  });

  it("accepts a token expired for less than the 10 s tolerance and rejects one expired for longer", () => {
    const token = mintSessionToken({ shop: TEST_SHOP, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, now: NOW });
    expect(verifySessionToken(token, { ...context, now: new Date(NOW.getTime() + 69_000) }).ok).toBe(true);
    expect(verifySessionToken(token, { ...context, now: new Date(NOW.getTime() + 71_000) })).toEqual({ ok: false, reason: "token expired" });
  });

  it("rejects a token signed with another secret, for another app or for another shop", () => {
    const otherSecret = mintSessionToken({ shop: TEST_SHOP, apiKey: TEST_API_KEY, apiSecret: "other", now: NOW });
    const otherApp = mintSessionToken({ shop: TEST_SHOP, apiKey: "other-app", apiSecret: TEST_API_SECRET, now: NOW });
    const otherShop = mintSessionToken({ shop: "other.myshopify.com", apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, now: NOW });
    expect(verifySessionToken(otherSecret, context)).toEqual({ ok: false, reason: "signature mismatch" });
    expect(verifySessionToken(otherApp, context)).toEqual({ ok: false, reason: "audience mismatch" });
    expect(verifySessionToken(otherShop, context)).toEqual({ ok: false, reason: "destination mismatch" });
  });
});

describe("POST /shops/:shop/admin/oauth/access_token", () => {
  let harness: TestSimulator;
  let nowMs = NOW.getTime();
  const tokenUrl = () => `${harness.origin}/shops/${TEST_SHOP}/admin/oauth/access_token`;
  const sessionToken = (shop = TEST_SHOP, apiSecret = TEST_API_SECRET) =>
    mintSessionToken({ shop, apiKey: TEST_API_KEY, apiSecret, now: new Date(nowMs) });

  beforeAll(async () => {
    harness = await startTestSimulator({ appUrl: "http://127.0.0.1:9", now: () => new Date(nowMs) });
    await harness.client.seedShop({ shop: TEST_SHOP });
    await harness.client.seedShop({ shop: "other.myshopify.com" });
  });
  afterAll(() => harness.simulator.close());

  it("exchanges a session token for an expiring offline token with a refresh token and marks the app authorized", async () => {
    const { status, body } = await postJson(tokenUrl(), tokenExchangeBody(sessionToken()));
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "refresh_token", "refresh_token_expires_in", "scope"]);
    expect(body).toMatchObject({ scope: "read_orders,read_all_orders,read_customers,write_customers", expires_in: 3600, refresh_token_expires_in: 7_776_000 });
    expect(String(body.access_token)).toMatch(/^shpat_[0-9a-f]{32}$/);
    expect((await harness.client.shopState(TEST_SHOP)).authorized).toBe(true);
  });

  it("issues a non-expiring offline token when expiring is 0", async () => {
    const { body } = await postJson(tokenUrl(), tokenExchangeBody(sessionToken(), { expiring: "0" }));
    expect(Object.keys(body).sort()).toEqual(["access_token", "scope"]);
  });

  it("issues an online token with the staff member of the session token", async () => {
    const { body } = await postJson(
      tokenUrl(),
      tokenExchangeBody(sessionToken(), { requested_token_type: "urn:shopify:params:oauth:token-type:online-access-token" }),
    );
    expect(body).toMatchObject({ expires_in: 86399, associated_user_scope: "read_orders,read_all_orders,read_customers,write_customers" });
    expect(body.associated_user).toMatchObject({ id: 1, account_owner: true });
  });

  it("refreshes an expiring token once: the refresh token rotates", async () => {
    const { body: issued } = await postJson(tokenUrl(), tokenExchangeBody(sessionToken()));
    const refreshBody = { client_id: TEST_API_KEY, client_secret: TEST_API_SECRET, refresh_token: issued.refresh_token, grant_type: "refresh_token" };
    const refreshed = await postJson(tokenUrl(), refreshBody);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(issued.refresh_token);
    const reused = await postJson(tokenUrl(), refreshBody);
    expect(reused).toEqual({ status: 400, body: { error: "invalid_grant", error_description: "The provided refresh token is invalid, expired or revoked." } });
  });

  it("rejects a wrong client secret with 401 invalid_client", async () => {
    const { status, body } = await postJson(tokenUrl(), tokenExchangeBody(sessionToken(), { client_secret: "wrong" }));
    expect(status).toBe(401);
    expect(body.error).toBe("invalid_client");
  });

  it("rejects an expired session token, one signed with another secret and one for another shop with 400 invalid_subject_token", async () => {
    const expired = sessionToken();
    nowMs += 120_000;
    const candidates = [expired, sessionToken(TEST_SHOP, "wrong-secret"), sessionToken("other.myshopify.com")];
    for (const candidate of candidates) {
      expect(await postJson(tokenUrl(), tokenExchangeBody(candidate))).toEqual({
        status: 400,
        body: { error: "invalid_subject_token", error_description: "Token exchange cannot be performed due to an invalid subject token." },
      });
    }
  });

  it("answers 404 for a shop the simulator does not know", async () => {
    const response = await postJson(`${harness.origin}/shops/unknown.myshopify.com/admin/oauth/access_token`, tokenExchangeBody(sessionToken("unknown.myshopify.com")));
    expect(response).toEqual({ status: 404, body: { errors: "Not Found" } });
  });
});
