// Runs of the sync over every customer (SyncRun, docs/decisions/014): one running per shop, its
// progress saved with each batch, so a restarted job resumes after the last customer done.
import { Prisma } from "@prisma/client";
import { prisma } from "../db.server.ts";
import type { SyncProblem, SyncRunStatus } from "../domain/sync/sync-plan.ts";
import type { Database } from "../jobs/queue.server.ts";

export const SYNC_TRIGGERS = [
  "install",
  "recompute",
  "merchant",
  "settings",
] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

export type SyncRun = {
  readonly id: string;
  readonly trigger: SyncTrigger;
  readonly status: SyncRunStatus;
  readonly rerunTrigger: SyncTrigger | null;
  readonly customerCount: number;
  readonly writtenCount: number;
  readonly unchangedCount: number;
  readonly skippedCount: number;
  readonly failedCount: number;
  readonly metafieldsWritten: number;
  readonly tagsAdded: number;
  readonly tagsRemoved: number;
  readonly cursor: string | null;
  readonly errorCode: SyncProblem | null;
  readonly lastError: string | null;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
};

const RUN_COLUMNS = {
  id: true,
  trigger: true,
  status: true,
  rerunTrigger: true,
  customerCount: true,
  writtenCount: true,
  unchangedCount: true,
  skippedCount: true,
  failedCount: true,
  metafieldsWritten: true,
  tagsAdded: true,
  tagsRemoved: true,
  cursor: true,
  errorCode: true,
  lastError: true,
  startedAt: true,
  finishedAt: true,
} as const;

type RunRow = Prisma.SyncRunGetPayload<{ select: typeof RUN_COLUMNS }>;

function toRun(row: RunRow): SyncRun {
  return {
    ...row,
    trigger: row.trigger as SyncTrigger,
    status: row.status as SyncRunStatus,
    rerunTrigger: row.rerunTrigger as SyncTrigger | null,
    errorCode: row.errorCode as SyncProblem | null,
  };
}

export async function findSyncRun(
  shop: string,
  runId: string,
  db: Database = prisma,
): Promise<SyncRun | null> {
  const row = await db.syncRun.findFirst({
    where: { shop, id: runId },
    select: RUN_COLUMNS,
  });
  return row && toRun(row);
}

export async function findRunningSyncRun(
  shop: string,
  db: Database = prisma,
): Promise<SyncRun | null> {
  const row = await db.syncRun.findUnique({
    where: { runningShop: shop },
    select: RUN_COLUMNS,
  });
  return row && toRun(row);
}

/** The shop's runs, newest first. */
export async function listSyncRuns(
  shop: string,
  limit: number,
  db: Database = prisma,
): Promise<SyncRun[]> {
  const rows = await db.syncRun.findMany({
    where: { shop },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: RUN_COLUMNS,
  });
  return rows.map(toRun);
}

/** Null when another run of the shop is running (the unique runningShop refuses a second). */
export async function createSyncRun(
  shop: string,
  trigger: SyncTrigger,
  customerCount: number,
  now: Date,
  db: Database = prisma,
): Promise<SyncRun | null> {
  try {
    return toRun(
      await db.syncRun.create({
        data: {
          shop,
          runningShop: shop,
          trigger,
          status: "running",
          customerCount,
          startedAt: now,
        },
        select: RUN_COLUMNS,
      }),
    );
  } catch (error) {
    if (
      error instanceof Prisma.PrismaClientKnownRequestError &&
      error.code === "P2002"
    )
      return null;
    throw error;
  }
}

export async function saveRerunRequest(
  shop: string,
  runId: string,
  trigger: SyncTrigger,
  db: Database = prisma,
): Promise<void> {
  await db.syncRun.updateMany({
    where: { shop, id: runId, status: "running" },
    data: { rerunTrigger: trigger },
  });
}

export type SyncProgress = {
  readonly written: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly failed: number;
  readonly metafieldsWritten: number;
  readonly tagsAdded: number;
  readonly tagsRemoved: number;
};

/**
 * Adds a batch's counts and moves the cursor past it, only if the cursor is still where this worker
 * read it (a second worker on the same run would otherwise count the batch twice). False otherwise.
 */
export async function saveSyncProgress(
  shop: string,
  run: Pick<SyncRun, "id" | "cursor">,
  cursor: string,
  progress: SyncProgress,
  db: Database,
): Promise<boolean> {
  const { count } = await db.syncRun.updateMany({
    where: { shop, id: run.id, status: "running", cursor: run.cursor },
    data: {
      cursor,
      writtenCount: { increment: progress.written },
      unchangedCount: { increment: progress.unchanged },
      skippedCount: { increment: progress.skipped },
      failedCount: { increment: progress.failed },
      metafieldsWritten: { increment: progress.metafieldsWritten },
      tagsAdded: { increment: progress.tagsAdded },
      tagsRemoved: { increment: progress.tagsRemoved },
    },
  });
  return count === 1;
}

export type SyncRunEnd =
  | { readonly status: "completed" }
  | {
      readonly status: "failed";
      readonly errorCode: SyncProblem;
      readonly lastError: string;
    };

/** Ends the run; a completed run's customer count becomes the customers it went through. */
export async function finishSyncRun(
  shop: string,
  runId: string,
  end: SyncRunEnd,
  now: Date,
  db: Database = prisma,
): Promise<void> {
  const run = await db.syncRun.findFirst({
    where: { shop, id: runId },
    select: {
      writtenCount: true,
      unchangedCount: true,
      skippedCount: true,
      failedCount: true,
    },
  });
  if (run === null) return;
  const done =
    run.writtenCount + run.unchangedCount + run.skippedCount + run.failedCount;
  await db.syncRun.updateMany({
    where: { shop, id: runId, status: "running" },
    data: {
      runningShop: null,
      finishedAt: now,
      ...(end.status === "completed"
        ? { status: end.status, customerCount: done }
        : end),
    },
  });
}
