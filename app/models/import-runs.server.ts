// CSV order imports as stored rows (prisma ImportRun): what was asked for, how far it got, and how it
// ended. Every read and write names the shop, so one shop never sees or moves another's imports.
import type { Prisma } from "@prisma/client";
import { prisma } from "../db.server.ts";
import type { CsvFormat, CsvFormatChoice } from "../domain/ingest/orders-csv.ts";
import type { RowError } from "../domain/ingest/row-error.ts";
import type { Database } from "./orders.server.ts";

export type ImportOrigin = "upload" | "command-line";
export type ImportStatus = "queued" | "running" | "done" | "failed";

/** Why a run stopped without importing the file; the admin and the CLI word each one. */
export type ImportFailureReason =
  | "UNREADABLE_FILE"
  | "NOT_GZIP"
  | "EMPTY_FILE"
  | "UNRECOGNISED_HEADER"
  | "FORMAT_MISMATCH"
  | "SHOP_CURRENCY_UNKNOWN"
  | "INTERNAL_ERROR";

/** What the parse has found so far; a restarted run counts it again from the top of the file. */
export type ImportReading = {
  format: CsvFormat | null;
  bytesRead: number;
  linesRead: number;
  skippedRows: number;
  badRowCount: number;
  badRows: RowError[];
};

/** What has been written; ordersSaved is the checkpoint a restarted run resumes after. */
export type ImportWriting = {
  ordersSaved: number;
  ordersCreated: number;
  ordersUpdated: number;
  customersCreated: number;
};

export type ImportRun = ImportReading &
  ImportWriting & {
    id: string;
    shop: string;
    origin: ImportOrigin;
    fileName: string;
    filePath: string;
    requestedFormat: CsvFormatChoice;
    status: ImportStatus;
    failureReason: ImportFailureReason | null;
    bytesTotal: number;
    createdAt: Date;
    startedAt: Date | null;
    finishedAt: Date | null;
  };

export type NewImportRun = {
  origin: ImportOrigin;
  fileName: string;
  filePath: string;
  requestedFormat: CsvFormatChoice;
  bytesTotal: number;
};

type ImportRunRow = Prisma.ImportRunGetPayload<object>;

function toImportRun(row: ImportRunRow): ImportRun {
  return {
    ...row,
    origin: row.origin as ImportOrigin,
    requestedFormat: row.requestedFormat as CsvFormatChoice,
    format: row.format as CsvFormat | null,
    status: row.status as ImportStatus,
    failureReason: row.failureReason as ImportFailureReason | null,
    badRows: JSON.parse(row.badRows) as RowError[],
  };
}

export async function createImportRun(shop: string, input: NewImportRun, now: Date, db: Database = prisma): Promise<ImportRun> {
  return toImportRun(await db.importRun.create({ data: { shop, ...input, createdAt: now } }));
}

export async function findImportRun(shop: string, id: string, db: Database = prisma): Promise<ImportRun | null> {
  const row = await db.importRun.findFirst({ where: { shop, id } });
  return row && toImportRun(row);
}

/** The shop's imports, newest first. */
export async function listImportRuns(shop: string, limit: number): Promise<ImportRun[]> {
  const rows = await prisma.importRun.findMany({ where: { shop }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
  return rows.map(toImportRun);
}

/** Marks the run as running and forgets what an earlier attempt had read, keeping what it wrote. */
export async function saveImportStarted(shop: string, id: string, now: Date): Promise<void> {
  const run = await prisma.importRun.findFirst({ where: { shop, id }, select: { startedAt: true } });
  await prisma.importRun.updateMany({
    where: { shop, id },
    data: { status: "running", startedAt: run?.startedAt ?? now, bytesRead: 0, linesRead: 0, skippedRows: 0, badRowCount: 0, badRows: "[]" },
  });
}

export async function saveImportProgress(
  shop: string,
  id: string,
  progress: ImportReading & Partial<ImportWriting>,
  db: Database = prisma,
): Promise<void> {
  await db.importRun.updateMany({ where: { shop, id }, data: { ...progress, badRows: JSON.stringify(progress.badRows) } });
}

export async function saveImportFinished(
  shop: string,
  id: string,
  outcome: { status: "done" } | { status: "failed"; failureReason: ImportFailureReason },
  now: Date,
  db: Database = prisma,
): Promise<void> {
  await db.importRun.updateMany({ where: { shop, id }, data: { ...outcome, finishedAt: now } });
}
