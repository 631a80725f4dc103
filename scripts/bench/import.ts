// Benchmark of the CSV order import (Kizuna issue 3): the 541,909-line Online Retail file, gzip, imported
// as orders into a fresh migrated SQLite database through the real service, against two baselines
// measured in the same run: the streaming parse alone (no database), and a minimal raw SQLite insert
// of the same orders and line items. Each measurement runs in a child process of its own, so its peak
// memory (maxRSS) is its own. Targets: under 60 s and under 500 MB.
//
//   node scripts/bench/import.ts [file]     (default ../shared/data/online_retail/online_retail_lines.csv.gz)
import { execFileSync } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createGunzip } from "node:zlib";

type Phase = "parse" | "sqlite" | "service";
type Measurement = { phase: Phase; wallMs: number; lines: number; orders: number; lineItems: number; maxRssMb: number; checks: Record<string, number | string> };

const projectRoot = resolve(import.meta.dirname, "../..");
const DEFAULT_FILE = resolve(projectRoot, "../shared/data/online_retail/online_retail_lines.csv.gz");
const TARGET_WALL_MS = 60_000;
const TARGET_RSS_MB = 500;
const SHOP = "bench-online-retail.myshopify.com";

async function* parsedBatches(file: string) {
  const { createOrdersCsvImport } = await import("../../app/domain/ingest/orders-csv.ts");
  const csvImport = createOrdersCsvImport({ shopCurrency: "GBP" });
  let lines = 0;
  for await (const chunk of createReadStream(file).pipe(createGunzip()).setEncoding("utf8")) {
    const text = chunk as string;
    for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) lines += 1;
    yield { batch: csvImport.feed(text), lines };
  }
  yield { batch: csvImport.end(), lines };
}

async function measureParse(file: string): Promise<Omit<Measurement, "phase" | "wallMs" | "maxRssMb">> {
  let orders = 0;
  let lineItems = 0;
  let lines = 0;
  let revenueMinor = 0;
  for await (const step of parsedBatches(file)) {
    lines = step.lines;
    orders += step.batch.orders.length;
    for (const order of step.batch.orders) {
      lineItems += order.lineItems.length;
      revenueMinor += order.totalMinor;
    }
  }
  return { lines, orders, lineItems, checks: { revenueMinor } };
}

// The floor for writing the same rows: one transaction, 500-row INSERTs, no merge, no indexes but the keys.
async function measureRawSqlite(file: string, databasePath: string): Promise<Omit<Measurement, "phase" | "wallMs" | "maxRssMb">> {
  const { nodeSqlite } = await import("../../app/db/sqlite-connection.server.ts");
  const db = new nodeSqlite.DatabaseSync(databasePath);
  db.exec(`
    CREATE TABLE orders (order_key TEXT PRIMARY KEY, customer_id TEXT, placed_at TEXT, total_minor INTEGER);
    CREATE TABLE line_items (order_key TEXT, position INTEGER, title TEXT, quantity INTEGER, price_minor INTEGER, PRIMARY KEY (order_key, position));`);
  db.exec("BEGIN IMMEDIATE");
  const insert = (table: string, width: number, rows: (string | number | null)[][]) => {
    for (let start = 0; start < rows.length; start += 500) {
      const slice = rows.slice(start, start + 500);
      const values = slice.map(() => `(${Array(width).fill("?").join(",")})`).join(",");
      db.prepare(`INSERT INTO ${table} VALUES ${values}`).run(...slice.flat());
    }
  };
  let orders = 0;
  let lineItems = 0;
  let lines = 0;
  for await (const step of parsedBatches(file)) {
    lines = step.lines;
    const batch = step.batch.orders;
    orders += batch.length;
    insert(
      "orders",
      4,
      batch.map((order) => [order.orderKey, order.customer?.kind === "externalId" ? order.customer.externalId : null, order.createdAt.toISOString(), order.totalMinor]),
    );
    const items = batch.flatMap((order) => order.lineItems.map((item, position) => [order.orderKey, position, item.title, item.quantity, item.priceMinor]));
    lineItems += items.length;
    insert("line_items", 5, items);
  }
  db.exec("COMMIT");
  db.close();
  return { lines, orders, lineItems, checks: {} };
}

async function measureService(file: string): Promise<Omit<Measurement, "phase" | "wallMs" | "maxRssMb">> {
  const { prisma } = await import("../../app/db.server.ts");
  const { saveShopInstall } = await import("../../app/models/shops.server.ts");
  const { createCommandLineImport, runOrderImport } = await import("../../app/services/order-import.server.ts");
  const { statSync } = await import("node:fs");
  const now = new Date();
  await saveShopInstall(SHOP, { name: "Online Retail", currencyCode: "GBP", ianaTimezone: "Europe/London", grantedScopes: [] }, now);
  const run = await createCommandLineImport(SHOP, { fileName: file, filePath: file, requestedFormat: "online-retail", bytesTotal: statSync(file).size }, now);
  const finished = await runOrderImport(SHOP, run.id);
  if (finished?.status !== "done") throw new Error(`import ended ${finished?.status} ${finished?.failureReason}`);
  const [customers, counted, lineItems] = await Promise.all([
    prisma.customer.count({ where: { shop: SHOP } }),
    prisma.order.aggregate({ where: { shop: SHOP, countsTowardCustomerAnalytics: true }, _count: { _all: true }, _sum: { netMinor: true } }),
    prisma.orderLineItem.count({ where: { shop: SHOP } }),
  ]);
  await prisma.$disconnect();
  return {
    lines: finished.linesRead,
    orders: finished.ordersSaved,
    lineItems,
    checks: { customers, invoicesCounted: counted._count._all, revenueMinor: counted._sum.netMinor ?? 0, badRows: finished.badRowCount, skippedRows: finished.skippedRows },
  };
}

async function runChild(phase: Phase, file: string, databasePath: string): Promise<void> {
  const started = performance.now();
  const result =
    phase === "parse" ? await measureParse(file) : phase === "sqlite" ? await measureRawSqlite(file, databasePath) : await measureService(file);
  const wallMs = performance.now() - started;
  const measurement: Measurement = { phase, wallMs, maxRssMb: process.resourceUsage().maxRSS / 1024, ...result };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

function spawnPhase(phase: Phase, file: string, databasePath: string): Measurement {
  const output = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--phase", phase, file, databasePath], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: `file:${databasePath}`, LOG_LEVEL: "warn" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split("\n").at(-1) ?? "") as Measurement;
}

function migratedDatabase(dir: string, name: string): string {
  const path = join(dir, name);
  execFileSync(join(projectRoot, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: `file:${path}`, CHECKPOINT_DISABLE: "1" },
    stdio: "pipe",
  });
  return path;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000)).toLocaleString("en-US");

function report(file: string, parse: Measurement, raw: Measurement, service: Measurement): boolean {
  const rows = [
    ["", "wall", "lines/s", "orders/s", "peak RSS"],
    ...[parse, raw, service].map((m) => [
      { parse: "parse only (baseline)", sqlite: "raw SQLite insert (baseline)", service: "import service" }[m.phase],
      seconds(m.wallMs),
      perSecond(m.lines, m.wallMs),
      perSecond(m.orders, m.wallMs),
      `${m.maxRssMb.toFixed(0)} MB`,
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const wallPass = service.wallMs < TARGET_WALL_MS;
  const rssPass = service.maxRssMb < TARGET_RSS_MB;
  const lines = [
    `Import benchmark: ${file}`,
    `${service.lines.toLocaleString("en-US")} lines read, ${service.orders.toLocaleString("en-US")} orders and ${service.lineItems.toLocaleString("en-US")} line items stored`,
    `Stored: ${service.checks.customers} customers, ${service.checks.invoicesCounted} invoices counted for customer analytics, revenue £${(Number(service.checks.revenueMinor) / 100).toFixed(2)}; ${service.checks.badRows} bad rows, ${service.checks.skippedRows} rows skipped by the cleaning rules`,
    "",
    ...rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ")),
    "",
    `Ratios: service / parse ${(service.wallMs / parse.wallMs).toFixed(2)}x, service / raw SQLite ${(service.wallMs / raw.wallMs).toFixed(2)}x`,
    `Target wall time < ${TARGET_WALL_MS / 1000} s: ${seconds(service.wallMs)} ${wallPass ? "PASS" : "FAIL"}`,
    `Target peak memory < ${TARGET_RSS_MB} MB: ${service.maxRssMb.toFixed(0)} MB ${rssPass ? "PASS" : "FAIL"}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  return wallPass && rssPass;
}

const args = process.argv.slice(2);
if (args[0] === "--phase") {
  await runChild(args[1] as Phase, args[2] ?? DEFAULT_FILE, args[3] ?? "");
} else {
  const file = resolve(args[0] ?? DEFAULT_FILE);
  const dir = mkdtempSync(join(tmpdir(), "kizuna-bench-import-"));
  try {
    const parse = spawnPhase("parse", file, join(dir, "unused.sqlite"));
    const raw = spawnPhase("sqlite", file, join(dir, "raw.sqlite"));
    const service = spawnPhase("service", file, migratedDatabase(dir, "kizuna.sqlite"));
    process.exitCode = report(file, parse, raw, service) ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
