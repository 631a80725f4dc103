// A shop's settings of the sync to Shopify (docs/decisions/014); a shop without a row has the defaults.
import { prisma } from "../db.server.ts";
import { DEFAULT_TAG_PREFIX } from "../domain/sync/customer-tags.ts";
import type { Database } from "../jobs/queue.server.ts";

export type SyncSettings = {
  readonly tagsEnabled: boolean;
  readonly tagPrefix: string;
  readonly definitionsReadyAt: Date | null;
};

export async function findSyncSettings(
  shop: string,
  db: Database = prisma,
): Promise<SyncSettings> {
  const row = await db.shopSyncSettings.findUnique({
    where: { shop },
    select: { tagsEnabled: true, tagPrefix: true, definitionsReadyAt: true },
  });
  return (
    row ?? {
      tagsEnabled: false,
      tagPrefix: DEFAULT_TAG_PREFIX,
      definitionsReadyAt: null,
    }
  );
}

export async function saveTagSettings(
  shop: string,
  tags: { tagsEnabled: boolean; tagPrefix: string },
  db: Database = prisma,
): Promise<void> {
  await db.shopSyncSettings.upsert({
    where: { shop },
    create: { shop, ...tags },
    update: tags,
  });
}

export async function saveDefinitionsReady(
  shop: string,
  at: Date,
  db: Database = prisma,
): Promise<void> {
  await db.shopSyncSettings.upsert({
    where: { shop },
    create: { shop, definitionsReadyAt: at },
    update: { definitionsReadyAt: at },
  });
}
