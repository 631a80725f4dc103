// `kizuna import`: the admin's CSV order import from the command line, against the database at
// DATABASE_URL (docs/cli.md). The store must already have Kizuna installed: its record holds the
// currency every imported order must be in, and a mistyped domain must not create a store.
import { stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CSV_FORMAT_CHOICES } from "../domain/ingest/orders-csv.ts";
import type { CsvFormatChoice } from "../domain/ingest/orders-csv.ts";
import type {
  ImportFailureReason,
  ImportRun,
} from "../models/import-runs.server.ts";
import { renderBadRows } from "./analyze-output.ts";
import { InputError } from "./command.ts";
import type { CommandIo } from "./command.ts";

export const IMPORT_USAGE = `Usage: kizuna import --shop <domain> [--format <name>] <file>

  --shop <domain>   the store, as its *.myshopify.com domain; Kizuna must be installed on it
  --format <name>   auto (default), shopify, generic, online-retail
  <file>            orders CSV, or .csv.gz (Shopify export, generic, Online Retail)

Imports the orders into the database at DATABASE_URL (default file:prisma/dev.sqlite) as the
admin's Import orders page does. Progress goes to stderr, the summary to stdout. Importing the
same file again changes nothing.
`;

const FAILURES: Readonly<Record<ImportFailureReason, string>> = {
  UNREADABLE_FILE: "cannot read the file",
  NOT_GZIP: "not a valid gzip file",
  EMPTY_FILE: "the file is empty",
  UNRECOGNISED_HEADER:
    "the first line is not a known orders header (expected a Shopify orders export, customer_id,order_id,date,amount[,currency], or Online Retail)",
  FORMAT_MISMATCH: "the file is not in the format given by --format",
  SHOP_CURRENCY_UNKNOWN:
    "Kizuna does not know the store's currency yet: open Kizuna in the store's admin once, then import again",
  INTERNAL_ERROR: "the import failed",
};

const PROGRESS_STEP_PERCENT = 10;

type ImportOptions = { shop: string; format: CsvFormatChoice; path: string };

function parseImportOptions(args: readonly string[]): ImportOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: true,
      options: {
        shop: { type: "string" },
        format: { type: "string", default: "auto" },
      },
    });
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.shop === undefined)
    throw new InputError("--shop <domain> is required");
  const format = values.format as CsvFormatChoice;
  if (!CSV_FORMAT_CHOICES.includes(format))
    throw new InputError(
      `unknown format "${values.format}" (use ${CSV_FORMAT_CHOICES.join(", ")})`,
    );
  const [path, ...extra] = positionals;
  if (path === undefined) throw new InputError("the orders file is required");
  if (extra.length > 0)
    throw new InputError(`one file at a time (also given: ${extra.join(" ")})`);
  return { shop: values.shop, format, path };
}

export async function runImport(
  args: readonly string[],
  io: CommandIo,
): Promise<void> {
  const options = parseImportOptions(args);
  const path = resolve(options.path);
  let bytesTotal: number;
  try {
    const file = await stat(path);
    if (!file.isFile())
      throw new InputError(
        `cannot read orders file ${options.path}: it is not a file`,
      );
    bytesTotal = file.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `cannot read orders file ${options.path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`,
    );
  }
  // Loaded only now, so that `kizuna analyze` and --help never open a database. The app's info log
  // lines would go to stdout between the summary's, so they are left out unless LOG_LEVEL asks.
  process.env.LOG_LEVEL ??= "warn";
  const { prisma } = await import("../db.server.ts");
  const { findShop } = await import("../models/shops.server.ts");
  const { createCommandLineImport, runOrderImport } =
    await import("../services/order-import.server.ts");
  try {
    if ((await findShop(options.shop)) === null)
      throw new InputError(
        `unknown shop ${options.shop}: Kizuna is not installed on it (in the database at DATABASE_URL)`,
      );
    const run = await createCommandLineImport(
      options.shop,
      {
        fileName: basename(path),
        filePath: path,
        requestedFormat: options.format,
        bytesTotal,
      },
      new Date(),
    );
    let reportedStep = -1;
    const finished = await runOrderImport(options.shop, run.id, {
      onProgress: (progress) => {
        const step = Math.floor(readPercent(progress) / PROGRESS_STEP_PERCENT);
        if (step === reportedStep) return;
        reportedStep = step;
        io.stderr.write(
          `importing ${options.path}: ${readPercent(progress)} % read, ${progress.linesRead} lines, ${progress.ordersSaved} orders saved, ${progress.badRowCount} bad rows\n`,
        );
      },
    });
    if (finished === null) throw new Error(`import run ${run.id} vanished`);
    if (finished.status === "failed")
      throw new InputError(
        `${options.path}: ${FAILURES[finished.failureReason ?? "INTERNAL_ERROR"]}`,
      );
    io.stdout.write(renderImportSummary(options.path, finished));
  } finally {
    await prisma.$disconnect();
  }
}

function readPercent(run: ImportRun): number {
  return run.bytesTotal === 0
    ? 100
    : Math.floor((run.bytesRead / run.bytesTotal) * 100);
}

function renderImportSummary(path: string, run: ImportRun): string {
  const unchanged = run.ordersSaved - run.ordersCreated - run.ordersUpdated;
  return (
    [
      `File       ${path} (${run.format})`,
      `Orders     ${run.ordersSaved} imported: ${run.ordersCreated} new, ${run.ordersUpdated} updated, ${unchanged} already up to date`,
      `Customers  ${run.customersCreated} new`,
      `Rows       ${run.linesRead} lines read; ${run.skippedRows} skipped by the format's cleaning rules; ${run.badRowCount} bad`,
      "",
    ].join("\n") + renderBadRows(run.badRowCount, run.badRows)
  );
}
