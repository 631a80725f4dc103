// Starting a history backfill and describing it on Home (product.md §1, docs/decisions/010). What a
// backfill does once started is in backfill-export.server.ts (Shopify writes the files) and
// backfill-import.server.ts (Kizuna reads them).
import { prisma } from "../db.server.ts";
import {
  backfillPercent,
  backfillPhase,
  isBackfillProblem,
  shouldStartBackfill,
  type BackfillPhase,
  type BackfillProblem,
  type BackfillStatus,
  type BackfillTrigger,
} from "../domain/backfill.ts";
import { enqueueJob } from "../jobs/queue.server.ts";
import { log } from "../log.server.ts";
import { createBackfillRun, findBackfillStatuses, findLatestBackfill, isAlreadyRunning } from "../models/backfill.server.ts";
import { retryWhileDatabaseBusy } from "../models/database-busy.server.ts";

export const START_BACKFILL_JOB = "startBackfillExports";

export type BackfillRequestOutcome = "started" | "already-running" | "already-completed";

/**
 * Starts a backfill unless the rules say otherwise (domain/backfill.ts shouldStartBackfill): the run
 * and the job that starts its exports are written in one transaction, so neither exists alone.
 */
export async function requestBackfill(shop: string, trigger: BackfillTrigger, now: Date): Promise<BackfillRequestOutcome> {
  try {
    const outcome = await retryWhileDatabaseBusy(() =>
      prisma.$transaction(async (tx): Promise<BackfillRequestOutcome> => {
        const statuses = await findBackfillStatuses(shop, tx);
        if (!shouldStartBackfill(trigger, statuses)) return statuses.includes("running") ? "already-running" : "already-completed";
        const runId = await createBackfillRun(shop, trigger, now, tx);
        await enqueueJob({ shop, name: START_BACKFILL_JOB, payload: { runId }, uniqueKey: runId, runAt: now }, tx);
        return "started";
      }),
    );
    if (outcome === "started") log.info("backfill requested", { shop, trigger });
    return outcome;
  } catch (error) {
    // Two requests at once (the parent and child loaders of one page both install): one wins.
    if (isAlreadyRunning(error)) return "already-running";
    throw error;
  }
}

export type BackfillOverview = {
  status: BackfillStatus;
  phase: BackfillPhase;
  trigger: BackfillTrigger;
  startedAt: Date;
  finishedAt: Date | null;
  /** Null when all history was asked for; else the start of the 60-day window (no read_all_orders). */
  ordersSince: Date | null;
  ordersImported: number;
  expectedOrders: number | null;
  customersImported: number;
  expectedCustomers: number | null;
  /** Records Shopify has written into the exports so far (grows while it prepares them). */
  recordsExported: number;
  percent: number;
  /** Lines that could not be read and were left out. */
  skippedRecords: number;
  problem: BackfillProblem | null;
};

/** The shop's latest backfill as Home shows it; null when the shop has never had one. */
export async function getBackfillOverview(shop: string): Promise<BackfillOverview | null> {
  const run = await findLatestBackfill(shop);
  if (run === null) return null;
  const exportOf = (kind: "customers" | "orders") => run.exports.find((entry) => entry.kind === kind);
  const ordersImported = exportOf("orders")?.recordsImported ?? 0;
  return {
    status: run.status,
    phase: backfillPhase(
      run.status,
      run.exports.map((entry) => ({ started: entry.bulkOperationGid !== null, exported: entry.operationStatus === "COMPLETED" })),
    ),
    trigger: run.trigger,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    ordersSince: run.ordersSince,
    ordersImported,
    expectedOrders: run.expectedOrderCount,
    customersImported: exportOf("customers")?.recordsImported ?? 0,
    expectedCustomers: run.expectedCustomerCount,
    recordsExported: run.exports.reduce((sum, entry) => sum + entry.objectCount, 0),
    percent: backfillPercent(run.status, ordersImported, run.expectedOrderCount),
    skippedRecords: run.exports.reduce((sum, entry) => sum + entry.skippedLines, 0),
    problem: isBackfillProblem(run.errorCode) ? run.errorCode : run.errorCode === null ? null : "UNEXPECTED",
  };
}
