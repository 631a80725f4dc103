// The admin's Import orders page: the upload (streamed to disk under IMPORT_UPLOAD_DIR, capped at
// IMPORT_MAX_BYTES, then imported by a job), and the shop's imports with their progress and bad rows.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import {
  MaxPartSizeExceededError,
  NodeOnDiskFile,
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createFileUploadHandler as createFileUploadHandler,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { z } from "zod";
import { CSV_FORMAT_CHOICES } from "../domain/ingest/orders-csv.ts";
import type { RowError } from "../domain/ingest/row-error.ts";
import { env } from "../env.server.ts";
import { findImportRun, listImportRuns, type ImportRun } from "../models/import-runs.server.ts";
import { findShop } from "../models/shops.server.ts";
import { queueOrderImport } from "./order-import.server.ts";

const HISTORY_LENGTH = 20;
/** Room for the multipart boundaries and the format field around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const FILE_NAME_LENGTH = 200;
const FIELD_BYTES = 1024;

export type ImportRunView = Omit<ImportRun, "shop" | "filePath" | "badRows"> & {
  /** 0–100; a running import shows at most 99 until its last batch is written. */
  percent: number;
};

export type ImportPage = {
  timeZone: string;
  maxUploadBytes: number;
  /** The run asked for by id, or the newest; null when the shop has none (or the id is not the shop's). */
  selected: (ImportRunView & { badRows: RowError[] }) | null;
  history: ImportRunView[];
};

export async function getImportPage(shop: string, selectedRunId: string | null): Promise<ImportPage> {
  const [record, history] = await Promise.all([findShop(shop), listImportRuns(shop, HISTORY_LENGTH)]);
  const selected = selectedRunId === null ? (history[0] ?? null) : await findImportRun(shop, selectedRunId);
  return {
    timeZone: record?.ianaTimezone ?? "UTC",
    maxUploadBytes: env.IMPORT_MAX_BYTES,
    selected: selected && { ...toView(selected), badRows: selected.badRows },
    history: history.map(toView),
  };
}

function toView({ shop: _shop, filePath: _filePath, badRows: _badRows, ...run }: ImportRun): ImportRunView {
  const readPercent = run.bytesTotal === 0 ? 0 : Math.floor((run.bytesRead / run.bytesTotal) * 100);
  const percent = run.status === "done" ? 100 : run.status === "queued" ? 0 : Math.min(99, readPercent);
  return { ...run, percent };
}

export type UploadResult = { ok: true; importRunId: string } | { ok: false; error: "NO_FILE" | "FILE_TOO_LARGE" | "INVALID_FORMAT" };

const uploadFields = z.object({ format: z.enum(CSV_FORMAT_CHOICES).default("auto") });

/** Streams the uploaded file to disk and queues its import; nothing is kept when the upload is refused. */
export async function uploadOrdersFile(shop: string, request: Request, now: Date): Promise<UploadResult> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return { ok: false, error: "NO_FILE" };
  const declaredBytes = Number(request.headers.get("content-length") ?? "0");
  if (declaredBytes > env.IMPORT_MAX_BYTES + MULTIPART_OVERHEAD_BYTES) return { ok: false, error: "FILE_TOO_LARGE" };
  let fileName = "";
  const saveToDisk = createFileUploadHandler({
    directory: join(env.IMPORT_UPLOAD_DIR, shop),
    file: ({ filename }) => {
      fileName = filename.slice(-FILE_NAME_LENGTH);
      return randomUUID();
    },
    maxPartSize: env.IMPORT_MAX_BYTES,
    filter: ({ name }) => name === "file",
  });
  let form: FormData;
  try {
    form = await parseMultipartFormData(request, composeUploadHandlers(saveToDisk, createMemoryUploadHandler({ maxPartSize: FIELD_BYTES })));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, error: "FILE_TOO_LARGE" };
    throw error;
  }
  const file = form.get("file");
  if (!(file instanceof NodeOnDiskFile)) return { ok: false, error: "NO_FILE" };
  const fields = uploadFields.safeParse({ format: form.get("format") ?? undefined });
  if (!fields.success || file.size === 0) {
    await file.remove();
    return { ok: false, error: fields.success ? "NO_FILE" : "INVALID_FORMAT" };
  }
  const run = await queueOrderImport(
    shop,
    { origin: "upload", fileName, filePath: file.getFilePath(), requestedFormat: fields.data.format, bytesTotal: file.size },
    now,
  );
  return { ok: true, importRunId: run.id };
}
