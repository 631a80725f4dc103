import { prisma } from "../db.server.ts";
import { apiVersion } from "../shopify.server.ts";

export type Health = { ok: boolean; database: "up" | "down"; apiVersion: string; checkedAt: string };

// SELECT 1 rather than a table count: health checks run often and must stay cheap.
export async function checkHealth(now = new Date()): Promise<Health> {
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    return { ok: true, database: "up", apiVersion, checkedAt: now.toISOString() };
  } catch {
    return { ok: false, database: "down", apiVersion, checkedAt: now.toISOString() };
  }
}
