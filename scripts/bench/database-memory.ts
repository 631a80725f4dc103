// Memory of a long-running process that uses the database (docs/decisions/013): the app's Prisma
// client (app/db.server.ts) on a fresh migrated SQLite file runs 100,000 findUnique calls, then
// 10,000 interactive transactions, and prints its RSS (after a full garbage collection) and its open
// file descriptors ten times in each loop. A leaking driver shows as RSS that keeps climbing and descriptors
// that keep growing; a sound one plateaus.
//
//   node --expose-gc scripts/bench/database-memory.ts [--queries 100000] [--transactions 10000]
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ensureTemplateDatabase } from "../../tests/support/database.ts";

const { values: flags } = parseArgs({
  options: { queries: { type: "string", default: "100000" }, transactions: { type: "string", default: "10000" } },
});
const SHOP = "memory.myshopify.com";

const dir = mkdtempSync(join(tmpdir(), "kizuna-bench-memory-"));
const databasePath = join(dir, "kizuna.sqlite");
copyFileSync(ensureTemplateDatabase(), databasePath);
process.env.DATABASE_URL = `file:${databasePath}`;
process.env.LOG_LEVEL ??= "warn";

const { prisma } = await import("../../app/db.server.ts");

function sample(phase: string, done: number): void {
  globalThis.gc?.();
  const rssMb = process.memoryUsage.rss() / 1024 / 1024;
  let descriptors: number | string;
  try {
    descriptors = readdirSync("/proc/self/fd").length;
  } catch (error) {
    descriptors = (error as NodeJS.ErrnoException).code ?? "?";
  }
  process.stdout.write(`${phase.padEnd(12)} ${String(done).padStart(7)}  RSS ${rssMb.toFixed(0).padStart(5)} MB  fds ${descriptors}\n`);
}

try {
  if (!globalThis.gc) process.stdout.write("(run with --expose-gc for RSS after a full collection)\n");
  await prisma.shop.create({ data: { domain: SHOP } });
  sample("start", 0);
  for (let done = 1; done <= Number(flags.queries); done += 1) {
    await prisma.shop.findUnique({ where: { domain: SHOP } });
    if (done % Math.ceil(Number(flags.queries) / 10) === 0) sample("findUnique", done);
  }
  for (let done = 1; done <= Number(flags.transactions); done += 1) {
    await prisma.$transaction(async (tx) => tx.shop.update({ where: { domain: SHOP }, data: { name: `run ${done}` } }));
    if (done % Math.ceil(Number(flags.transactions) / 10) === 0) sample("transaction", done);
  }
  await prisma.$disconnect();
} catch (error) {
  process.stdout.write(`failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
