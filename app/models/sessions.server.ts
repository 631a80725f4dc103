// The offline Admin API session Shopify's session storage keeps per shop (id `offline_<shop>`,
// shopify-platform.md §1.4): its lifetimes for Home, and its token for the Admin client of
// background work (app/shopify/admin-client.server.ts), which renews it as the library would.
import type { Prisma } from "@prisma/client";
import { prisma } from "../db.server.ts";

export type OfflineAccess = {
  scope: string | null;
  accessExpiresAt: Date | null;
  hasRefreshToken: boolean;
  refreshExpiresAt: Date | null;
};

export async function findOfflineAccess(shop: string): Promise<OfflineAccess | null> {
  const row = await prisma.session.findUnique({
    where: { id: `offline_${shop}` },
    select: { scope: true, expires: true, refreshToken: true, refreshTokenExpires: true },
  });
  if (!row) return null;
  return {
    scope: row.scope,
    accessExpiresAt: row.expires,
    hasRefreshToken: Boolean(row.refreshToken),
    refreshExpiresAt: row.refreshTokenExpires,
  };
}

/**
 * Whether Kizuna holds an offline session for the shop: without one, nothing can be sent to Shopify.
 * Raw SQL: every ingested order asks, and Prisma's query compiler costs more than the lookup.
 */
export async function hasOfflineSession(shop: string, db: Prisma.TransactionClient | typeof prisma = prisma): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "Session" WHERE "id" = ?`, `offline_${shop}`);
  return rows.length > 0;
}

/** The offline token itself, for the Admin client of background work; never logged. */
export type OfflineToken = {
  accessToken: string;
  expiresAt: Date | null;
  refreshToken: string | null;
  refreshTokenExpiresAt: Date | null;
};

export async function findOfflineToken(shop: string): Promise<OfflineToken | null> {
  const row = await prisma.session.findUnique({
    where: { id: `offline_${shop}` },
    select: { accessToken: true, expires: true, refreshToken: true, refreshTokenExpires: true },
  });
  if (!row || !row.accessToken) return null;
  return { accessToken: row.accessToken, expiresAt: row.expires, refreshToken: row.refreshToken, refreshTokenExpiresAt: row.refreshTokenExpires };
}

export type RefreshedOfflineToken = OfflineToken & { scope: string };

/**
 * Stores a refreshed token in place of `replacedAccessToken`, as the session storage would. False
 * when the stored token is no longer that one: another process refreshed first and its token stands.
 */
export async function saveRefreshedOfflineToken(shop: string, replacedAccessToken: string, token: RefreshedOfflineToken): Promise<boolean> {
  const { count } = await prisma.session.updateMany({
    where: { id: `offline_${shop}`, accessToken: replacedAccessToken },
    data: {
      accessToken: token.accessToken,
      expires: token.expiresAt,
      refreshToken: token.refreshToken,
      refreshTokenExpires: token.refreshTokenExpiresAt,
      scope: token.scope,
    },
  });
  return count === 1;
}
