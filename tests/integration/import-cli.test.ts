// `kizuna import` end to end: the real entry point in a child process on the project's Node 22, against
// a fresh migrated SQLite database given by DATABASE_URL, with no Shopify variables set.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, openDatabase, projectRoot } from "../support/database.ts";
import { genericCsvFile } from "../support/order-files.ts";

const NODE = join(projectRoot, "node_modules/.bin/node");
const ENTRY = join(projectRoot, "app/cli/kizuna.ts");
const SHOP = "cli-import.myshopify.com";
const database = createTestDatabase();
const workDir = mkdtempSync(join(tmpdir(), "kizuna-import-cli-"));

type Run = { code: number; stdout: string; stderr: string };

function runKizuna(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      NODE,
      [ENTRY, ...args],
      { cwd: projectRoot, env: { NODE_ENV: "production", PATH: process.env.PATH ?? "", TZ: "UTC", DATABASE_URL: database.url }, encoding: "utf8" },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

function writeFile(name: string, text: string): string {
  const path = join(workDir, name);
  writeFileSync(path, text);
  return path;
}

const ORDERS = genericCsvFile([
  "C-1,A-1,2024-03-01,1200,JPY", // line 2
  "C-1,A-2,2024-13-01,800,JPY", // line 3: no 13th month
  "C-2,A-3,2024-03-02T09:00:00+09:00,3000,JPY", // line 4
  "C-2,A-4,2024-03-02,30.00,USD", // line 5: not the store's currency
]);

beforeAll(async () => {
  // Stores arrive through the admin install; the command line only reads them.
  const client = openDatabase(database.url);
  await client.execute({
    sql: `INSERT INTO "Shop" ("id", "domain", "name", "currencyCode", "ianaTimezone", "grantedScopes", "installedAt", "updatedAt")
          VALUES ('shop-1', ?, 'CLI Tea', 'JPY', 'Asia/Tokyo', '', '2026-01-01T00:00:00.000+00:00', '2026-01-01T00:00:00.000+00:00')`,
    args: [SHOP],
  });
  client.close();
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("kizuna import", () => {
  it("imports the good rows, lists the bad ones by line, and exits 0", async () => {
    const path = writeFile("orders.csv", ORDERS);
    const run = await runKizuna(["import", "--shop", SHOP, path]);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toBe(
      [
        `File       ${path} (generic)`,
        "Orders     2 imported: 2 new, 0 updated, 0 already up to date",
        "Customers  2 new",
        "Rows       5 lines read; 0 skipped by the format's cleaning rules; 2 bad",
        "2 bad rows left out:",
        "  line 3: date: MALFORMED_DATE",
        "  line 5: NOT_SHOP_CURRENCY",
        "",
      ].join("\n"),
    );
    expect(run.stderr).toContain(`importing ${path}: 100 % read, 5 lines, 2 orders saved, 2 bad rows\n`);
    const client = openDatabase(database.url);
    const orders = await client.execute({ sql: `SELECT "name", "totalMinor", "source" FROM "Order" WHERE "shop" = ? ORDER BY "name"`, args: [SHOP] });
    client.close();
    expect(orders.rows.map((row) => [row.name, row.totalMinor, row.source])).toEqual([
      ["A-1", 1200, "import"],
      ["A-3", 3000, "import"],
    ]);
  });

  it("changes nothing the second time and says so", async () => {
    const path = writeFile("orders-again.csv", ORDERS);
    await runKizuna(["import", "--shop", SHOP, path]);
    const again = await runKizuna(["import", "--shop", SHOP, "--format", "generic", path]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Orders     2 imported: 0 new, 0 updated, 2 already up to date\nCustomers  0 new\n");
  });

  it.each([
    {
      name: "an unknown store",
      args: () => ["--shop", "nobody.myshopify.com", writeFile("a.csv", ORDERS)],
      message: "kizuna import: unknown shop nobody.myshopify.com: Kizuna is not installed on it (in the database at DATABASE_URL)\n",
    },
    {
      name: "a missing file",
      args: () => ["--shop", SHOP, join(workDir, "absent.csv")],
      message: `kizuna import: cannot read orders file ${join(workDir, "absent.csv")}: no such file\n`,
    },
    {
      name: "an unknown format",
      args: () => ["--shop", SHOP, "--format", "excel", writeFile("b.csv", ORDERS)],
      message: 'kizuna import: unknown format "excel" (use auto, shopify, generic, online-retail)\n',
    },
    {
      name: "a file that is not an orders file",
      args: () => ["--shop", SHOP, writeFile("c.csv", "name,price\nTea,10\n")],
      message: `kizuna import: ${join(workDir, "c.csv")}: the first line is not a known orders header (expected a Shopify orders export, customer_id,order_id,date,amount[,currency], or Online Retail)\n`,
    },
    {
      name: "a format other than the file's",
      args: () => ["--shop", SHOP, "--format", "online-retail", writeFile("d.csv", ORDERS)],
      message: `kizuna import: ${join(workDir, "d.csv")}: the file is not in the format given by --format\n`,
    },
    {
      name: "no --shop",
      args: () => [writeFile("e.csv", ORDERS)],
      message: "kizuna import: --shop <domain> is required\n",
    },
  ])("exits 2 with one line on stderr for $name", async ({ args, message }) => {
    const run = await runKizuna(["import", ...args()]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: message });
  });
});
