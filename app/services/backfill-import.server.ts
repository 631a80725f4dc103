// Kizuna's side of a backfill (docs/decisions/010): stream an export's JSONL over HTTP and import it
// in slices of a few seconds, each batch committed in one transaction together with its checkpoint.
//
// - Customers: every line is a whole customer, merged as it is read.
// - Orders: a LineItem line comes after its order line but, with groupObjects: false, at any later
//   point of the file, so no order is complete before the file has ended. The lines are staged
//   first (bounded memory, resumable), then merged an order at a time with all its line items.
//
// Merging goes through the same domain rules as webhooks (applyOrderUpdate keeps whichever copy
// of an order is newer, refunds merge by GID; applyCustomerUpdate likewise), so a batch applied
// twice, or a webhook arriving during the backfill, never counts anything twice.
import type { Prisma } from "@prisma/client";
import { prisma } from "../db.server.ts";
import { applyCustomerUpdate, type CustomerState } from "../domain/customers.ts";
import { readBulkCustomer } from "../domain/ingest/bulk-customers.ts";
import type { CustomerFact } from "../domain/ingest/customer-payload.ts";
import { readBulkLine } from "../domain/ingest/bulk-lines.ts";
import { readBulkOrder } from "../domain/ingest/bulk-orders.ts";
import { createJsonlSplitter, type JsonlLine } from "../domain/ingest/jsonl.ts";
import type { PayloadError } from "../domain/ingest/shopify-json.ts";
import { applyOrderUpdate, type OrderFact, type OrderState } from "../domain/orders.ts";
import { requestShopRecompute } from "../jobs/analytics-requests.server.ts";
import { enqueueJob } from "../jobs/queue.server.ts";
import { log } from "../log.server.ts";
import {
  advanceDownload,
  advanceMerge,
  deleteStagedLines,
  findBackfillExport,
  findBackfillRun,
  findStagedOrders,
  finishBackfillRun,
  stageLines,
  type BackfillExportRecord,
  type StagedLine,
} from "../models/backfill.server.ts";
import { findCustomerStates, saveCustomerStates } from "../models/customers.server.ts";
import { retryWhileDatabaseBusy } from "../models/database-busy.server.ts";
import { findOrderStates, saveOrderStates } from "../models/orders.server.ts";
import { findShop } from "../models/shops.server.ts";
import { failBackfill, IMPORT_BACKFILL_JOB } from "./backfill-export.server.ts";

/** A slice ends at its first batch boundary after this long, so webhook jobs wait at most about this long. */
const SLICE_MS = 2_000;
/** Small transactions: SQLite has one writer, and a webhook must not wait long for it. */
const CUSTOMERS_PER_BATCH = 250;
const STAGED_LINES_PER_BATCH = 500;
const ORDERS_PER_MERGE = 100;
const DOWNLOAD_TIMEOUT_MS = 60_000;

export type ImportSliceHooks = {
  /** Called between batches: keeps the job's lease alive, and throws if another worker took it. */
  keepLease: () => Promise<void>;
  now: () => Date;
};

function inWriteTransaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return retryWhileDatabaseBusy(() => prisma.$transaction(work));
}

/** The export file is gone (Shopify keeps it 7 days) or refused: only a new backfill can help. */
class ExportFileUnavailableError extends Error {
  override name = "ExportFileUnavailableError";
}

/**
 * Job importBackfillSlice: one slice of an export's import, then the next slice as a new job (so
 * other jobs run in between), or, once both exports of the run are in, the run's completion.
 */
export async function importBackfillSlice(shop: string, exportId: string, hooks: ImportSliceHooks): Promise<void> {
  const entry = await findBackfillExport(shop, exportId);
  const run = entry && (await findBackfillRun(shop, entry.runId));
  if (!entry || !run || run.status !== "running") return;
  const shopRecord = await findShop(shop);
  if (shopRecord === null || shopRecord.uninstalledAt !== null) {
    await failBackfill(shop, run, "UNINSTALLED", "the app was uninstalled during the backfill", hooks.now());
    return;
  }
  const deadline = Date.now() + SLICE_MS;
  try {
    if (entry.downloadedAt === null) await downloadSlice(entry, deadline, hooks);
    else if (entry.importedAt === null) await mergeSlice(entry, deadline, hooks);
  } catch (error) {
    if (!(error instanceof ExportFileUnavailableError)) throw error;
    await failBackfill(shop, run, "EXPORT_FILE_UNAVAILABLE", error.message, hooks.now());
    return;
  }
  // A slice that imported the last batch, or a retry of one that crashed after it, finishes the export.
  const after = await findBackfillExport(shop, exportId);
  if (after === null) return;
  if (after.importedAt === null) {
    const stage = after.downloadedAt === null ? "download" : "merge";
    await enqueueJob({
      shop,
      name: IMPORT_BACKFILL_JOB,
      payload: { exportId },
      runAt: hooks.now(),
      uniqueKey: `${exportId}-${stage}-${after.linesRead}-${after.mergedThroughLine}`,
    });
    return;
  }
  await retryWhileDatabaseBusy(() => deleteStagedLines(shop, exportId));
  log.info("backfill export imported", { shop, runId: run.id, kind: after.kind, records: after.recordsImported, skipped: after.skippedLines });
  await completeIfImported(shop, run.id, hooks.now());
}

async function completeIfImported(shop: string, runId: string, now: Date): Promise<void> {
  const run = await findBackfillRun(shop, runId);
  if (run === null || run.exports.some((entry) => entry.importedAt === null)) return;
  const completed = await inWriteTransaction(async (tx) => {
    if (!(await finishBackfillRun(shop, runId, { status: "completed" }, now, tx))) return false;
    await requestShopRecompute(shop, { kind: "backfill", id: runId }, tx);
    return true;
  });
  if (completed) log.info("backfill completed", { shop, runId });
}

type Checkpoint = { linesRead: number; bytesRead: number; recordsImported: number; skippedLines: number; lastSkipReason: string | null };

function describeSkip(lineNumber: number, error: PayloadError): string {
  return `line ${lineNumber}: ${error.reason} at "${error.path}"`;
}

/**
 * Reads the file from the byte after the checkpoint (HTTP Range; a server that ignores it is read
 * from the start and the known bytes skipped), commits a batch at a time, and stops at the first
 * batch boundary after the deadline or at the end of the file.
 */
async function downloadSlice(entry: BackfillExportRecord, deadline: number, hooks: ImportSliceHooks): Promise<void> {
  let checkpoint: Checkpoint = {
    linesRead: entry.linesRead,
    bytesRead: entry.bytesRead,
    recordsImported: entry.recordsImported,
    skippedLines: entry.skippedLines,
    lastSkipReason: entry.lastSkipReason,
  };
  const commit = async (lines: readonly JsonlLine[], ended: boolean) => {
    checkpoint = await commitBatch(entry, checkpoint, lines, ended, hooks.now());
    await hooks.keepLease();
  };
  if (entry.url === null) {
    // Shopify writes no file for an export that matched nothing.
    await commit([], true);
    return;
  }
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), DOWNLOAD_TIMEOUT_MS);
  try {
    const response = await fetch(entry.url, {
      headers: checkpoint.bytesRead > 0 ? { Range: `bytes=${checkpoint.bytesRead}-` } : {},
      signal: controller.signal,
    });
    if (response.status === 416) {
      await commit([], true);
      return;
    }
    if (response.status === 403 || response.status === 404 || response.status === 410) {
      throw new ExportFileUnavailableError(`the ${entry.kind} export file answered HTTP ${response.status}`);
    }
    if (!response.ok || response.body === null) throw new Error(`the ${entry.kind} export file answered HTTP ${response.status}`);
    let bytesToSkip = response.status === 206 ? 0 : checkpoint.bytesRead;
    const splitter = createJsonlSplitter();
    let batch: JsonlLine[] = [];
    const batchSize = entry.kind === "customers" ? CUSTOMERS_PER_BATCH : STAGED_LINES_PER_BATCH;
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      let bytes: Uint8Array = read.value;
      if (bytesToSkip > 0) {
        const skipped = Math.min(bytesToSkip, bytes.length);
        bytes = bytes.subarray(skipped);
        bytesToSkip -= skipped;
      }
      for (const line of splitter.push(bytes)) {
        batch.push(line);
        if (batch.length < batchSize) continue;
        await commit(batch, false);
        batch = [];
        if (Date.now() >= deadline) return;
      }
    }
    await commit([...batch, ...splitter.end()], true);
  } finally {
    clearTimeout(timeout);
    controller.abort();
  }
}

/** One batch of lines and the checkpoint after them, in one transaction. */
async function commitBatch(entry: BackfillExportRecord, checkpoint: Checkpoint, lines: readonly JsonlLine[], ended: boolean, now: Date): Promise<Checkpoint> {
  const { shop } = entry;
  return inWriteTransaction(async (tx) => {
    const next: Checkpoint = {
      ...checkpoint,
      linesRead: checkpoint.linesRead + lines.length,
      bytesRead: lines.reduce((sum, line) => sum + line.byteLength, checkpoint.bytesRead),
    };
    const staged: StagedLine[] = [];
    const customers: CustomerFact[] = [];
    for (const [index, line] of lines.entries()) {
      const lineNumber = checkpoint.linesRead + index + 1;
      if (line.text.trim() === "") continue;
      const read = readBulkLine(line.text);
      const customer = read.ok && entry.kind === "customers" ? readBulkCustomer(read.line.json) : null;
      const failure = !read.ok ? read : customer !== null && !customer.ok ? customer : null;
      if (failure !== null) {
        next.skippedLines += 1;
        next.lastSkipReason = describeSkip(lineNumber, failure);
      } else if (customer?.ok) customers.push(customer.customer);
      else if (read.ok) staged.push({ lineNumber, gid: read.line.gid, parentGid: read.line.parentGid, body: line.text });
    }
    next.recordsImported += await mergeCustomers(shop, customers, now, tx);
    await stageLines(shop, entry.id, staged, tx);
    const importedAt = ended && entry.kind === "customers" ? now : null;
    await advanceDownload(shop, entry.id, checkpoint, { ...next, downloadedAt: ended ? now : null, importedAt }, tx);
    return next;
  });
}

/** Merges customers as the customers/* webhooks are merged; returns how many. */
async function mergeCustomers(shop: string, customers: readonly CustomerFact[], now: Date, tx: Prisma.TransactionClient): Promise<number> {
  if (customers.length === 0) return 0;
  const stored = await findCustomerStates(shop, customers.map((customer) => customer.customerGid), tx);
  const merged = new Map<string, CustomerState>();
  for (const customer of customers) {
    merged.set(customer.customerGid, applyCustomerUpdate(merged.get(customer.customerGid) ?? stored.get(customer.customerGid) ?? null, customer));
  }
  await saveCustomerStates(shop, [...merged.values()], now, tx);
  return customers.length;
}

/** Merges orders as the orders/* webhooks are merged (the newer copy of each wins); returns how many. */
async function mergeOrders(shop: string, orders: readonly OrderFact[], tx: Prisma.TransactionClient): Promise<number> {
  if (orders.length === 0) return 0;
  const stored = await findOrderStates(shop, orders.map((order) => order.orderGid), tx);
  const merged = new Map<string, OrderState>();
  for (const order of orders) merged.set(order.orderGid, applyOrderUpdate(merged.get(order.orderGid) ?? stored.get(order.orderGid) ?? null, order));
  await saveOrderStates(shop, [...merged.values()], "backfill", tx);
  return orders.length;
}

/** Merges staged orders, each with all of its line items, a batch at a time, until the deadline or the end. */
async function mergeSlice(entry: BackfillExportRecord, deadline: number, hooks: ImportSliceHooks): Promise<void> {
  const { shop } = entry;
  let checkpoint = {
    mergedThroughLine: entry.mergedThroughLine,
    recordsImported: entry.recordsImported,
    skippedLines: entry.skippedLines,
    lastSkipReason: entry.lastSkipReason,
  };
  for (;;) {
    const orders = await findStagedOrders(shop, entry.id, checkpoint.mergedThroughLine, ORDERS_PER_MERGE);
    const now = hooks.now();
    const from = checkpoint;
    const next = await inWriteTransaction(async (tx) => {
      const counted = { ...from, mergedThroughLine: orders.at(-1)?.lineNumber ?? from.mergedThroughLine };
      const facts: OrderFact[] = [];
      for (const staged of orders) {
        const root = readBulkLine(staged.body);
        const children = staged.children.flatMap((body) => {
          const child = readBulkLine(body);
          return child.ok ? [child.line.json] : [];
        });
        const read = root.ok ? readBulkOrder(root.line.json, children) : root;
        if (read.ok) facts.push(read.order);
        else {
          counted.skippedLines += 1;
          counted.lastSkipReason = describeSkip(staged.lineNumber, read);
        }
      }
      counted.recordsImported += await mergeOrders(shop, facts, tx);
      await advanceMerge(shop, entry.id, from, { ...counted, importedAt: orders.length === 0 ? now : null }, tx);
      return counted;
    });
    checkpoint = next;
    await hooks.keepLease();
    if (orders.length === 0 || Date.now() >= deadline) return;
  }
}
