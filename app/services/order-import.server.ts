// CSV order import (product.md §1): streams a Shopify orders export, a generic CSV or Online Retail
// (plain or gzip) through the domain's parser and writes the orders in batches, one transaction each,
// with the run's progress in the same transaction. Writing is idempotent (the domain's merge, and
// nothing written when nothing changes), and a restarted run re-reads the file and resumes after the
// last committed batch, so a job that dies loses nothing and counts nothing twice.
import { open, rm } from "node:fs/promises";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import type { Prisma } from "@prisma/client";
import { prisma } from "../db.server.ts";
import type { CustomerState } from "../domain/customers.ts";
import type { ImportedOrder, OrdersCsvBatch } from "../domain/ingest/imported-order.ts";
import {
  checkShopCurrency,
  chooseCustomerByEmail,
  importedCustomerGid,
  importedCustomerState,
  planOrderWrite,
  toOrderFact,
} from "../domain/ingest/order-import.ts";
import type { OrderWrite } from "../domain/ingest/order-import.ts";
import { createOrdersCsvImport, isFormatOfChoice } from "../domain/ingest/orders-csv.ts";
import type { CsvFormatChoice } from "../domain/ingest/orders-csv.ts";
import type { RowError } from "../domain/ingest/row-error.ts";
import type { OrderFact, OrderState } from "../domain/orders.ts";
import { requestShopRecompute } from "../jobs/analytics-requests.server.ts";
import { enqueueJob } from "../jobs/queue.server.ts";
import { log } from "../log.server.ts";
import { findCustomerGidsByEmail, findStoredCustomerGids, saveNewCustomers } from "../models/customers.server.ts";
import { retryWhileDatabaseBusy } from "../models/database-busy.server.ts";
import {
  createImportRun,
  findImportRun,
  saveImportFinished,
  saveImportProgress,
  saveImportStarted,
  type ImportFailureReason,
  type ImportOrigin,
  type ImportReading,
  type ImportRun,
  type ImportWriting,
} from "../models/import-runs.server.ts";
import { findOrderStates, saveNewOrderStates, saveOrderState } from "../models/orders.server.ts";
import { findShop } from "../models/shops.server.ts";

export const IMPORT_ORDERS_JOB = "importOrders";

/** Bad rows kept with the run for the admin and the CLI; the count covers them all. */
export const KEPT_BAD_ROWS = 100;

// One transaction per batch keeps SQLite's single write lock short enough for webhooks to get
// through between batches (they wait up to 1.5 s, database-busy.server.ts). Prisma binds at most
// 999 parameters on SQLite, which caps the `in` lists of a batch's reads.
const ORDERS_PER_BATCH = 500;
const LINE_ITEMS_PER_BATCH = 10_000;
// Progress is also written this often between batches, when many rows make few orders or none.
const PROGRESS_EVERY_BYTES = 1024 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b];
const TRANSACTION_TIMEOUT_MS = 60_000;

export type QueueOrderImportInput = {
  origin: ImportOrigin;
  fileName: string;
  filePath: string;
  requestedFormat: CsvFormatChoice;
  bytesTotal: number;
};

/** Records the run and its job in one transaction: the job exists exactly when the run does. */
export async function queueOrderImport(shop: string, input: QueueOrderImportInput, now: Date): Promise<ImportRun> {
  return prisma.$transaction(async (tx) => {
    const run = await createImportRun(shop, input, now, tx);
    await enqueueJob({ shop, name: IMPORT_ORDERS_JOB, payload: { importRunId: run.id }, uniqueKey: run.id, maxAttempts: 5 }, tx);
    return run;
  });
}

/** A run for the command line, which imports at once instead of through the job queue. */
export async function createCommandLineImport(shop: string, input: Omit<QueueOrderImportInput, "origin">, now: Date): Promise<ImportRun> {
  return createImportRun(shop, { ...input, origin: "command-line" }, now);
}

export type RunOrderImportOptions = {
  clock?: () => Date;
  /** Called whenever progress is recorded, with the run as stored. */
  onProgress?: (run: ImportRun) => void;
};

/**
 * Runs an import to its end, or resumes one that an earlier attempt left running. Problems with the
 * file end the run as failed with a reason; anything else throws, to be retried. Returns null when
 * the run no longer exists (the shop was erased meanwhile).
 */
export async function runOrderImport(shop: string, importRunId: string, options: RunOrderImportOptions = {}): Promise<ImportRun | null> {
  const clock = options.clock ?? (() => new Date());
  const run = await findImportRun(shop, importRunId);
  if (run === null || run.status === "done" || run.status === "failed") return run;
  const shopCurrency = (await findShop(shop))?.currencyCode || null;
  if (shopCurrency === null) return finish(run, { status: "failed", failureReason: "SHOP_CURRENCY_UNKNOWN" }, clock());
  await saveImportStarted(shop, run.id, clock());
  const importer = new OrderImporter(run, shopCurrency, clock, options.onProgress);
  const failureReason = await importer.importFile();
  if (failureReason !== null) return finish(run, { status: "failed", failureReason }, clock());
  const done = await finish(run, { status: "done" }, clock(), importer.hasChangedOrders());
  log.info("orders imported", { shop, importRunId, format: done.format, ordersSaved: done.ordersSaved, badRowCount: done.badRowCount });
  return done;
}

/** Ends a run for good after its last attempt failed unexpectedly, so the admin does not wait forever. */
export async function failOrderImport(shop: string, importRunId: string, now: Date): Promise<void> {
  const run = await findImportRun(shop, importRunId);
  if (run !== null && run.status !== "done") await finish(run, { status: "failed", failureReason: "INTERNAL_ERROR" }, now);
}

async function finish(
  run: ImportRun,
  outcome: { status: "done" } | { status: "failed"; failureReason: ImportFailureReason },
  now: Date,
  ordersChanged = false,
): Promise<ImportRun> {
  await retryWhileDatabaseBusy(() =>
    prisma.$transaction(async (tx) => {
      await saveImportFinished(run.shop, run.id, outcome, now, tx);
      if (ordersChanged) await requestShopRecompute(run.shop, { kind: "import", id: run.id }, tx);
    }),
  );
  // An uploaded file holds customer data: it is kept only while its import may still need it.
  if (run.origin === "upload") await rm(run.filePath, { force: true });
  const finished = await findImportRun(run.shop, run.id);
  if (finished === null) throw new Error(`import run ${run.id} vanished while finishing`);
  return finished;
}

class FileProblem extends Error {
  readonly reason: ImportFailureReason;
  constructor(reason: ImportFailureReason) {
    super(reason);
    this.reason = reason;
  }
}

// The state of one attempt at a run: the counts read from the file so far, the orders waiting for the
// next batch, and the customers this attempt has already resolved.
class OrderImporter {
  private readonly run: ImportRun;
  private readonly shop: string;
  private readonly shopCurrency: string;
  private readonly clock: () => Date;
  private readonly onProgress: ((run: ImportRun) => void) | undefined;
  private readonly reading: ImportReading = { format: null, bytesRead: 0, linesRead: 0, skippedRows: 0, badRowCount: 0, badRows: [] };
  private readonly writing: ImportWriting;
  private readonly resumeAfter: number;
  private ordersSeen = 0;
  private pending: ImportedOrder[] = [];
  private pendingLineItems = 0;
  private progressSavedAtBytes = 0;
  private readonly customerGidByEmail = new Map<string, string>();
  private readonly storedCustomerGids = new Set<string>();

  constructor(run: ImportRun, shopCurrency: string, clock: () => Date, onProgress?: (run: ImportRun) => void) {
    this.run = run;
    this.clock = clock;
    this.shop = run.shop;
    this.shopCurrency = shopCurrency;
    this.onProgress = onProgress;
    this.writing = { ordersSaved: run.ordersSaved, ordersCreated: run.ordersCreated, ordersUpdated: run.ordersUpdated, customersCreated: run.customersCreated };
    this.resumeAfter = run.ordersSaved;
  }

  hasChangedOrders(): boolean {
    return this.writing.ordersCreated + this.writing.ordersUpdated > 0;
  }

  /** Reads and writes the whole file; returns why the file cannot be imported, or null. */
  async importFile(): Promise<ImportFailureReason | null> {
    const csvImport = createOrdersCsvImport({ shopCurrency: this.shopCurrency });
    let file: OpenedFile;
    try {
      file = await openOrdersFile(this.run.filePath);
    } catch (error) {
      if (isFileError(error)) return "UNREADABLE_FILE";
      throw error;
    }
    try {
      for await (const chunk of file.text) {
        const text = chunk as string;
        this.reading.bytesRead = file.bytesRead();
        this.reading.linesRead += countLineBreaks(text);
        await this.absorb(csvImport.feed(text), csvImport.format());
        if (this.reading.bytesRead - this.progressSavedAtBytes >= PROGRESS_EVERY_BYTES) await this.saveProgress();
      }
      await this.absorb(csvImport.end(), csvImport.format());
      await this.writePending();
    } catch (error) {
      file.text.destroy();
      if (error instanceof FileProblem) return error.reason;
      if (isGzipError(error)) return "NOT_GZIP";
      if (isFileError(error)) return "UNREADABLE_FILE";
      throw error;
    }
    if (this.reading.format === null) return "EMPTY_FILE";
    await this.saveProgress();
    return null;
  }

  private async absorb(batch: OrdersCsvBatch, format: ImportReading["format"]): Promise<void> {
    if (this.reading.format === null && format !== null) {
      if (!isFormatOfChoice(format, this.run.requestedFormat)) throw new FileProblem("FORMAT_MISMATCH");
      this.reading.format = format;
    }
    if (batch.errors.some((error) => error.message === "UNRECOGNISED_HEADER")) throw new FileProblem("UNRECOGNISED_HEADER");
    this.reading.skippedRows += batch.skippedRows;
    const errors = [...batch.errors];
    const orders: ImportedOrder[] = [];
    for (const order of batch.orders) {
      const currencyError = checkShopCurrency(order, this.shopCurrency);
      if (currencyError) errors.push(currencyError);
      else orders.push(order);
    }
    this.report(errors.sort((a, b) => a.line - b.line));
    for (const order of orders) {
      this.ordersSeen += 1;
      if (this.ordersSeen <= this.resumeAfter) continue;
      this.pending.push(order);
      this.pendingLineItems += order.lineItems.length;
      if (this.pending.length >= ORDERS_PER_BATCH || this.pendingLineItems >= LINE_ITEMS_PER_BATCH) await this.writePending();
    }
  }

  private report(errors: readonly RowError[]): void {
    this.reading.badRowCount += errors.length;
    for (const error of errors) if (this.reading.badRows.length < KEPT_BAD_ROWS) this.reading.badRows.push(error);
  }

  private async saveProgress(): Promise<void> {
    this.progressSavedAtBytes = this.reading.bytesRead;
    await retryWhileDatabaseBusy(() => saveImportProgress(this.shop, this.run.id, this.reading));
    this.notify();
  }

  private notify(): void {
    this.onProgress?.({ ...this.run, status: "running", ...this.reading, ...this.writing });
  }

  private async writePending(): Promise<void> {
    if (this.pending.length === 0) return;
    const orders = this.pending;
    this.pending = [];
    this.pendingLineItems = 0;
    const result = await retryWhileDatabaseBusy(() =>
      prisma.$transaction((tx) => this.writeBatch(orders, tx), { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS }),
    );
    Object.assign(this.writing, result.writing);
    for (const gid of result.createdCustomerGids) this.storedCustomerGids.add(gid);
    this.progressSavedAtBytes = this.reading.bytesRead;
    this.notify();
  }

  private async writeBatch(orders: readonly ImportedOrder[], tx: Prisma.TransactionClient) {
    const customerGids = await this.resolveCustomers(orders, tx);
    const newCustomers = await this.findNewCustomers(orders, customerGids, tx);
    const facts = orders.map((order) => toOrderFact(order, customerGids.get(order) ?? null));
    const stored = await findOrderStates(this.shop, facts.map((fact) => fact.orderGid), tx);
    const writes = planWrites(facts, stored);
    const created = writes.filter((write) => write.kind === "create").map((write) => write.order);
    const updated = writes.filter((write) => write.kind === "update").map((write) => write.order);
    const now = this.clock();
    await saveNewCustomers(this.shop, newCustomers, now, tx);
    await saveNewOrderStates(this.shop, created, "import", now, tx);
    for (const order of updated) await saveOrderState(this.shop, order, "import", tx);
    const writing: ImportWriting = {
      ordersSaved: this.writing.ordersSaved + orders.length,
      ordersCreated: this.writing.ordersCreated + created.length,
      ordersUpdated: this.writing.ordersUpdated + updated.length,
      customersCreated: this.writing.customersCreated + newCustomers.length,
    };
    await saveImportProgress(this.shop, this.run.id, { ...this.reading, ...writing }, tx);
    return { writing, createdCustomerGids: newCustomers.map((customer) => customer.customerGid) };
  }

  /** Each order's customer: a customer of the shop with the order's e-mail, or one of Kizuna's own GIDs. */
  private async resolveCustomers(orders: readonly ImportedOrder[], tx: Prisma.TransactionClient): Promise<Map<ImportedOrder, string>> {
    const unknownEmails = new Set<string>();
    for (const order of orders)
      if (order.customer?.kind === "email" && !this.customerGidByEmail.has(order.customer.email)) unknownEmails.add(order.customer.email);
    const candidates = await findCustomerGidsByEmail(this.shop, [...unknownEmails], tx);
    const gids = new Map<ImportedOrder, string>();
    for (const order of orders) {
      const customer = order.customer;
      if (customer === null) continue;
      if (customer.kind === "externalId") {
        gids.set(order, importedCustomerGid(customer));
        continue;
      }
      let gid = this.customerGidByEmail.get(customer.email);
      if (gid === undefined) {
        gid = chooseCustomerByEmail(candidates.get(customer.email) ?? []) ?? importedCustomerGid(customer);
        this.customerGidByEmail.set(customer.email, gid);
      }
      gids.set(order, gid);
    }
    return gids;
  }

  private async findNewCustomers(
    orders: readonly ImportedOrder[],
    customerGids: ReadonlyMap<ImportedOrder, string>,
    tx: Prisma.TransactionClient,
  ): Promise<CustomerState[]> {
    const unresolved = new Map<string, CustomerState>();
    for (const order of orders) {
      const gid = customerGids.get(order);
      if (order.customer === null || gid === undefined || this.storedCustomerGids.has(gid) || unresolved.has(gid)) continue;
      unresolved.set(gid, importedCustomerState(order.customer, gid));
    }
    const stored = await findStoredCustomerGids(this.shop, [...unresolved.keys()], tx);
    for (const gid of stored) this.storedCustomerGids.add(gid);
    return [...unresolved.values()].filter((customer) => !stored.has(customer.customerGid));
  }
}

/**
 * Plans each order's write in file order. Two orders of one batch with the same GID (an export that
 * repeats a Shopify Id under another name) merge into one write instead of colliding.
 */
function planWrites(facts: readonly OrderFact[], stored: ReadonlyMap<string, OrderState>): OrderChange[] {
  const writes = new Map<string, OrderChange>();
  for (const fact of facts) {
    const earlier = writes.get(fact.orderGid);
    const base = earlier?.order ?? stored.get(fact.orderGid) ?? null;
    const write = planOrderWrite(base, fact);
    if (write.kind === "unchanged") continue;
    writes.set(fact.orderGid, earlier?.kind === "create" ? { kind: "create", order: write.order } : write);
  }
  return [...writes.values()];
}

type OrderChange = Exclude<OrderWrite, { kind: "unchanged" }>;

type OpenedFile = { text: Readable; bytesRead: () => number };

/** The file as UTF-8 text, through gunzip when its first bytes say gzip, whatever its name. */
async function openOrdersFile(path: string): Promise<OpenedFile> {
  const handle = await open(path);
  const head = Buffer.alloc(2);
  try {
    await handle.read(head, 0, 2, 0);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const bytes = handle.createReadStream({ start: 0 });
  const isGzip = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  // pipeline destroys both streams (and so closes the file) when either fails.
  const text = isGzip ? pipeline(bytes, createGunzip(), () => {}) : bytes;
  text.setEncoding("utf8");
  return { text, bytesRead: () => bytes.bytesRead };
}

function isFileError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === "string";
}

function isGzipError(error: unknown): boolean {
  return error instanceof Error && ((error as NodeJS.ErrnoException).code ?? "").startsWith("Z_");
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) count += 1;
  return count;
}
