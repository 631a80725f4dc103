// `npm run bench:analytics` (Kizuna issue 4): the full recompute of a generated shop of 200,000
// customers and 1,000,000 orders, against two baselines measured in the same run on the same data:
// one SQL statement on the same SQLite database computing the same per-customer aggregates and
// NTILE R/F/M scores, and DuckDB computing the same after loading the orders from that database.
// Also the incremental update per ingested order, the model fit for every customer, and each
// phase's peak memory: every phase runs in a process of its own (scripts/bench/analytics-phase.ts).
//
// The recompute runs twice: first on a shop without analytics (every row inserted), then as the
// daily recompute does (every row there, most unchanged). The SQLite baseline runs before and after
// them and the ratio uses the faster of its two runs, so a busy machine does not flatter the app.
//
//   node scripts/bench/analytics.ts [--customers 200000] [--orders 1000000]
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createBenchDatabase } from "./generated-shop.ts";

const { values: flags } = parseArgs({
  options: { customers: { type: "string", default: "200000" }, orders: { type: "string", default: "1000000" } },
});
const TARGETS = { recomputeRatio: 2, incrementalMs: 5, fitMs: 10_000, peakRssMb: 1024 };

type Figures = Record<string, number | string>;

function runPhase(phase: string, databasePath: string, now: Date): Figures {
  const output = execFileSync(
    process.execPath,
    ["--disable-warning=ExperimentalWarning", join(import.meta.dirname, "analytics-phase.ts"), phase, databasePath, now.toISOString(), flags.customers, flags.orders],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 24 },
  );
  const figures = JSON.parse(output.trim().split("\n").pop() as string) as Figures;
  process.stdout.write(`  ${phase}: ${JSON.stringify(figures)}\n`);
  return figures;
}

const seconds = (ms: number | string | undefined) => `${(Number(ms) / 1000).toFixed(2)} s`;
const verdict = (passed: boolean) => (passed ? "PASS" : "FAIL");

const { dir, path } = createBenchDatabase("analytics");
try {
  // A fixed instant keeps the generated shop and its as-of date the same from run to run.
  const now = new Date("2026-11-20T03:00:00Z");
  process.stdout.write(
    `bench:analytics: ${Number(flags.customers).toLocaleString("en")} customers, ${Number(flags.orders).toLocaleString("en")} orders; ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)}\n`,
  );
  const generated = runPhase("generate", path, now);
  const sqliteBefore = runPhase("sqlite-baseline", path, now);
  const duckdb = runPhase("duckdb-baseline", path, now);
  const fit = runPhase("fit", path, now);
  const firstRecompute = runPhase("recompute", path, now);
  const dailyRecompute = runPhase("recompute", path, now);
  const sqliteAfter = runPhase("sqlite-baseline", path, now);
  const incremental = runPhase("incremental", path, now);

  const baselineMs = Math.min(Number(sqliteBefore.ms), Number(sqliteAfter.ms));
  const ratio = (figures: Figures) => Number(figures.ms) / baselineMs;
  const duckdbMs = Number(duckdb.loadMs) + Number(duckdb.computeMs);
  const peakRssMb = Math.max(...[fit, firstRecompute, dailyRecompute, incremental].map((figures) => Number(figures.peakRssMb)));
  const rows: [string, string, string, string][] = [
    ["generated shop written (plain SQL)", seconds(generated.ms), "", ""],
    ["SQLite baseline: one statement, aggregates + NTILE", `${seconds(sqliteBefore.ms)} / ${seconds(sqliteAfter.ms)}`, "1.00×", ""],
    [
      "DuckDB: load from SQLite + compute",
      `${seconds(duckdb.loadMs)} + ${seconds(duckdb.computeMs)}`,
      `${(duckdbMs / baselineMs).toFixed(2)}× (compute ${(Number(duckdb.computeMs) / baselineMs).toFixed(2)}×)`,
      "",
    ],
    [
      "Kizuna full recompute, first (inserts every row)",
      seconds(firstRecompute.ms),
      `${ratio(firstRecompute).toFixed(2)}×`,
      `≤ ${TARGETS.recomputeRatio}× ${verdict(ratio(firstRecompute) <= TARGETS.recomputeRatio)}`,
    ],
    [
      "Kizuna full recompute, daily (updates every row)",
      seconds(dailyRecompute.ms),
      `${ratio(dailyRecompute).toFixed(2)}×`,
      `≤ ${TARGETS.recomputeRatio}× ${verdict(ratio(dailyRecompute) <= TARGETS.recomputeRatio)}`,
    ],
    [
      `model fit (${fit.purchaseModel} + ${fit.spendModel}) on ${Number(fit.customers).toLocaleString("en")} customers`,
      seconds(fit.ms),
      "",
      `≤ ${TARGETS.fitMs / 1000} s ${verdict(Number(fit.ms) <= TARGETS.fitMs)}`,
    ],
    [
      `incremental update per ingested order (${incremental.orders} orders)`,
      `median ${Number(incremental.medianMs).toFixed(2)} ms, p95 ${Number(incremental.p95Ms).toFixed(2)} ms, mean ${Number(incremental.meanMs).toFixed(2)} ms`,
      "",
      `≤ ${TARGETS.incrementalMs} ms ${verdict(Number(incremental.medianMs) <= TARGETS.incrementalMs)}`,
    ],
    [
      "peak memory (fit / first / daily recompute / incremental)",
      [fit, firstRecompute, dailyRecompute, incremental].map((figures) => `${figures.peakRssMb} MB`).join(" / "),
      "",
      `≤ ${TARGETS.peakRssMb} MB ${verdict(peakRssMb <= TARGETS.peakRssMb)}`,
    ],
    ["peak memory of the baselines (SQLite / DuckDB)", `${sqliteBefore.peakRssMb} MB / ${duckdb.peakRssMb} MB`, "", ""],
  ];
  process.stdout.write(`\n| measure | figure | vs SQLite baseline | target |\n|---|---|---|---|\n`);
  for (const row of rows) process.stdout.write(`| ${row.join(" | ")} |\n`);
  process.stdout.write(`\nrecompute wrote ${firstRecompute.written} rows (${firstRecompute.rankChanges} rank changes), baselines scored ${sqliteBefore.customers} (SQLite) and ${duckdb.customers} (DuckDB) customers\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
