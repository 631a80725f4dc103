// Admin GraphQL for work outside the request cycle (jobs: backfill, metafield sync). The request
// cycle has authenticate.admin; a job has only the shop, so this client loads the shop's offline
// session (`offline_<shop>`, written by PrismaSessionStorage), renews an expiring token with its
// refresh token as @shopify/shopify-api's refreshToken does (shopify-platform.md §3.3), and calls
// graphql.json with X-Shopify-Access-Token. It waits out THROTTLED (HTTP 200, §9.1) from the cost
// extension, retries 5xx and network errors a few times, renews once on a 401, and turns every
// other failure into an AdminApiError that says whether retrying later can help. Tokens are never
// logged or put in an error.
import { ClientError, GraphQLClient } from "graphql-request";
import { serverErrorRetryMs, throttleWaitMs, type ThrottleStatus } from "../domain/rate-limits.ts";
import { env } from "../env.server.ts";
import { log } from "../log.server.ts";
import { findOfflineToken, saveRefreshedOfflineToken, type OfflineToken } from "../models/sessions.server.ts";
import { apiVersion } from "../shopify.server.ts";
import { shopAdminUrl } from "./admin-origin.server.ts";

/** The library renews a token this close to its expiry; so does this client. */
const RENEW_WITHIN_MS = 5 * 60 * 1000;
const REQUEST_TIMEOUT_MS = 30_000;

export type AdminCost = { requestedQueryCost: number; actualQueryCost: number | null; throttleStatus: ThrottleStatus };

export type AdminResponse<T> = { data: T; cost: AdminCost | null };

export type AdminFailure =
  /** No offline session: the shop has not opened Kizuna since installing, or uninstalled it. */
  | "no-session"
  /** Shopify refused the token and renewing it did not help. */
  | "unauthorized"
  /** Still THROTTLED after the allowed waits, or a query that can never fit the bucket. */
  | "throttled"
  /** HTTP 5xx or no answer, after the allowed retries. */
  | "unavailable"
  /** Another HTTP status: 402 frozen shop, 403, 404 unknown shop, 423 locked. */
  | "refused"
  /** GraphQL errors in a 200 answer: an invalid document, MAX_COST_EXCEEDED, INTERNAL_SERVER_ERROR. */
  | "graphql"
  /** A mutation answered with userErrors. */
  | "user-errors";

export class AdminApiError extends Error {
  override name = "AdminApiError";
  readonly failure: AdminFailure;
  /** Whether the same call may succeed later (a job should retry it) or never will. */
  readonly retryable: boolean;
  /** GraphQL `extensions.code`s or userError `code`s, for callers that handle one of them. */
  readonly codes: readonly string[];
  constructor(failure: AdminFailure, message: string, { retryable, codes = [] }: { retryable: boolean; codes?: readonly string[] }) {
    super(message);
    this.failure = failure;
    this.retryable = retryable;
    this.codes = codes;
  }
}

export type AdminRequestOptions = {
  /** How many THROTTLED answers to wait out before giving up (retryable). */
  maxThrottleWaits?: number;
  /** How many times to retry a 5xx, a 429 or a dropped connection. */
  maxServerRetries?: number;
};

type UserError = { field?: readonly string[] | null; message: string; code?: string | null };

/** Throws an AdminApiError naming the mutation, the fields and the codes when `userErrors` is not empty. */
export function requireNoUserErrors(mutation: string, userErrors: readonly UserError[]): void {
  if (userErrors.length === 0) return;
  const described = userErrors.map((error) => `${error.field?.join(".") ?? "(no field)"}: ${error.message}${error.code ? ` [${error.code}]` : ""}`);
  throw new AdminApiError("user-errors", `${mutation} refused: ${described.join("; ")}`, {
    retryable: false,
    codes: userErrors.flatMap((error) => (error.code ? [error.code] : [])),
  });
}

type GraphqlErrorShape = { message?: unknown; extensions?: { code?: unknown } };

function errorCodesOf(errors: readonly GraphqlErrorShape[]): string[] {
  return errors.flatMap((error) => (typeof error.extensions?.code === "string" ? [error.extensions.code] : []));
}

function readCost(extensions: unknown): AdminCost | null {
  const cost = (extensions as { cost?: AdminCost } | undefined)?.cost;
  return cost && typeof cost.requestedQueryCost === "number" && cost.throttleStatus ? cost : null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function operationNameOf(document: string): string {
  return /\b(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(document)?.[1] ?? "anonymous";
}

/**
 * Runs one Admin GraphQL document for `shop` and returns its data with the cost extension.
 * Throws AdminApiError; anything it cannot classify (a bug) passes through as it is.
 */
export async function adminGraphql<T>(
  shop: string,
  document: string,
  variables: Record<string, unknown> = {},
  { maxThrottleWaits = 10, maxServerRetries = 4 }: AdminRequestOptions = {},
): Promise<AdminResponse<T>> {
  const operation = operationNameOf(document);
  const client = new GraphQLClient(shopAdminUrl(shop, `/admin/api/${apiVersion}/graphql.json`), { errorPolicy: "all" });
  let token = await currentToken(shop);
  let renewedAfterUnauthorized = false;
  let throttleWaits = 0;
  let serverRetries = 0;
  for (;;) {
    let response: Awaited<ReturnType<typeof client.rawRequest<T>>>;
    try {
      response = await client.rawRequest<T>({
        query: document,
        variables,
        requestHeaders: { "X-Shopify-Access-Token": token.accessToken },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const status = error instanceof ClientError ? error.response.status : null;
      if (status === 401) {
        if (renewedAfterUnauthorized || !token.refreshToken) {
          throw new AdminApiError("unauthorized", `Shopify refused Kizuna's access token for ${shop} (401); the merchant must open Kizuna from Shopify admin to reconnect`, { retryable: false });
        }
        renewedAfterUnauthorized = true;
        token = await renewToken(shop, token);
        continue;
      }
      if (status !== null && status !== 429 && status < 500) {
        throw new AdminApiError("refused", `Shopify answered ${operation} for ${shop} with HTTP ${status}`, { retryable: false });
      }
      if (status === null && !(error instanceof TypeError || (error instanceof DOMException && error.name === "TimeoutError"))) throw error;
      if (serverRetries >= maxServerRetries) {
        const what = status === null ? `no answer (${error instanceof Error ? error.message : String(error)})` : `HTTP ${status}`;
        throw new AdminApiError("unavailable", `Shopify gave ${operation} for ${shop} ${what} ${serverRetries + 1} times`, { retryable: true });
      }
      serverRetries += 1;
      const retryAfterSeconds = status === 429 ? Number((error as ClientError).response.headers.get("retry-after")) : Number.NaN;
      const waitMs = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : serverErrorRetryMs(serverRetries);
      log.warn("Admin API call failed; retrying", { shop, operation, status, waitMs });
      await sleep(waitMs);
      continue;
    }
    const cost = readCost(response.extensions);
    const errors = (response.errors ?? []) as GraphqlErrorShape[];
    if (errors.length === 0) return { data: response.data, cost };
    const codes = errorCodesOf(errors);
    if (codes.includes("THROTTLED")) {
      const waitMs = cost ? throttleWaitMs(cost.requestedQueryCost, cost.throttleStatus) : null;
      if (waitMs === null || throttleWaits >= maxThrottleWaits) {
        throw new AdminApiError("throttled", `${operation} for ${shop} is still throttled after ${throttleWaits} waits`, { retryable: true, codes });
      }
      throttleWaits += 1;
      log.info("Admin API throttled; waiting for the bucket to refill", { shop, operation, waitMs });
      await sleep(waitMs);
      continue;
    }
    const messages = errors.map((error) => String(error.message ?? "unknown error"));
    throw new AdminApiError("graphql", `${operation} for ${shop} failed: ${messages.join("; ")}${codes.length > 0 ? ` [${codes.join(", ")}]` : ""}`, {
      retryable: codes.includes("INTERNAL_SERVER_ERROR"),
      codes,
    });
  }
}

async function currentToken(shop: string): Promise<OfflineToken> {
  const token = await findOfflineToken(shop);
  if (token === null) {
    throw new AdminApiError("no-session", `Kizuna has no offline access to ${shop}: the merchant must open Kizuna from Shopify admin`, { retryable: false });
  }
  const expiresSoon = token.expiresAt !== null && token.expiresAt.getTime() - Date.now() < RENEW_WITHIN_MS;
  return expiresSoon && token.refreshToken ? renewToken(shop, token) : token;
}

type TokenResponse = { access_token?: unknown; scope?: unknown; expires_in?: unknown; refresh_token?: unknown; refresh_token_expires_in?: unknown; error?: unknown };

/**
 * Trades the refresh token for a new access token and refresh token (they rotate) and stores both.
 * When another process renewed first, its token is used: Shopify has then already retired ours.
 */
async function renewToken(shop: string, token: OfflineToken): Promise<OfflineToken> {
  const requestedAt = Date.now();
  let response: Response;
  try {
    response = await fetch(shopAdminUrl(shop, "/admin/oauth/access_token"), {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ client_id: env.SHOPIFY_API_KEY, client_secret: env.SHOPIFY_API_SECRET, refresh_token: token.refreshToken, grant_type: "refresh_token" }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new AdminApiError("unavailable", `Shopify did not answer the token renewal for ${shop}: ${error instanceof Error ? error.message : String(error)}`, { retryable: true });
  }
  const body = (await response.json().catch(() => ({}))) as TokenResponse;
  if (!response.ok || typeof body.access_token !== "string") {
    const stored = await findOfflineToken(shop);
    if (stored !== null && stored.accessToken !== token.accessToken) return stored;
    const reason = typeof body.error === "string" ? body.error : `HTTP ${response.status}`;
    throw new AdminApiError("unauthorized", `Shopify refused to renew Kizuna's access to ${shop} (${reason}); the merchant must open Kizuna from Shopify admin`, {
      retryable: response.status >= 500,
    });
  }
  const seconds = (value: unknown) => (typeof value === "number" ? new Date(requestedAt + value * 1000) : null);
  const renewed = {
    accessToken: body.access_token,
    scope: typeof body.scope === "string" ? body.scope : "",
    expiresAt: seconds(body.expires_in),
    refreshToken: typeof body.refresh_token === "string" ? body.refresh_token : null,
    refreshTokenExpiresAt: seconds(body.refresh_token_expires_in),
  };
  if (await saveRefreshedOfflineToken(shop, token.accessToken, renewed)) {
    log.info("offline access token renewed", { shop });
    return renewed;
  }
  return (await findOfflineToken(shop)) ?? renewed;
}
