// Erasing a shop (shop/redact, and 48 h after an uninstall that was not undone): every row Kizuna
// holds for it, in every table (product.md §6). Only the job doing the erasing is kept, so the
// queue can record that it finished; its payload names an event id, nothing personal.
import type { Prisma } from "@prisma/client";
import { deleteShopAnalytics } from "./analytics-shop.server.ts";

/** The job doing the erasing, by its (name, uniqueKey). */
export type KeptJob = { name: string; uniqueKey: string };

export async function deleteShopData(shop: string, keep: KeptJob, db: Prisma.TransactionClient): Promise<void> {
  const where = { shop };
  await db.orderLineItem.deleteMany({ where });
  await db.refund.deleteMany({ where });
  await db.order.deleteMany({ where });
  await db.customer.deleteMany({ where });
  await db.dataRequestExport.deleteMany({ where });
  await db.backfillStagedLine.deleteMany({ where });
  await db.backfillExport.deleteMany({ where });
  await db.backfillRun.deleteMany({ where });
  await db.importRun.deleteMany({ where });
  await db.webhookEvent.deleteMany({ where });
  await deleteShopAnalytics(shop, db);
  await db.customerSync.deleteMany({ where });
  await db.syncRun.deleteMany({ where });
  await db.shopSyncSettings.deleteMany({ where });
  const kept = await db.job.findUnique({ where: { shop_name_uniqueKey: { shop, ...keep } }, select: { id: true } });
  await db.job.deleteMany({ where: kept ? { shop, id: { not: kept.id } } : { shop } });
  await db.session.deleteMany({ where });
  await db.shop.deleteMany({ where: { domain: shop } });
}
