// Token exchange and refresh as @shopify/shopify-api 15 sends them (lib/auth/oauth/token-exchange,
// refresh-token, create-session), plus the session tokens App Bridge would hand the app
// (shopify-platform.md §3.2, §3.3): HS256 JWTs signed with the API secret, checked with ±10 s.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

const CLOCK_TOLERANCE_SECONDS = 10;
const OFFLINE_TOKEN_TTL_SECONDS = 3600;
const REFRESH_TOKEN_TTL_SECONDS = 90 * 24 * 3600;
const ONLINE_TOKEN_TTL_SECONDS = 86399;
const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";
const ONLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:online-access-token";

export type SessionTokenClaims = {
  iss: string;
  dest: string;
  aud: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  sid: string;
};

export type MintSessionTokenInput = {
  shop: string;
  apiKey: string;
  apiSecret: string;
  ttlSeconds?: number;
  now?: Date;
  userId?: string;
};

function encodeBase64Url(value: string | Buffer): string {
  return Buffer.from(value).toString("base64url");
}

function signJwtPart(signingInput: string, secret: string): string {
  return createHmac("sha256", secret).update(signingInput).digest("base64url");
}

export function mintSessionToken({
  shop,
  apiKey,
  apiSecret,
  ttlSeconds = 60,
  now = new Date(),
  userId = "1",
}: MintSessionTokenInput): string {
  const issuedAtSeconds = Math.floor(now.getTime() / 1000);
  const claims: SessionTokenClaims = {
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: apiKey,
    sub: userId,
    exp: issuedAtSeconds + ttlSeconds,
    nbf: issuedAtSeconds,
    iat: issuedAtSeconds,
    jti: randomUUID(),
    sid: createHmac("sha256", apiSecret).update(`${shop}:${userId}`).digest("hex").slice(0, 32),
  };
  const signingInput = `${encodeBase64Url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${encodeBase64Url(JSON.stringify(claims))}`;
  return `${signingInput}.${signJwtPart(signingInput, apiSecret)}`;
}

/** Returns the claims when the token is a valid session token for `shop`, otherwise the reason it is not. */
export function verifySessionToken(
  token: string,
  { shop, apiKey, apiSecret, now }: { shop: string; apiKey: string; apiSecret: string; now: Date },
): { ok: true; claims: SessionTokenClaims } | { ok: false; reason: string } {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed token" };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let header: { alg?: unknown };
  let claims: SessionTokenClaims;
  try {
    header = JSON.parse(Buffer.from(headerPart, "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(payloadPart, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed token" };
  }
  if (header.alg !== "HS256") return { ok: false, reason: "unexpected algorithm" };
  const expected = Buffer.from(signJwtPart(`${headerPart}.${payloadPart}`, apiSecret));
  const given = Buffer.from(signaturePart);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: "signature mismatch" };
  }
  const nowSeconds = now.getTime() / 1000;
  if (typeof claims.exp !== "number" || claims.exp + CLOCK_TOLERANCE_SECONDS < nowSeconds) {
    return { ok: false, reason: "token expired" };
  }
  if (typeof claims.nbf === "number" && claims.nbf - CLOCK_TOLERANCE_SECONDS > nowSeconds) {
    return { ok: false, reason: "token not yet valid" };
  }
  if (claims.aud !== apiKey) return { ok: false, reason: "audience mismatch" };
  if (claims.dest !== `https://${shop}`) return { ok: false, reason: "destination mismatch" };
  return { ok: true, claims };
}

type IssuedToken = { shop: string; expiresAt: Date | null };

type IssuedRefreshToken = { shop: string; expiresAt: Date };

export type TokenResponse = { status: number; body: Record<string, unknown> };

export type TokenRequestContext = {
  shop: string;
  apiKey: string;
  apiSecret: string;
  scope: string;
  now: Date;
  onInstalled: (shop: string) => void;
};

function oauthError(status: number, error: string, description: string): TokenResponse {
  return { status, body: { error, error_description: description } };
}

function mintOpaqueToken(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString("hex")}`;
}

function addSeconds(at: Date, seconds: number): Date {
  return new Date(at.getTime() + seconds * 1000);
}

/** Access and refresh tokens issued by the simulator, per shop. */
export class TokenRegistry {
  private readonly accessTokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, IssuedRefreshToken>();

  /** Answers POST /admin/oauth/access_token for both grant types the library uses. */
  answerTokenRequest(body: Record<string, unknown>, context: TokenRequestContext): TokenResponse {
    if (body.client_id !== context.apiKey || body.client_secret !== context.apiSecret) {
      return oauthError(401, "invalid_client", "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.");
    }
    if (body.grant_type === TOKEN_EXCHANGE_GRANT) return this.exchangeSessionToken(body, context);
    if (body.grant_type === "refresh_token") return this.refreshAccessToken(body, context);
    return oauthError(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
  }

  isLive(shop: string, accessToken: string, now: Date): boolean {
    const issued = this.accessTokens.get(accessToken);
    if (!issued || issued.shop !== shop) return false;
    return issued.expiresAt === null || issued.expiresAt > now;
  }

  /** Uninstalling the app revokes every token the shop holds. */
  revokeShop(shop: string): void {
    for (const [token, issued] of this.accessTokens) if (issued.shop === shop) this.accessTokens.delete(token);
    for (const [token, issued] of this.refreshTokens) if (issued.shop === shop) this.refreshTokens.delete(token);
  }

  clear(): void {
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  private exchangeSessionToken(body: Record<string, unknown>, context: TokenRequestContext): TokenResponse {
    if (body.subject_token_type !== ID_TOKEN_TYPE) {
      return oauthError(400, "invalid_subject_token_type", "The subject token type is not supported.");
    }
    const verified = verifySessionToken(String(body.subject_token ?? ""), context);
    if (!verified.ok) {
      return oauthError(400, "invalid_subject_token", "Token exchange cannot be performed due to an invalid subject token.");
    }
    if (body.requested_token_type === ONLINE_TOKEN_TYPE) {
      context.onInstalled(context.shop);
      return { status: 200, body: this.issueOnlineToken(context, verified.claims.sub) };
    }
    if (body.requested_token_type === OFFLINE_TOKEN_TYPE) {
      context.onInstalled(context.shop);
      return { status: 200, body: this.issueOfflineToken(context, body.expiring === "1") };
    }
    return oauthError(400, "invalid_request", "The requested token type is not supported.");
  }

  private refreshAccessToken(body: Record<string, unknown>, context: TokenRequestContext): TokenResponse {
    const refreshToken = String(body.refresh_token ?? "");
    const issued = this.refreshTokens.get(refreshToken);
    if (!issued || issued.shop !== context.shop || issued.expiresAt <= context.now) {
      return oauthError(400, "invalid_grant", "The provided refresh token is invalid, expired or revoked.");
    }
    // Refresh tokens rotate: the one just used stops working.
    this.refreshTokens.delete(refreshToken);
    return { status: 200, body: this.issueOfflineToken(context, true) };
  }

  private issueOfflineToken(context: TokenRequestContext, expiring: boolean): Record<string, unknown> {
    const accessToken = mintOpaqueToken("shpat");
    const expiresAt = expiring ? addSeconds(context.now, OFFLINE_TOKEN_TTL_SECONDS) : null;
    this.accessTokens.set(accessToken, { shop: context.shop, expiresAt });
    if (!expiring) return { access_token: accessToken, scope: context.scope };
    const refreshToken = mintOpaqueToken("shprt");
    this.refreshTokens.set(refreshToken, {
      shop: context.shop,
      expiresAt: addSeconds(context.now, REFRESH_TOKEN_TTL_SECONDS),
    });
    return {
      access_token: accessToken,
      scope: context.scope,
      expires_in: OFFLINE_TOKEN_TTL_SECONDS,
      refresh_token: refreshToken,
      refresh_token_expires_in: REFRESH_TOKEN_TTL_SECONDS,
    };
  }

  private issueOnlineToken(context: TokenRequestContext, userId: string): Record<string, unknown> {
    const accessToken = mintOpaqueToken("shpua");
    this.accessTokens.set(accessToken, { shop: context.shop, expiresAt: addSeconds(context.now, ONLINE_TOKEN_TTL_SECONDS) });
    return {
      access_token: accessToken,
      scope: context.scope,
      expires_in: ONLINE_TOKEN_TTL_SECONDS,
      associated_user_scope: context.scope,
      associated_user: {
        id: Number(userId),
        first_name: "Simulated",
        last_name: "Staff",
        email: `staff-${userId}@${context.shop}`,
        email_verified: true,
        account_owner: userId === "1",
        locale: "en",
        collaborator: false,
      },
    };
  }
}
