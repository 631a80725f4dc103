// Backfill runs, their two exports (bulk operations) and the staged orders JSONL (docs/decisions/010).
// Checkpoints move only by compare-and-set on the value the caller read, inside the transaction that
// writes the batch they cover: a batch is committed together with its checkpoint or not at all, and a
// second worker that picked up the same export (its lease ran out) cannot move it twice.
import { Prisma } from "@prisma/client";
import { prisma } from "../db.server.ts";
import type { BackfillStatus, BackfillTrigger } from "../domain/backfill.ts";

type Database = Prisma.TransactionClient | typeof prisma;

export type ExportKind = "customers" | "orders";
export const EXPORT_KINDS: readonly ExportKind[] = ["customers", "orders"];

export type BackfillRunRecord = {
  id: string;
  shop: string;
  trigger: BackfillTrigger;
  status: BackfillStatus;
  ordersSince: Date | null;
  expectedOrderCount: number | null;
  expectedCustomerCount: number | null;
  errorCode: string | null;
  errorDetail: string | null;
  startedAt: Date;
  finishedAt: Date | null;
};

export type BackfillExportRecord = {
  id: string;
  shop: string;
  runId: string;
  kind: ExportKind;
  bulkOperationGid: string | null;
  operationStatus: string | null;
  operationError: string | null;
  objectCount: number;
  rootObjectCount: number | null;
  url: string | null;
  linesRead: number;
  bytesRead: number;
  recordsImported: number;
  mergedThroughLine: number;
  skippedLines: number;
  lastSkipReason: string | null;
  downloadedAt: Date | null;
  importedAt: Date | null;
};

export type BackfillRunWithExports = BackfillRunRecord & { exports: BackfillExportRecord[] };

/** Another worker moved the checkpoint since it was read: this one stops and leaves the export to it. */
export class CheckpointMovedError extends Error {
  override name = "CheckpointMovedError";
}

function toRun(row: Prisma.BackfillRunGetPayload<object>): BackfillRunRecord {
  return {
    id: row.id,
    shop: row.shop,
    trigger: row.trigger as BackfillTrigger,
    status: row.status as BackfillStatus,
    ordersSince: row.ordersSince,
    expectedOrderCount: row.expectedOrderCount,
    expectedCustomerCount: row.expectedCustomerCount,
    errorCode: row.errorCode,
    errorDetail: row.errorDetail,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

function toExport(row: Prisma.BackfillExportGetPayload<object>): BackfillExportRecord {
  return { ...row, kind: row.kind as ExportKind, bytesRead: Number(row.bytesRead) };
}

/** The statuses of every backfill the shop has had. */
export async function findBackfillStatuses(shop: string, db: Database = prisma): Promise<BackfillStatus[]> {
  const rows = await db.backfillRun.findMany({ where: { shop }, select: { status: true } });
  return rows.map((row) => row.status as BackfillStatus);
}

/**
 * Creates a running run with its two exports. A second running run for the shop throws Prisma's
 * P2002 (see isAlreadyRunning), which the caller lets end its transaction.
 */
export async function createBackfillRun(shop: string, trigger: BackfillTrigger, now: Date, db: Prisma.TransactionClient): Promise<string> {
  const run = await db.backfillRun.create({
    data: { shop, runningShop: shop, trigger, status: "running", startedAt: now },
    select: { id: true },
  });
  await db.backfillExport.createMany({ data: EXPORT_KINDS.map((kind) => ({ shop, runId: run.id, kind })) });
  return run.id;
}

export function isAlreadyRunning(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function findBackfillRun(shop: string, runId: string, db: Database = prisma): Promise<BackfillRunWithExports | null> {
  const row = await db.backfillRun.findFirst({ where: { shop, id: runId } });
  if (row === null) return null;
  const exports = await db.backfillExport.findMany({ where: { shop, runId }, orderBy: { kind: "asc" } });
  return { ...toRun(row), exports: exports.map(toExport) };
}

/** The shop's most recent backfill, for Home. */
export async function findLatestBackfill(shop: string): Promise<BackfillRunWithExports | null> {
  const row = await prisma.backfillRun.findFirst({ where: { shop }, orderBy: { startedAt: "desc" } });
  return row === null ? null : findBackfillRun(shop, row.id);
}

export async function findExportByOperation(shop: string, bulkOperationGid: string): Promise<BackfillExportRecord | null> {
  const row = await prisma.backfillExport.findFirst({ where: { shop, bulkOperationGid } });
  return row === null ? null : toExport(row);
}

export async function findBackfillExport(shop: string, exportId: string, db: Database = prisma): Promise<BackfillExportRecord | null> {
  const row = await db.backfillExport.findFirst({ where: { shop, id: exportId } });
  return row === null ? null : toExport(row);
}

export type BackfillScopeFacts = { ordersSince: Date | null; expectedOrderCount: number; expectedCustomerCount: number };

export async function saveBackfillScope(shop: string, runId: string, facts: BackfillScopeFacts): Promise<void> {
  await prisma.backfillRun.updateMany({ where: { shop, id: runId }, data: facts });
}

/** What a running run is waiting out (null clears it); a failed run keeps its reason. */
export async function saveBackfillProblem(shop: string, runId: string, problem: { code: string; detail: string } | null): Promise<void> {
  await prisma.backfillRun.updateMany({
    where: { shop, id: runId, status: "running" },
    data: { errorCode: problem?.code ?? null, errorDetail: problem?.detail ?? null },
  });
}

export async function saveExportStarted(shop: string, exportId: string, bulkOperationGid: string, operationStatus: string): Promise<void> {
  await prisma.backfillExport.updateMany({ where: { shop, id: exportId }, data: { bulkOperationGid, operationStatus } });
}

export type OperationState = { status: string; errorCode: string | null; objectCount: number; rootObjectCount: number; url: string | null };

/**
 * Records what Shopify says of the export's operation, unless it is already recorded as completed;
 * true when it changed the record (so a completion is acted on once).
 */
export async function saveOperationState(shop: string, exportId: string, state: OperationState): Promise<boolean> {
  const { count } = await prisma.backfillExport.updateMany({
    where: { shop, id: exportId, OR: [{ operationStatus: null }, { operationStatus: { not: "COMPLETED" } }] },
    data: { operationStatus: state.status, operationError: state.errorCode, objectCount: state.objectCount, rootObjectCount: state.rootObjectCount, url: state.url },
  });
  return count === 1;
}

/** The orders export knows the exact number of orders once Shopify has written them all. */
export async function saveExpectedOrderCount(shop: string, runId: string, count: number): Promise<void> {
  await prisma.backfillRun.updateMany({ where: { shop, id: runId }, data: { expectedOrderCount: count } });
}

export type DownloadCheckpoint = { linesRead: number; bytesRead: number; recordsImported: number; skippedLines: number; lastSkipReason: string | null };

/**
 * Moves the download checkpoint from `from` (as read) to `to`, with `downloadedAt` once the file has
 * ended (and `importedAt` too when nothing is left to merge).
 */
export async function advanceDownload(
  shop: string,
  exportId: string,
  from: Pick<DownloadCheckpoint, "linesRead">,
  to: DownloadCheckpoint & { downloadedAt: Date | null; importedAt: Date | null },
  db: Prisma.TransactionClient,
): Promise<void> {
  const { count } = await db.backfillExport.updateMany({
    where: { shop, id: exportId, linesRead: from.linesRead, downloadedAt: null },
    data: { ...to, bytesRead: BigInt(to.bytesRead) },
  });
  if (count !== 1) throw new CheckpointMovedError(`download of export ${exportId} moved past line ${from.linesRead}`);
}

export type MergeCheckpoint = { mergedThroughLine: number; recordsImported: number; skippedLines: number; lastSkipReason: string | null };

export async function advanceMerge(
  shop: string,
  exportId: string,
  from: Pick<MergeCheckpoint, "mergedThroughLine">,
  to: MergeCheckpoint & { importedAt: Date | null },
  db: Prisma.TransactionClient,
): Promise<void> {
  const { count } = await db.backfillExport.updateMany({
    where: { shop, id: exportId, mergedThroughLine: from.mergedThroughLine, importedAt: null },
    data: to,
  });
  if (count !== 1) throw new CheckpointMovedError(`merge of export ${exportId} moved past line ${from.mergedThroughLine}`);
}

export type StagedLine = { lineNumber: number; gid: string | null; parentGid: string | null; body: string };

export async function stageLines(shop: string, exportId: string, lines: readonly StagedLine[], db: Prisma.TransactionClient): Promise<void> {
  if (lines.length === 0) return;
  await db.backfillStagedLine.createMany({ data: lines.map((line) => ({ shop, exportId, ...line })) });
}

export type StagedOrder = { lineNumber: number; body: string; children: string[] };

/** The next `limit` staged top-level lines after `afterLine`, each with its children in file order. */
export async function findStagedOrders(shop: string, exportId: string, afterLine: number, limit: number, db: Database = prisma): Promise<StagedOrder[]> {
  const roots = await db.backfillStagedLine.findMany({
    where: { shop, exportId, parentGid: null, lineNumber: { gt: afterLine } },
    orderBy: { lineNumber: "asc" },
    take: limit,
  });
  const parentGids = roots.flatMap((root) => (root.gid === null ? [] : [root.gid]));
  const children = await db.backfillStagedLine.findMany({
    where: { shop, exportId, parentGid: { in: parentGids } },
    orderBy: { lineNumber: "asc" },
    select: { parentGid: true, body: true },
  });
  return roots.map((root) => ({
    lineNumber: root.lineNumber,
    body: root.body,
    children: root.gid === null ? [] : children.filter((child) => child.parentGid === root.gid).map((child) => child.body),
  }));
}

const DELETE_CHUNK = 2000;

/** Empties the export's staging area a range of lines at a time, so no transaction holds the writer for long. */
export async function deleteStagedLines(shop: string, exportId: string): Promise<void> {
  for (;;) {
    const boundary = await prisma.backfillStagedLine.findFirst({
      where: { shop, exportId },
      orderBy: { lineNumber: "asc" },
      skip: DELETE_CHUNK,
      select: { lineNumber: true },
    });
    await prisma.backfillStagedLine.deleteMany({ where: { shop, exportId, ...(boundary ? { lineNumber: { lt: boundary.lineNumber } } : {}) } });
    if (boundary === null) return;
  }
}

/** Ends a running run; false when it had already ended (a second worker, a stale job). */
export async function finishBackfillRun(
  shop: string,
  runId: string,
  outcome: { status: "completed" } | { status: "failed"; errorCode: string; errorDetail: string },
  now: Date,
  db: Database = prisma,
): Promise<boolean> {
  const { count } = await db.backfillRun.updateMany({
    where: { shop, id: runId, status: "running" },
    data:
      outcome.status === "completed"
        ? { status: "completed", runningShop: null, finishedAt: now, errorCode: null, errorDetail: null }
        : { status: "failed", runningShop: null, finishedAt: now, errorCode: outcome.errorCode, errorDetail: outcome.errorDetail },
  });
  return count === 1;
}
