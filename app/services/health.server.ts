import { prisma } from "../db.server.ts";

export type Health = { ok: boolean; database: "up" | "down"; checkedAt: string };

// SELECT 1 rather than a table count: health checks run often and must stay cheap.
export async function checkHealth(now = new Date()): Promise<Health> {
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    return { ok: true, database: "up", checkedAt: now.toISOString() };
  } catch {
    return { ok: false, database: "down", checkedAt: now.toISOString() };
  }
}
