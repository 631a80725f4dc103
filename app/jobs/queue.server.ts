// The durable job queue (docs/decisions/006): jobs are rows; a worker leases a due row by moving
// its lockedUntil forward with a conditional update, so a crashed worker's lease simply expires.
import { Prisma } from "@prisma/client";
import { prisma } from "../db.server.ts";

export type JobStatus = "pending" | "running" | "done" | "failed";

export type EnqueueInput = {
  shop: string;
  name: string;
  payload: unknown;
  runAt?: Date;
  /** Jobs with the same (shop, name, uniqueKey) are enqueued once. */
  uniqueKey?: string;
  maxAttempts?: number;
};

export type ClaimedJob = {
  id: string;
  shop: string;
  name: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
};

export type Database = Prisma.TransactionClient | typeof prisma;

/** Returns false when a job with the same uniqueKey already exists. */
export async function enqueueJob(input: EnqueueInput, db: Database = prisma): Promise<boolean> {
  try {
    await db.job.create({
      data: {
        shop: input.shop,
        name: input.name,
        payload: JSON.stringify(input.payload),
        uniqueKey: input.uniqueKey ?? null,
        runAt: input.runAt ?? new Date(),
        maxAttempts: input.maxAttempts ?? 10,
      },
    });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}

/** Whether a job with this (shop, name, uniqueKey) exists, whatever its status: one indexed read. */
export async function hasJob(shop: string, name: string, uniqueKey: string, db: Database = prisma): Promise<boolean> {
  // Raw SQL: ingestion asks for every order, and Prisma's query compiler costs more than the lookup.
  const rows = await db.$queryRawUnsafe<unknown[]>(
    `SELECT 1 FROM "Job" WHERE "shop" = ? AND "name" = ? AND "uniqueKey" = ?`,
    shop,
    name,
    uniqueKey,
  );
  return rows.length > 0;
}

/**
 * Leases the oldest due job for `leaseMs`. Two workers racing for the same row both try the
 * conditional update; only the one that still sees the old lease wins.
 */
export async function claimDueJob(now: Date, leaseMs: number): Promise<ClaimedJob | null> {
  for (let tries = 0; tries < 5; tries += 1) {
    const candidate = await prisma.job.findFirst({
      where: { status: { in: ["pending", "running"] }, runAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      orderBy: { runAt: "asc" },
      select: { id: true, lockedUntil: true, attempts: true },
    });
    if (!candidate) return null;
    const { count } = await prisma.job.updateMany({
      where: { id: candidate.id, lockedUntil: candidate.lockedUntil, attempts: candidate.attempts },
      data: { status: "running", lockedUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
    });
    if (count === 1) {
      const job = await prisma.job.findUniqueOrThrow({ where: { id: candidate.id } });
      return { id: job.id, shop: job.shop, name: job.name, payload: JSON.parse(job.payload), attempts: job.attempts, maxAttempts: job.maxAttempts };
    }
  }
  return null;
}

/**
 * Moves the lease of a job this worker is running to `until`: a long job (a backfill import) keeps
 * a short lease alive this way, so after a crash another worker takes it over in seconds, not at the
 * end of the claim's lease. False when the lease was lost: another worker has claimed the job since.
 */
export async function renewJobLease(job: Pick<ClaimedJob, "id" | "attempts">, until: Date): Promise<boolean> {
  const { count } = await prisma.job.updateMany({ where: { id: job.id, attempts: job.attempts, status: "running" }, data: { lockedUntil: until } });
  return count === 1;
}

export async function completeJob(id: string, now: Date): Promise<void> {
  await prisma.job.update({ where: { id }, data: { status: "done", lockedUntil: null, lastError: null, finishedAt: now } });
}

/** Schedules another attempt at `retryAt`, or fails the job for good when `retryAt` is null. */
export async function failJob(id: string, error: string, retryAt: Date | null, now: Date): Promise<void> {
  await prisma.job.update({
    where: { id },
    data:
      retryAt === null
        ? { status: "failed", lockedUntil: null, lastError: error, finishedAt: now }
        : { status: "pending", lockedUntil: null, lastError: error, runAt: retryAt },
  });
}

export type QueueCounts = Record<JobStatus, number>;

export async function countJobs(shop: string): Promise<QueueCounts> {
  const groups = await prisma.job.groupBy({ by: ["status"], where: { shop }, _count: { _all: true } });
  const counts: QueueCounts = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const group of groups) counts[group.status as JobStatus] = group._count._all;
  return counts;
}

/** Whether a job of this name is waiting with its time come, or running (one scheduled ahead does not count). */
export async function hasDueJob(shop: string, name: string, now: Date): Promise<boolean> {
  const due = await prisma.job.findFirst({ where: { shop, name, status: { in: ["pending", "running"] }, runAt: { lte: now } }, select: { id: true } });
  return due !== null;
}

/** The status of the job enqueued under this unique key; null when none was. */
export async function findJobStatus(shop: string, name: string, uniqueKey: string): Promise<JobStatus | null> {
  const job = await prisma.job.findUnique({ where: { shop_name_uniqueKey: { shop, name, uniqueKey } }, select: { status: true } });
  return (job?.status as JobStatus | undefined) ?? null;
}
