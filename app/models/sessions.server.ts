// The offline Admin API session Shopify's session storage keeps per shop (id `offline_<shop>`,
// shopify-platform.md §1.4); read here for its lifetimes only, never for its tokens.
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
