import "@shopify/shopify-app-remix/adapters/node";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import {
  ApiVersion,
  AppDistribution,
  LogSeverity,
  shopifyApp,
} from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { prisma } from "./db.server.ts";
import { env } from "./env.server.ts";
import { routeToAdminOrigin } from "./shopify/admin-origin.server.ts";
import { recordInstall } from "./services/install.server.ts";

/** Also pinned as `[webhooks] api_version` in shopify.app.toml; a test keeps the two equal. */
export const apiVersion = ApiVersion.October26;

// Token exchange, token refresh and admin.graphql all fetch through this one function, so the
// simulator switch lives here and nowhere else in the request cycle.
if (env.SHOPIFY_ADMIN_ORIGIN) {
  setAbstractFetchFunc((input, init) =>
    globalThis.fetch(routeToAdminOrigin(String(input)), init),
  );
}

// A document request runs the parent and child loaders at once; both exchange the token, but the
// library runs afterAuth for only one of them, so the other waits here for the shop's record.
const installsInFlight = new Map<string, Promise<void>>();

// The library logs through its own logger; one LOG_LEVEL governs both it and Kizuna's log lines.
const librarySeverity = {
  debug: LogSeverity.Debug,
  info: LogSeverity.Info,
  warn: LogSeverity.Warning,
  error: LogSeverity.Error,
} as const;

const shopify = shopifyApp({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion,
  scopes: env.SCOPES?.split(","),
  appUrl: env.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  logger: { level: librarySeverity[env.LOG_LEVEL] },
  hooks: {
    afterAuth: async ({ session, admin }) => {
      const install = recordInstall(session.shop, admin, new Date());
      installsInFlight.set(session.shop, install);
      try {
        await install;
      } finally {
        installsInFlight.delete(session.shop);
      }
    },
  },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
});

/**
 * authenticate.admin takes the shop from the session token alone; a request that names another
 * shop in its query is refused, so a token for one shop never shows another shop's page.
 */
export async function authenticateAdmin(request: Request) {
  const context = await shopify.authenticate.admin(request);
  await installsInFlight.get(context.session.shop);
  const claimedShop = new URL(request.url).searchParams.get("shop");
  if (claimedShop !== null && claimedShop !== context.session.shop) {
    throw new Response("Session token does not belong to this shop", {
      status: 401,
      headers: { "X-Shopify-Retry-Invalid-Session-Request": "1" },
    });
  }
  return context;
}

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const login = shopify.login;
export const unauthenticated = shopify.unauthenticated;
export const sessionStorage = shopify.sessionStorage;
