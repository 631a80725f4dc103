// The Shopify side of a backfill (docs/decisions/010): read the scopes and counts, start one bulk
// query for customers and one for orders, then learn when each has finished, from the
// bulk_operations/finish webhook or, should that be late or lost, by polling the operation by id.
// A finished export hands over to backfill-import.server.ts.
import {
  ordersSearchFrom,
  ordersSinceFor,
  recentOrdersSince,
  type BackfillProblem,
} from "../domain/backfill.ts";
import { parseBulkOperationFinishPayload } from "../domain/ingest/bulk-operation-payload.ts";
import { enqueueJob } from "../jobs/queue.server.ts";
import { TerminalJobError } from "../jobs/worker.server.ts";
import { log } from "../log.server.ts";
import {
  deleteStagedLines,
  findBackfillRun,
  findExportByOperation,
  finishBackfillRun,
  saveBackfillProblem,
  saveBackfillScope,
  saveExpectedOrderCount,
  saveExportStarted,
  saveOperationState,
  type BackfillExportRecord,
  type BackfillRunWithExports,
} from "../models/backfill.server.ts";
import { retryWhileDatabaseBusy } from "../models/database-busy.server.ts";
import { findWebhookEvent } from "../models/webhook-events.server.ts";
import { adminGraphql, AdminApiError, requireNoUserErrors } from "../shopify/admin-client.server.ts";
import { BackfillCustomers } from "../shopify/operations/BackfillCustomers.ts";
import { backfillOrdersQuery } from "../shopify/operations/BackfillOrders.ts";
import { BackfillScope, type BackfillScopeResult } from "../shopify/operations/BackfillScope.ts";
import { BulkOperationRunQuery, type BulkOperationRunQueryResult } from "../shopify/operations/BulkOperationRunQuery.ts";
import { BulkOperationStatus, type BulkOperationStatusResult } from "../shopify/operations/BulkOperationStatus.ts";

export const CHECK_BACKFILL_JOB = "checkBackfillExports";
export const IMPORT_BACKFILL_JOB = "importBackfillSlice";
export const BULK_OPERATION_FINISHED_JOB = "handleBulkOperationFinished";

/** How often a running export is polled when its bulk_operations/finish has not arrived. */
const CHECK_INTERVAL_MS = 10_000;

/** Shopify runs a limited number of bulk operations per shop; the job tries again later. */
export class BulkOperationsBusyError extends Error {
  override name = "BulkOperationsBusyError";
}

/**
 * Job startBackfillExports: records what the run may load and expects, then starts each export not started
 * yet (a retry after a crash starts only what is missing), then schedules the first check.
 */
export async function startBackfillExports(shop: string, runId: string, now: Date): Promise<void> {
  const run = await findBackfillRun(shop, runId);
  if (run === null || run.status !== "running") return;
  // The window is fixed by the run's own start, so a retry asks for the same orders.
  const { data } = await adminGraphql<BackfillScopeResult>(shop, BackfillScope, {
    recentOrdersSearch: ordersSearchFrom(recentOrdersSince(run.startedAt)),
  });
  const ordersSince = ordersSinceFor(
    data.currentAppInstallation.accessScopes.map((scope) => scope.handle),
    run.startedAt,
  );
  await saveBackfillScope(shop, runId, {
    ordersSince,
    expectedOrderCount: (ordersSince === null ? data.allOrders : data.recentOrders)?.count ?? 0,
    expectedCustomerCount: data.customersCount?.count ?? 0,
  });
  for (const entry of run.exports) {
    if (entry.bulkOperationGid !== null) continue;
    const query = entry.kind === "customers" ? BackfillCustomers : backfillOrdersQuery(ordersSearchFrom(ordersSince));
    const { data: started } = await adminGraphql<BulkOperationRunQueryResult>(shop, BulkOperationRunQuery, { query });
    const payload = started.bulkOperationRunQuery;
    const userErrors = payload?.userErrors ?? [];
    if (userErrors.some((error) => error.code === "LIMIT_REACHED" || error.code === "OPERATION_IN_PROGRESS")) {
      await saveBackfillProblem(shop, runId, { code: "BULK_LIMIT_REACHED", detail: userErrors.map((error) => error.message).join("; ") });
      throw new BulkOperationsBusyError(`Shopify is running as many bulk operations for ${shop} as it allows; the ${entry.kind} export waits`);
    }
    requireNoUserErrors("bulkOperationRunQuery", userErrors);
    if (!payload?.bulkOperation) throw new TerminalJobError("bulkOperationRunQuery returned no bulk operation");
    await saveExportStarted(shop, entry.id, payload.bulkOperation.id, payload.bulkOperation.status);
    log.info("backfill export started", { shop, runId, kind: entry.kind, bulkOperationGid: payload.bulkOperation.id });
  }
  await saveBackfillProblem(shop, runId, null);
  await scheduleCheck(shop, runId, 0, new Date(now.getTime() + CHECK_INTERVAL_MS));
}

async function scheduleCheck(shop: string, runId: string, round: number, runAt: Date): Promise<void> {
  await enqueueJob({ shop, name: CHECK_BACKFILL_JOB, payload: { runId, round }, runAt, uniqueKey: `${runId}-${round}` });
}

/** Job checkBackfillExports: polls every export still being written, and checks again later while any is. */
export async function checkBackfillExports(shop: string, runId: string, round: number, now: Date): Promise<void> {
  const run = await findBackfillRun(shop, runId);
  if (run === null || run.status !== "running") return;
  let stillExporting = false;
  for (const entry of run.exports) {
    if (entry.operationStatus === "COMPLETED") continue;
    stillExporting = (await refreshExport(shop, run, entry, now)) || stillExporting;
  }
  if (stillExporting) await scheduleCheck(shop, runId, round + 1, new Date(now.getTime() + CHECK_INTERVAL_MS));
}

/** Job for bulk_operations/finish: the operation named is read again by id (the payload has no URL). */
export async function handleBulkOperationFinished(shop: string, webhookEventId: string, now: Date): Promise<void> {
  const event = await findWebhookEvent(shop, webhookEventId);
  if (event === null) return;
  const payload = parseBulkOperationFinishPayload(event.payload);
  if (!payload.ok) throw new TerminalJobError(`bulk_operations/finish payload unreadable: ${payload.reason} at "${payload.path}"`);
  const entry = await findExportByOperation(shop, payload.bulkOperationGid);
  if (entry === null) {
    log.info("bulk operation finished that is no backfill export", { shop, bulkOperationGid: payload.bulkOperationGid });
    return;
  }
  const run = await findBackfillRun(shop, entry.runId);
  if (run === null || run.status !== "running" || entry.operationStatus === "COMPLETED") return;
  await refreshExport(shop, run, entry, now);
}

/** Reads the export's operation and acts on it; true while Shopify is still writing it. */
async function refreshExport(shop: string, run: BackfillRunWithExports, entry: BackfillExportRecord, now: Date): Promise<boolean> {
  if (entry.bulkOperationGid === null) return true;
  const { data } = await adminGraphql<BulkOperationStatusResult>(shop, BulkOperationStatus, { id: entry.bulkOperationGid });
  const operation = data.node;
  if (operation === null) {
    await failBackfill(shop, run, "EXPORT_FAILED", `${entry.kind} export ${entry.bulkOperationGid} no longer exists`, now);
    return false;
  }
  const changed = await saveOperationState(shop, entry.id, {
    status: operation.status,
    errorCode: operation.errorCode,
    objectCount: Number(operation.objectCount),
    rootObjectCount: Number(operation.rootObjectCount),
    url: operation.url,
  });
  if (operation.status === "CREATED" || operation.status === "RUNNING" || operation.status === "CANCELING") return true;
  if (operation.status !== "COMPLETED") {
    await failBackfill(shop, run, "EXPORT_FAILED", `${entry.kind} export ${operation.status}${operation.errorCode ? ` (${operation.errorCode})` : ""}`, now);
    return false;
  }
  if (changed) {
    if (entry.kind === "orders") await saveExpectedOrderCount(shop, run.id, Number(operation.rootObjectCount));
    await enqueueJob({ shop, name: IMPORT_BACKFILL_JOB, payload: { exportId: entry.id }, runAt: now, uniqueKey: `${entry.id}-first` });
    log.info("backfill export ready to import", { shop, runId: run.id, kind: entry.kind, objectCount: Number(operation.objectCount) });
  }
  return false;
}

/** Ends the run as failed with the reason Home shows, and drops what it had staged. */
export async function failBackfill(shop: string, run: Pick<BackfillRunWithExports, "id" | "exports">, problem: BackfillProblem, detail: string, now: Date): Promise<void> {
  const ended = await retryWhileDatabaseBusy(() => finishBackfillRun(shop, run.id, { status: "failed", errorCode: problem, errorDetail: detail }, now));
  if (!ended) return;
  for (const entry of run.exports) await retryWhileDatabaseBusy(() => deleteStagedLines(shop, entry.id));
  log.warn("backfill failed", { shop, runId: run.id, problem, detail });
}

/** The problem Home names for an error that ends a backfill. */
export function backfillProblemOf(error: unknown): BackfillProblem {
  if (error instanceof BulkOperationsBusyError) return "BULK_LIMIT_REACHED";
  if (!(error instanceof AdminApiError)) return "UNEXPECTED";
  if (error.failure === "no-session" || error.failure === "unauthorized") return "NO_ACCESS";
  if (error.failure === "throttled" || error.failure === "unavailable") return "SHOPIFY_UNAVAILABLE";
  return "UNEXPECTED";
}
