// Webhook ingestion benchmark (docs/benchmarks.md): the built app under remix-serve, as production
// runs it, against a minimal node:http receiver doing the same durable work (baseline-server.ts).
// Each server gets a fresh migrated SQLite file with one installed shop; a load generator in its own
// process (load-generator.ts) sends signed orders/create deliveries over keep-alive connections.
//
//   node scripts/bench/webhooks.ts [--connections 32] [--duration 10] [--warmup 2] [--requests N]
//                                  [--rounds 3] [--worker-off]
//
// The sides take turns, round after round, and the targets are judged on the medians, so that a
// neighbour's burst on a shared machine skews one round, not the verdict. Builds nothing: run
// `npm run build` first. Exits 1 when a target is missed.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createClient } from "@libsql/client";
import { startApp, stopProcess } from "../../tests/support/app.ts";
import { ensureTemplateDatabase, projectRoot } from "../../tests/support/database.ts";
import { reservePort } from "../../tests/support/ports.ts";
import { ORDER_ID_TOKEN, type LoadConfig, type LoadResult } from "./load-protocol.ts";

const SHOP = "bench.myshopify.com";
const API_SECRET = "kizuna-bench-api-secret";
const API_VERSION = "2026-10";
const NODE = join(projectRoot, "node_modules/.bin/node");

const TARGETS = { throughputPerSecond: 1000, p99Ms: 100, shareOfBaseline: 0.5 };

type Measured = {
  name: string;
  workerOn: boolean | null;
  load: LoadResult;
  /** The server's CPU time (all its threads) over the load, per request sent. */
  serverCpuMsPerRequest: number;
  storedEvents: number;
  storedJobs: number;
  jobsDone: number;
};

const { values: flags } = parseArgs({
  options: {
    connections: { type: "string", default: "32" },
    duration: { type: "string", default: "10" },
    rounds: { type: "string", default: "3" },
    warmup: { type: "string", default: "2" },
    requests: { type: "string" },
    "worker-off": { type: "boolean", default: false },
  },
});

if (!existsSync(join(projectRoot, "build/server/index.js"))) {
  process.stderr.write("No build found: run `npm run build` first; this benchmark measures the built app and builds nothing.\n");
  process.exit(2);
}

const benchDir = join(projectRoot, "tests/.artifacts/bench");
rmSync(benchDir, { recursive: true, force: true });
mkdirSync(benchDir, { recursive: true });

const orderFixture = readFileSync(join(projectRoot, "../shared/fixtures/shopify-webhooks/orders-create.docs-example.2026-04.json"), "utf8");
// The documented order with its numeric id and GID replaced per delivery, so every delivery is a new order.
const bodyTemplate = orderFixture.replace(/82098291194615450[08]/g, ORDER_ID_TOKEN);

/** A fresh copy of the migrated schema with one installed shop whose offline session never expires. */
async function freshDatabase(name: string): Promise<string> {
  const path = join(benchDir, `${name}.sqlite`);
  copyFileSync(ensureTemplateDatabase(), path);
  const db = createClient({ url: `file:${path}` });
  await db.execute({
    sql: "INSERT INTO Shop (id, domain, name, currencyCode, ianaTimezone, grantedScopes, installedAt, updatedAt) VALUES ('shop-bench', ?, 'Bench', 'USD', 'UTC', 'read_orders', ?, ?)",
    args: [SHOP, new Date().toISOString(), new Date().toISOString()],
  });
  await db.execute({
    sql: "INSERT INTO Session (id, shop, state, isOnline, scope, accessToken) VALUES (?, ?, '', 0, 'read_orders', 'shpat_bench')",
    args: [`offline_${SHOP}`, SHOP],
  });
  db.close();
  return path;
}

/** User + system CPU time of a process so far, from /proc (Linux clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Runs the load generator against `url` and measures what the server process spent meanwhile. */
async function runLoad(url: string, serverPid: number): Promise<{ load: LoadResult; serverCpuMsPerRequest: number }> {
  const cpuBefore = cpuMsOf(serverPid);
  const load = await generateLoad(url);
  return { load, serverCpuMsPerRequest: (cpuMsOf(serverPid) - cpuBefore) / load.sent };
}

function generateLoad(url: string): Promise<LoadResult> {
  const config: LoadConfig = {
    url,
    apiSecret: API_SECRET,
    shop: SHOP,
    apiVersion: API_VERSION,
    bodyTemplate,
    connections: Number(flags.connections),
    warmupMs: Number(flags.warmup) * 1000,
    durationMs: flags.requests === undefined ? Number(flags.duration) * 1000 : Number.POSITIVE_INFINITY,
    maxRequests: flags.requests === undefined ? null : Number(flags.requests),
  };
  return new Promise((resolve, reject) => {
    execFile(NODE, [join(import.meta.dirname, "load-generator.ts"), JSON.stringify(config)], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`the load generator failed: ${stderr}`));
      else resolve(JSON.parse(stdout) as LoadResult);
    });
  });
}

/** Counts what the run stored, then deletes the database. */
async function countStored(path: string): Promise<Pick<Measured, "storedEvents" | "storedJobs" | "jobsDone">> {
  const db = createClient({ url: `file:${path}` });
  const count = async (sql: string) => Number((await db.execute({ sql, args: [SHOP] })).rows[0]!.n);
  const stored = {
    storedEvents: await count("SELECT COUNT(*) AS n FROM WebhookEvent WHERE shop = ?"),
    storedJobs: await count("SELECT COUNT(*) AS n FROM Job WHERE shop = ? AND name = 'ingestWebhookEvent'"),
    jobsDone: await count("SELECT COUNT(*) AS n FROM Job WHERE shop = ? AND status = 'done'"),
  };
  db.close();
  // A round stores hundreds of megabytes of payloads; nothing reads them again.
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
  return stored;
}

async function measureApp(workerOn: boolean, round: number): Promise<Measured> {
  const path = await freshDatabase(`app-worker-${workerOn ? "on" : "off"}-${round}`);
  // Production settings: NODE_ENV=production and the default LOG_LEVEL (info), which logs every delivery.
  const app = await startApp({
    databaseUrl: `file:${path}`,
    env: { SHOPIFY_API_SECRET: API_SECRET, LOG_LEVEL: "info", JOB_WORKER: workerOn ? "in-process" : "off" },
  });
  let measured: Awaited<ReturnType<typeof runLoad>>;
  try {
    measured = await runLoad(`${app.origin}/webhooks`, app.pid);
  } finally {
    await app.close();
  }
  return { name: `Kizuna app, job worker ${workerOn ? "on" : "off"}`, workerOn, ...measured, ...(await countStored(path)) };
}

async function measureBaseline(round: number): Promise<Measured> {
  const path = await freshDatabase(`baseline-${round}`);
  const port = await reservePort();
  const server = spawn(NODE, [join(import.meta.dirname, "baseline-server.ts"), String(port), path, API_SECRET], { stdio: ["ignore", "pipe", "inherit"] });
  let measured: Awaited<ReturnType<typeof runLoad>>;
  try {
    await listening(server);
    measured = await runLoad(`http://127.0.0.1:${port}/webhooks`, server.pid!);
  } finally {
    await stopProcess(server);
  }
  return { name: "baseline (node:http + node:sqlite)", workerOn: null, ...measured, ...(await countStored(path)) };
}

function listening(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    server.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve());
    server.once("exit", (code) => reject(new Error(`the baseline server exited with ${code}`)));
  });
}

const number = (value: number, digits = 0) => value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const verdict = (passed: boolean) => (passed ? "PASS" : "FAIL");
const zeroLoss = (run: Measured) => run.storedEvents === run.load.acknowledged && run.storedJobs === run.load.acknowledged;

function describe(run: Measured): string {
  const { measured } = run.load;
  const errors = Object.entries(measured.errors).map(([status, count]) => `${count}× ${status}`);
  return [
    `${run.name}`,
    `  requests/s sustained  ${number(measured.requestsPerSecond)}  (${number(measured.acknowledged)} acknowledged in ${number(measured.seconds, 1)} s)`,
    `  latency ms            p50 ${number(measured.latencyMs.p50, 1)}  p90 ${number(measured.latencyMs.p90, 1)}  p99 ${number(measured.latencyMs.p99, 1)}  max ${number(measured.latencyMs.max, 1)}`,
    `  errors                ${errors.length === 0 ? "none" : errors.join(", ")}`,
    `  CPU ms per request    server ${number(run.serverCpuMsPerRequest, 2)}, load generator ${number(run.load.cpuMsPerRequest, 2)}`,
    `  zero loss             ${verdict(zeroLoss(run))}: ${number(run.load.acknowledged)} answered 2xx, ${number(run.storedEvents)} events and ${number(run.storedJobs)} jobs stored`,
    ...(run.workerOn ? [`  job worker            on; ${number(run.jobsDone)} of the jobs were done by the end of the run`] : []),
    "",
  ].join("\n");
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

type Summary = { name: string; requestsPerSecond: number; p50: number; p99: number; allZeroLoss: boolean; failed: number };

function summarise(runs: readonly Measured[]): Summary {
  return {
    name: runs[0]!.name,
    requestsPerSecond: median(runs.map((run) => run.load.measured.requestsPerSecond)),
    p50: median(runs.map((run) => run.load.measured.latencyMs.p50)),
    p99: median(runs.map((run) => run.load.measured.latencyMs.p99)),
    allZeroLoss: runs.every(zeroLoss),
    failed: runs.reduce((sum, run) => sum + run.load.measured.requests - run.load.measured.acknowledged, 0),
  };
}

const rounds = Number(flags.rounds);
const cores = availableParallelism();
process.stdout.write(
  `Webhook benchmark: ${cores} cores (${cpus()[0]?.model ?? "unknown CPU"}), load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}; ` +
    `${flags.connections} connections, ${flags.requests === undefined ? `${flags.duration} s` : `${flags.requests} requests`} after ${flags.warmup} s warm-up, ` +
    `${rounds} round${rounds === 1 ? "" : "s"}; signed orders/create of ${number(Buffer.byteLength(bodyTemplate))} bytes\n\n`,
);

const runs = { app: [] as Measured[], appWorkerOff: [] as Measured[], baseline: [] as Measured[] };
for (let round = 1; round <= rounds; round += 1) {
  process.stdout.write(`Round ${round} of ${rounds}\n`);
  runs.app.push(await measureApp(true, round));
  process.stdout.write(describe(runs.app.at(-1)!));
  if (flags["worker-off"]) {
    runs.appWorkerOff.push(await measureApp(false, round));
    process.stdout.write(describe(runs.appWorkerOff.at(-1)!));
  }
  runs.baseline.push(await measureBaseline(round));
  process.stdout.write(describe(runs.baseline.at(-1)!));
}

const summaries = [runs.app, runs.appWorkerOff, runs.baseline].filter((each) => each.length > 0).map(summarise);
const app = summarise(runs.app);
const baseline = summarise(runs.baseline);
const throughputRatio = app.requestsPerSecond / baseline.requestsPerSecond;
const checks = [
  [`≥ ${number(TARGETS.throughputPerSecond)} webhooks/s sustained (worker on)`, app.requestsPerSecond >= TARGETS.throughputPerSecond],
  [`p99 < ${TARGETS.p99Ms} ms`, app.p99 < TARGETS.p99Ms],
  ["zero loss and no errors in every round", app.allZeroLoss && app.failed === 0],
  [`throughput ≥ ${TARGETS.shareOfBaseline * 100} % of the baseline`, throughputRatio >= TARGETS.shareOfBaseline],
] as const;
process.stdout.write(
  [
    `Medians of ${rounds} round${rounds === 1 ? "" : "s"}:`,
    ...summaries.map(
      (summary) =>
        `  ${summary.name.padEnd(36)} ${number(summary.requestsPerSecond).padStart(6)} requests/s  p50 ${number(summary.p50, 1).padStart(6)} ms  p99 ${number(summary.p99, 1).padStart(6)} ms  zero loss ${verdict(summary.allZeroLoss)}`,
    ),
    `  app / baseline: throughput ${number(throughputRatio * 100)} %, p50 ${number(app.p50 / baseline.p50, 1)}×, p99 ${number(app.p99 / baseline.p99, 1)}×`,
    "",
    "Targets:",
    ...checks.map(([name, passed]) => `  ${verdict(passed)}  ${name}`),
    ...(cores === 2 ? [] : [`  (the targets are set for 2 cores; this machine has ${cores})`]),
    "",
  ].join("\n"),
);
process.exitCode = checks.every(([, passed]) => passed) ? 0 : 1;
