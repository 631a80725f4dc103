// A long-running process (the app, scripts/worker.ts) must not run out of anything as it uses the
// database. Under @libsql/client every interactive transaction left a connection open, two file
// descriptors each, and the process died with SQLITE_CANTOPEN after about 9,000 (docs/decisions/013).
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { createTestDatabase, projectRoot } from "../support/database.ts";

const TRANSACTIONS = 20_000;

it(
  `runs ${TRANSACTIONS.toLocaleString("en-US")} interactive transactions in one process without opening a file descriptor more`,
  async () => {
    const { url } = createTestDatabase();
    const { stdout } = await promisify(execFile)(process.execPath, [join(projectRoot, "tests/support/many-transactions.ts"), String(TRANSACTIONS)], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "error" },
    });
    const reported = JSON.parse(stdout.trim().split("\n").at(-1)!) as { before: number; after: number; lastName: string };
    expect(reported.lastName).toBe(`transaction ${TRANSACTIONS}`);
    expect(reported.after).toBe(reported.before);
  },
  300_000,
);
