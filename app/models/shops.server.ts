import { prisma } from "../db.server.ts";

export type ShopProfile = {
  name: string;
  currencyCode: string;
  ianaTimezone: string;
  grantedScopes: string[];
};

export type ShopRecord = ShopProfile & {
  domain: string;
  installedAt: Date;
  uninstalledAt: Date | null;
};

export async function findShop(shop: string): Promise<ShopRecord | null> {
  const row = await prisma.shop.findUnique({ where: { domain: shop } });
  if (!row) return null;
  return {
    domain: row.domain,
    name: row.name ?? row.domain,
    currencyCode: row.currencyCode ?? "",
    ianaTimezone: row.ianaTimezone ?? "UTC",
    grantedScopes: row.grantedScopes ? row.grantedScopes.split(",") : [],
    installedAt: row.installedAt,
    uninstalledAt: row.uninstalledAt,
  };
}

/** Records a (re)install: a shop that uninstalled and came back is installed again from `now`. */
export async function saveShopInstall(shop: string, profile: ShopProfile, now: Date): Promise<void> {
  const fields = {
    name: profile.name,
    currencyCode: profile.currencyCode,
    ianaTimezone: profile.ianaTimezone,
    grantedScopes: profile.grantedScopes.join(","),
  };
  await prisma.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, ...fields, installedAt: now },
    update: { ...fields, uninstalledAt: null },
  });
}

export async function saveShopUninstall(shop: string, now: Date): Promise<void> {
  await prisma.shop.updateMany({ where: { domain: shop }, data: { uninstalledAt: now } });
}

export async function saveGrantedScopes(shop: string, scopes: string[]): Promise<void> {
  await prisma.shop.updateMany({ where: { domain: shop }, data: { grantedScopes: scopes.join(",") } });
}

/** Offline and online sessions both die with the install: the tokens are revoked by Shopify. */
export async function deleteShopSessions(shop: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { shop } });
  return count;
}

export async function saveSessionScopes(shop: string, scopes: string[]): Promise<void> {
  await prisma.session.updateMany({ where: { shop }, data: { scope: scopes.join(",") } });
}
