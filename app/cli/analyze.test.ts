// `kizuna analyze` end to end: the real entry point in a child process on the project's Node 22, on
// hand-checked files and on the public datasets of ../shared/data (README.md there has the facts).
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const NODE = fileURLToPath(
  new URL("../../node_modules/.bin/node", import.meta.url),
);
const ENTRY = fileURLToPath(new URL("./kizuna.ts", import.meta.url));
const DATA = new URL("../../../shared/data/", import.meta.url);
const SLOW_RUN_MS = 120_000;

type Run = { code: number; stdout: string; stderr: string };

function runKizuna(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      NODE,
      [ENTRY, ...args],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? Number(error.code) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const workDir = mkdtempSync(join(tmpdir(), "kizuna-analyze-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function writeFile(name: string, text: string | Buffer): string {
  const path = join(workDir, name);
  writeFileSync(path, text);
  return path;
}

type CustomerJson = Record<string, string | number | null>;
type AnalysisJson = {
  summary: Record<string, unknown>;
  customers: CustomerJson[];
};

function expectRelativelyClose(
  actual: unknown,
  expected: number,
  tolerance: number,
): void {
  expect(typeof actual).toBe("number");
  expect(
    Math.abs((actual as number) - expected) / Math.abs(expected),
  ).toBeLessThanOrEqual(tolerance);
}

const CUSTOMER_COLUMNS = [
  "customer_id",
  "orders",
  "purchase_days",
  "frequency",
  "recency_days",
  "t_x_days",
  "T_days",
  "monetary_total",
  "avg_repeat_spend",
  "r",
  "f",
  "m",
  "segment",
  "rank",
  "p_alive",
  "expected_purchases",
  "expected_avg_spend",
  "clv",
  "next_order_date",
];

// A: three purchase days (two orders on Jan 1 merge), then an order after the as-of date.
// B: one order. A guest order and one malformed row (line 8).
const SMALL_SHOP = [
  "customer_id,order_id,date,amount",
  "A,1,2024-01-01,10.00",
  "A,2,2024-01-01,5.00",
  "A,3,2024-01-11,20.00",
  "A,4,2024-01-31T16:00:00Z,30.50",
  "B,5,2024-01-21,7.25",
  ",6,2024-02-01,100.00",
  "C,7,yesterday,1.00",
  "A,8,2024-03-01,99.00",
  "",
].join("\n");

describe("kizuna analyze on a small generic CSV", () => {
  const path = writeFile("small.csv", SMALL_SHOP);

  it("summarises each customer as of the given day, merging same-day orders", async () => {
    // GIVEN as-of 2024-02-10 WHEN analysed as JSON
    const run = await runKizuna([
      "analyze",
      "--orders",
      path,
      "--as-of",
      "2024-02-10",
      "--json",
    ]);
    expect(run.code).toBe(0);
    const { summary, customers } = JSON.parse(run.stdout) as AnalysisJson;
    // THEN A: days Jan 1, 11, 31 → x = 2, recency Feb 10 − Jan 31, t_x Jan 31 − Jan 1, T Feb 10 − Jan 1
    expect(customers.map((customer) => Object.keys(customer))).toEqual([
      CUSTOMER_COLUMNS,
      CUSTOMER_COLUMNS,
    ]);
    expect(customers[0]).toMatchObject({
      customer_id: "A",
      orders: 4,
      purchase_days: 3,
      frequency: 2,
      recency_days: 10,
      t_x_days: 30,
      T_days: 40,
      monetary_total: "65.50",
      avg_repeat_spend: "25.25",
      rank: "silver",
    });
    expect(customers[1]).toMatchObject({
      customer_id: "B",
      orders: 1,
      purchase_days: 1,
      frequency: 0,
      recency_days: 20,
      t_x_days: 0,
      T_days: 20,
      monetary_total: "7.25",
      avg_repeat_spend: null,
      rank: "regular",
    });
    expect(summary).toMatchObject({
      format: "generic",
      currency: "USD",
      as_of: "2024-02-10",
      customers: 2,
      orders: 6,
      guest_orders: 1,
      revenue: "172.75",
      rows: { bad: 1, skipped_by_cleaning_rules: 0 },
      excluded_orders: { after_as_of: 1 },
      purchase_model: {
        method: "heuristic",
        reason: "TOO_FEW_REPEAT_CUSTOMERS",
      },
      ranks: {
        policy: "default",
        customers: { regular: 1, silver: 1, gold: 0, platinum: 0 },
      },
    });
    // One of two customers came back; the top 20 % (one customer, A) spent 65.50 of 72.75.
    expect(summary.kpis).toMatchObject({
      repeat_rate: 0.5,
      top_20_percent_revenue_share: 0.9003,
    });
    expect(run.stderr).toBe(
      "1 bad row left out:\n  line 8: date: MALFORMED_DATE\n",
    );
  });

  it("ends the data on the last order's day by default", async () => {
    const run = await runKizuna(["analyze", "--orders", path, "--json"]);
    const { summary, customers } = JSON.parse(run.stdout) as AnalysisJson;
    expect(summary.as_of).toBe("2024-03-01");
    expect(customers[0]).toMatchObject({
      orders: 5,
      recency_days: 0,
      t_x_days: 60,
    });
  });

  it("dates orders on the calendar of the given time zone", async () => {
    const run = await runKizuna([
      "analyze",
      "--orders",
      path,
      "--as-of",
      "2024-02-10",
      "--time-zone",
      "Asia/Tokyo",
      "--json",
    ]);
    // 2024-01-31T16:00Z is already February 1st in Tokyo (it is January 31st in UTC, test above).
    expect((JSON.parse(run.stdout) as AnalysisJson).customers[0]).toMatchObject(
      {
        recency_days: 9,
        t_x_days: 31,
      },
    );
  });

  it("prints the customers as CSV in the documented column order and the summary on stderr", async () => {
    const run = await runKizuna([
      "analyze",
      "--orders",
      path,
      "--as-of",
      "2024-02-10",
      "--csv",
    ]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(CUSTOMER_COLUMNS.join(","));
    expect(lines).toHaveLength(3);
    expect(lines[2]?.startsWith("B,1,1,0,20,0,20,7.25,,")).toBe(true);
    expect(run.stderr).toContain("Revenue          172.75 USD\n");
  });

  it("prints money in the currency's own minor unit", async () => {
    const yen = writeFile(
      "yen.csv",
      "customer_id,order_id,date,amount\nA,1,2024-01-01,1200\nA,2,2024-01-05,800\n",
    );
    const run = await runKizuna([
      "analyze",
      "--orders",
      yen,
      "--currency",
      "JPY",
      "--json",
    ]);
    const { summary, customers } = JSON.parse(run.stdout) as AnalysisJson;
    expect(summary.revenue).toBe("2000");
    expect(customers[0]).toMatchObject({
      monetary_total: "2000",
      avg_repeat_spend: "800",
    });
  });

  it("ranks customers by a rank policy file", async () => {
    const policy = writeFile(
      "policy.json",
      JSON.stringify({
        version: 3,
        ranks: [
          {
            key: "member",
            name: { en: "Member", ja: "会員" },
            color: "#777777",
            combine: "any",
          },
          {
            key: "vip",
            name: { en: "VIP", ja: "VIP" },
            color: "#C9A227",
            minNetSpendMinor: 5000,
            combine: "any",
          },
        ],
        basis: "tax_inclusive",
        window: { kind: "lifetime" },
        confirmationDelayDays: 0,
        downgradeReviewDates: [],
        inactivityStepDown: null,
        refundDowngrade: "at_next_review",
      }),
    );
    const run = await runKizuna([
      "analyze",
      "--orders",
      path,
      "--as-of",
      "2024-02-10",
      "--rank-policy",
      policy,
      "--json",
    ]);
    const { summary, customers } = JSON.parse(run.stdout) as AnalysisJson;
    expect(customers.map((customer) => customer.rank)).toEqual([
      "vip",
      "member",
    ]);
    expect(summary.ranks).toEqual({ policy, customers: { member: 1, vip: 1 } });
  });

  it("prints a report with an aligned table of customers by default", async () => {
    const run = await runKizuna([
      "analyze",
      "--orders",
      path,
      "--as-of",
      "2024-02-10",
    ]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    const header = lines.find((line) => line.startsWith("customer_id"));
    const rowA = lines.find((line) => line.startsWith("A "));
    expect(header?.split(/ {2,}/)).toEqual(CUSTOMER_COLUMNS);
    expect(rowA?.indexOf("65.50")).toBe(header?.indexOf("monetary_total"));
  });
});

const dataPath = (name: string) => fileURLToPath(new URL(name, DATA));
const readData = (name: string) => readFileSync(dataPath(name), "utf8");
const csvRows = (text: string) =>
  text
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(","));

/** Whole days from one 'YYYY-MM-DD' to another. */
const daysBetween = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) /
  86_400_000;

describe("kizuna analyze on the raw CDNOW files", () => {
  it(
    "matches Hardie's calibration summary and the published BG/NBD and Gamma-Gamma fits on the sample",
    { timeout: SLOW_RUN_MS },
    async () => {
      // GIVEN CDNOW_sample.txt as published (no header, CRLF, master id and sample id first), 39-week calibration
      const run = await runKizuna([
        "analyze",
        "--orders",
        dataPath("cdnow/CDNOW_sample.txt"),
        "--as-of",
        "1997-09-30",
        "--json",
      ]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("");
      const { summary, customers } = JSON.parse(run.stdout) as AnalysisJson;
      expect(summary).toMatchObject({
        format: "cdnow",
        currency: "USD",
        customers: 2357,
        repeat_customers: 946,
      });
      // THEN each customer's x, t_x and T are Hardie's (his summary is in weeks, rounded to 2 dp);
      // the records carry the master id, which the sample file pairs with the summary's sample id
      const masterIdOfSample = new Map(
        readData("cdnow/CDNOW_sample.txt")
          .split("\r\n")
          .filter((line) => line.trim() !== "")
          .map((line) => {
            const [masterId, sampleId] = line.trim().split(/\s+/) as [
              string,
              string,
            ];
            return [sampleId.replace(/^0+/, ""), masterId];
          }),
      );
      const byId = new Map(
        customers.map((customer) => [customer.customer_id, customer]),
      );
      const summaryRows = csvRows(
        readData("cdnow/cdnow_customers_summary.csv"),
      );
      expect(summaryRows).toHaveLength(2357);
      const mismatches = summaryRows.filter(
        ([sampleId, frequency, recency, T]) => {
          const customer = byId.get(masterIdOfSample.get(sampleId!)!);
          const weeks = (days: unknown) => (days as number) / 7;
          return (
            customer === undefined ||
            customer.frequency !== Number(frequency) ||
            Math.abs(weeks(customer.t_x_days) - Number(recency)) >
              0.005 + 1e-9 ||
            Math.abs(weeks(customer.T_days) - Number(T)) > 0.005 + 1e-9
          );
        },
      );
      expect(mismatches).toEqual([]);
      // AND the BG/NBD fit is the published optimum. Times are days here: α scales by 7, and the
      // log-likelihood by −Σx·ln 7 (each repeat purchase's density is per unit of time)
      const purchases = summary.purchase_model as Record<string, number>;
      expect(purchases.method).toBe("mle");
      expectRelativelyClose(purchases.r, 0.2425967, 1e-3);
      expectRelativelyClose(purchases.alpha! / 7, 4.4136589, 1e-3);
      expectRelativelyClose(purchases.a, 0.7929869, 1e-3);
      expectRelativelyClose(purchases.b, 2.4261643, 1e-3);
      const repeatPurchases = customers.reduce(
        (sum, customer) => sum + (customer.frequency as number),
        0,
      );
      expect(
        purchases.log_likelihood! + repeatPurchases * Math.log(7),
      ).toBeCloseTo(-9582.429207, 2);
      // AND so is Gamma-Gamma (published to 2 dp). Its log-likelihood is per dollar; Kizuna's per cent
      const spend = summary.spend_model as Record<string, number>;
      expect(spend.method).toBe("mle");
      expect(Math.abs(spend.p! - 6.25)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(spend.q! - 3.74)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(spend.gamma! - 15.44)).toBeLessThanOrEqual(0.005);
      expect(spend.log_likelihood! + 946 * Math.log(100)).toBeCloseTo(
        -4055.9177,
        2,
      );
      // AND the expected spend per purchase of sample customers 1–10 is Fader & Hardie's E[M]
      expect(
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"].map(
          (sampleId) =>
            byId.get(masterIdOfSample.get(sampleId)!)?.expected_avg_spend,
        ),
      ).toEqual([
        "24.65",
        "18.91",
        "35.17",
        "35.17",
        "35.17",
        "71.46",
        "18.91",
        "35.17",
        "27.28",
        "35.17",
      ]);
    },
  );

  it(
    "skips the master file's header line and reads all of it",
    { timeout: SLOW_RUN_MS },
    async () => {
      const run = await runKizuna([
        "analyze",
        "--orders",
        dataPath("cdnow/CDNOW_master.txt"),
        "--json",
      ]);
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as AnalysisJson).summary).toMatchObject({
        format: "cdnow",
        as_of: "1998-06-30",
        customers: 23570,
        orders: 69659,
        revenue: "2500315.63",
        rows: { bad: 0 },
      });
    },
  );

  it("reads CDNOW lines split anywhere and reports bad ones by line and column", async () => {
    const path = writeFile(
      "cdnow-bad.txt",
      [
        " 00001 19970101  1   11.77",
        " 00001 19970230  1   12.00",
        " 00002 19970105  x   9.99",
        " 00002 19970105  1",
        " 00002 19970107  2   20.50",
        "",
      ].join("\r\n"),
    );
    const run = await runKizuna([
      "analyze",
      "--orders",
      path,
      "--format",
      "cdnow",
      "--json",
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      [
        "3 bad rows left out:",
        "  line 2: date: MALFORMED_DATE",
        "  line 3: number_of_cds: MALFORMED_QUANTITY",
        "  line 4: WRONG_FIELD_COUNT",
        "",
      ].join("\n"),
    );
    const { summary, customers } = JSON.parse(run.stdout) as AnalysisJson;
    expect(summary).toMatchObject({
      format: "cdnow",
      orders: 2,
      revenue: "32.27",
    });
    expect(customers.map((customer) => customer.customer_id)).toEqual([
      "00001",
      "00002",
    ]);
  });
});

describe("kizuna analyze on Online Retail", () => {
  it(
    "streams the gzip line file and reproduces the cleaned totals",
    { timeout: SLOW_RUN_MS },
    async () => {
      const path = fileURLToPath(
        new URL("online_retail/online_retail_lines.csv.gz", DATA),
      );
      const run = await runKizuna(["analyze", "--orders", path, "--json"]);
      expect(run.code).toBe(0);
      const { summary, customers } = JSON.parse(run.stdout) as AnalysisJson;
      expect(summary).toMatchObject({
        format: "online-retail",
        currency: "GBP",
        customers: 4338,
        orders: 18532,
        revenue: "8911407.90",
        rows: { bad: 0 },
      });
      expect(customers).toHaveLength(4338);
    },
  );
});

describe("kizuna analyze on Online Retail's invoice file", () => {
  it(
    "cleans the invoices as the line file is cleaned and prints each customer's records",
    { timeout: SLOW_RUN_MS },
    async () => {
      // GIVEN the invoice file, worked out here independently: invoices with a customer, not
      // cancelled and above £0, dated by their UK wall clock (the shop's time zone)
      const rows = csvRows(
        readData("online_retail/online_retail_invoices.csv"),
      );
      const kept = rows.filter(
        ([invoice, customer, , , , , amount, cancelled]) =>
          customer !== "" &&
          cancelled === "false" &&
          !invoice!.startsWith("C") &&
          Number(amount) > 0,
      );
      const asOf = kept
        .map((row) => row[2]!.slice(0, 10))
        .sort()
        .at(-1)!;
      const expectedRecord = (customerId: string) => {
        const invoices = kept.filter((row) => row[1] === customerId);
        const pence = new Map<string, number>();
        for (const [, , invoicedAt, , , , amount] of invoices) {
          const day = invoicedAt!.slice(0, 10);
          pence.set(
            day,
            (pence.get(day) ?? 0) + Math.round(Number(amount) * 100),
          );
        }
        const days = [...pence.keys()].sort();
        const total = [...pence.values()].reduce(
          (sum, value) => sum + value,
          0,
        );
        const repeat = total - pence.get(days[0]!)!;
        return {
          customer_id: customerId,
          orders: invoices.length,
          purchase_days: days.length,
          frequency: days.length - 1,
          recency_days: daysBetween(days.at(-1)!, asOf),
          t_x_days: daysBetween(days[0]!, days.at(-1)!),
          T_days: daysBetween(days[0]!, asOf),
          monetary_total: (total / 100).toFixed(2),
          avg_repeat_spend:
            days.length === 1
              ? null
              : (Math.round(repeat / (days.length - 1)) / 100).toFixed(2),
        };
      };
      // WHEN analysed as a UK shop
      const run = await runKizuna([
        "analyze",
        "--orders",
        dataPath("online_retail/online_retail_invoices.csv"),
        "--time-zone",
        "Europe/London",
        "--json",
      ]);
      expect(run.code).toBe(0);
      const { summary, customers } = JSON.parse(run.stdout) as AnalysisJson;
      // THEN the totals are the line file's, and these customers' records are as computed above:
      // 12346 cancelled his one big order, 17560 has a £0 invoice, 14646 and 17850 buy often
      expect(summary).toMatchObject({
        format: "online-retail-invoices",
        currency: "GBP",
        as_of: asOf,
        customers: new Set(kept.map((row) => row[1])).size,
        orders: kept.length,
        revenue: "8911407.90",
        rows: { bad: 0, skipped_by_cleaning_rules: rows.length - kept.length },
      });
      for (const customerId of ["12346", "12347", "14646", "17560", "17850"]) {
        expect(
          customers.find((customer) => customer.customer_id === customerId),
        ).toMatchObject(expectedRecord(customerId));
      }
    },
  );
});

describe("kizuna analyze on bad input", () => {
  it.each([
    {
      name: "a missing file",
      args: ["--orders", join(workDir, "absent.csv")],
      message: `kizuna analyze: cannot read orders file ${join(workDir, "absent.csv")}: no such file\n`,
    },
    {
      name: "a file that is not an orders CSV",
      args: [
        "--orders",
        writeFile("garbage.csv", "hello,world\n\u0000\u0001,2\n"),
      ],
      message: `kizuna analyze: ${join(workDir, "garbage.csv")}: the first line is not a known orders header (expected a Shopify orders export, customer_id,order_id,date,amount[,currency], Online Retail or CDNOW)\n`,
    },
    {
      name: "a .gz file that is not gzip",
      args: ["--orders", writeFile("plain.csv.gz", SMALL_SHOP)],
      message: `kizuna analyze: ${join(workDir, "plain.csv.gz")}: not a valid gzip file\n`,
    },
    {
      name: "an unknown format",
      args: ["--orders", join(workDir, "small.csv"), "--format", "excel"],
      message:
        'kizuna analyze: unknown format "excel" (use auto, shopify, generic, online-retail, cdnow)\n',
    },
    {
      name: "a format other than the file's",
      args: ["--orders", join(workDir, "small.csv"), "--format", "shopify"],
      message: `kizuna analyze: ${join(workDir, "small.csv")}: --format shopify was given but the file is generic\n`,
    },
    {
      name: "a CDNOW file given as generic",
      args: [
        "--orders",
        dataPath("cdnow/CDNOW_sample.txt"),
        "--format",
        "generic",
      ],
      message: `kizuna analyze: ${dataPath("cdnow/CDNOW_sample.txt")}: --format generic was given but the file is cdnow\n`,
    },
    {
      name: "an invalid rank policy",
      args: [
        "--orders",
        join(workDir, "small.csv"),
        "--rank-policy",
        writeFile(
          "no-ranks.json",
          JSON.stringify({
            version: 1,
            ranks: [],
            basis: "tax_inclusive",
            window: { kind: "lifetime" },
            confirmationDelayDays: 0,
            downgradeReviewDates: [],
            inactivityStepDown: null,
            refundDowngrade: "immediate",
          }),
        ),
      ],
      message: `kizuna analyze: rank policy ${join(workDir, "no-ranks.json")}: ranks RANKS_EMPTY\n`,
    },
    {
      name: "a header with no rows",
      args: [
        "--orders",
        writeFile("empty.csv", "customer_id,order_id,date,amount\n"),
      ],
      message: `kizuna analyze: ${join(workDir, "empty.csv")}: no valid orders\n`,
    },
  ])("exits 2 with one clear line for $name", async ({ args, message }) => {
    const run = await runKizuna(["analyze", ...args]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: message });
  });

  it("exits 2 for an unknown command", async () => {
    const run = await runKizuna(["analyse"]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe('kizuna: unknown command "analyse"');
  });

  it("keeps the good rows and reports the first 10 bad rows by line", async () => {
    const bad = Array.from(
      { length: 12 },
      (_, index) => `X,${index + 10},2024-01-01,ten`,
    );
    const path = writeFile(
      "bad-rows.csv",
      [
        "customer_id,order_id,date,amount",
        "A,1,2024-01-01,10.00",
        ...bad,
        "",
      ].join("\n"),
    );
    const run = await runKizuna(["analyze", "--orders", path, "--json"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      [
        "12 bad rows left out; the first 10:",
        ...Array.from(
          { length: 10 },
          (_, index) => `  line ${index + 3}: amount: MALFORMED_AMOUNT`,
        ),
        "",
      ].join("\n"),
    );
    expect((JSON.parse(run.stdout) as AnalysisJson).summary.customers).toBe(1);
  });
});
