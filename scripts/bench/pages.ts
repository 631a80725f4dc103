// Benchmark of the analytics admin pages at 200,000 customers (Kizuna issue 4: "usable at 200,000
// customers: loaders read precomputed results and answer in under 200 ms"). A fresh migrated SQLite
// database gets a JPY shop with generated customers and orders (written with plain SQL: the ingestion
// paths have their own benchmarks), the real full recompute fills the analytics, and the service behind
// each page's loader is timed in this process: the median and the slowest of repeated calls.
//
//   node scripts/bench/pages.ts [customers]     (default 200000)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const projectRoot = resolve(import.meta.dirname, "../..");
const CUSTOMERS = Number(process.argv[2] ?? 200_000);
const SHOP = "bench-pages.myshopify.com";
const RUNS = 15;
const TARGET_MS = 200;
const DAY_MS = 86_400_000;
const HISTORY_DAYS = 730;
const FIRST_NAMES = [
  "陽子",
  "健",
  "美咲",
  "翔太",
  "Emma",
  "Liam",
  "葵",
  "蓮",
  "Olivia",
  "Noah",
];
const LAST_NAMES = [
  "田中",
  "佐藤",
  "鈴木",
  "高橋",
  "Smith",
  "Brown",
  "伊藤",
  "渡辺",
  "Wilson",
  "山本",
];

/** A seeded generator (mulberry32), so every run writes the same shop. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const stored = (at: Date) => at.toISOString().replace("Z", "+00:00");

async function seedShop(
  databaseUrl: string,
  now: Date,
): Promise<{ orders: number }> {
  const { createClient } = await import("@libsql/client");
  const client = createClient({ url: databaseUrl });
  const random = createRandom(2026);
  const nowText = stored(now);
  await client.execute({
    sql: `INSERT INTO "Shop" ("id", "domain", "name", "currencyCode", "ianaTimezone", "grantedScopes", "installedAt", "updatedAt") VALUES ('bench', ?, 'Bench', 'JPY', 'Asia/Tokyo', '', ?, ?)`,
    args: [SHOP, nowText, nowText],
  });
  let orderNumber = 0;
  const BATCH = 5000;
  for (let first = 1; first <= CUSTOMERS; first += BATCH) {
    const customers: unknown[][] = [];
    const orders: unknown[][] = [];
    for (let id = first; id < Math.min(first + BATCH, CUSTOMERS + 1); id += 1) {
      const customerGid = `gid://shopify/Customer/${id}`;
      customers.push([
        `c${id}`,
        customerGid,
        FIRST_NAMES[id % 10],
        LAST_NAMES[Math.floor(id / 10) % 10],
        `customer${id}@example.jp`,
      ]);
      let day = Math.floor(random() * HISTORY_DAYS);
      for (;;) {
        orderNumber += 1;
        const at = new Date(
          now.getTime() -
            (HISTORY_DAYS - day) * DAY_MS -
            Math.floor(random() * DAY_MS),
        );
        const total = 1000 + Math.floor(random() * random() * 30_000);
        orders.push([
          `o${orderNumber}`,
          `gid://shopify/Order/${orderNumber}`,
          `#${orderNumber}`,
          customerGid,
          stored(at),
          total,
          Math.floor(total / 11),
        ]);
        day += 1 + Math.floor(-Math.log(1 - random()) * 90);
        if (day >= HISTORY_DAYS || random() < 0.45) break;
      }
    }
    await client.batch(
      [
        {
          sql: `INSERT INTO "Customer" ("id", "shop", "customerGid", "firstName", "lastName", "email", "createdAt", "updatedAt")
                SELECT value->>0, ?, value->>1, value->>2, value->>3, value->>4, ?, ? FROM json_each(?)`,
          args: [SHOP, nowText, nowText, JSON.stringify(customers)],
        },
        {
          sql: `INSERT INTO "Order" ("id", "shop", "orderGid", "name", "customerGid", "placedAt", "shopifyUpdatedAt", "processedAt", "test", "currency",
                  "presentmentCurrency", "totalMinor", "presentmentTotalMinor", "subtotalMinor", "discountMinor", "taxMinor", "taxesIncluded", "refundedMinor",
                  "netMinor", "countsTowardShopTotals", "countsTowardCustomerAnalytics", "source", "createdAt", "updatedAt")
                SELECT value->>0, ?, value->>1, value->>2, value->>3, value->>4, value->>4, value->>4, 0, 'JPY', 'JPY', value->>5, value->>5, value->>5, 0,
                  value->>6, 1, 0, value->>5, 1, 1, 'backfill', ?, ? FROM json_each(?)`,
          args: [SHOP, nowText, nowText, JSON.stringify(orders)],
        },
      ],
      "write",
    );
  }
  client.close();
  return { orders: orderNumber };
}

async function time(
  read: () => Promise<unknown>,
): Promise<{ medianMs: number; slowestMs: number }> {
  const durations: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    await read();
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  return {
    medianMs: durations[Math.floor(RUNS / 2)] as number,
    slowestMs: durations[RUNS - 1] as number,
  };
}

const dir = mkdtempSync(join(tmpdir(), "kizuna-bench-pages-"));
const databaseUrl = `file:${join(dir, "pages.sqlite")}`;
try {
  execFileSync(
    join(projectRoot, "node_modules/.bin/prisma"),
    ["migrate", "deploy"],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        CHECKPOINT_DISABLE: "1",
      },
      stdio: "pipe",
    },
  );
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: "bench",
    SHOPIFY_API_SECRET: "bench",
    SHOPIFY_APP_URL: "http://127.0.0.1:9",
    LOG_LEVEL: "warn",
  });
  const now = new Date();
  let started = performance.now();
  const { orders } = await seedShop(databaseUrl, now);
  process.stdout.write(
    `seeded ${CUSTOMERS.toLocaleString("en")} customers, ${orders.toLocaleString("en")} orders in ${Math.round(performance.now() - started)} ms\n`,
  );
  const { recomputeShopAnalytics } =
    await import("../../app/services/analytics/recompute-shop.server.ts");
  started = performance.now();
  await recomputeShopAnalytics(SHOP, now);
  process.stdout.write(
    `full recompute: ${Math.round(performance.now() - started)} ms\n`,
  );
  const { getHomeOverview } = await import("../../app/services/home.server.ts");
  const { getSegmentsOverview } =
    await import("../../app/services/segments-page.server.ts");
  const { getCustomerList } =
    await import("../../app/services/customer-list.server.ts");
  const { getCustomerProfile } =
    await import("../../app/services/customer-profile.server.ts");
  const { getRanksPage } =
    await import("../../app/services/ranks-page.server.ts");
  const list = {
    search: "",
    segment: null,
    rankKey: null,
    after: null,
    before: null,
  } as const;
  const page1 = await getCustomerList(SHOP, {
    ...list,
    sort: "lastOrderOn",
    direction: "desc",
  });
  const smallSegment =
    (await getSegmentsOverview(SHOP)).status === "ready"
      ? "cantLoseThem"
      : "lost";
  const reads: [string, () => Promise<unknown>][] = [
    ["Home (dashboard and cards)", () => getHomeOverview(SHOP, new Date())],
    ["Segments", () => getSegmentsOverview(SHOP)],
    ["Ranks", () => getRanksPage(SHOP, new Date())],
    [
      "Customers, by net spend",
      () =>
        getCustomerList(SHOP, {
          ...list,
          sort: "netSpendMinor",
          direction: "desc",
        }),
    ],
    [
      "Customers, by last order, page 2",
      () =>
        getCustomerList(SHOP, {
          ...list,
          sort: "lastOrderOn",
          direction: "desc",
          after: page1.next,
        }),
    ],
    [
      "Customers, by predicted CLV, ascending",
      () =>
        getCustomerList(SHOP, {
          ...list,
          sort: "predictedClvMinor",
          direction: "asc",
        }),
    ],
    [
      `Segment ${smallSegment}, by last order`,
      () =>
        getCustomerList(SHOP, {
          ...list,
          segment: smallSegment,
          sort: "lastOrderOn",
          direction: "desc",
        }),
    ],
    [
      "Rank platinum, by predicted CLV",
      () =>
        getCustomerList(SHOP, {
          ...list,
          rankKey: "platinum",
          sort: "predictedClvMinor",
          direction: "desc",
        }),
    ],
    [
      "Search, a common name (50 shown)",
      () =>
        getCustomerList(SHOP, {
          ...list,
          search: "田中",
          sort: "netSpendMinor",
          direction: "desc",
        }),
    ],
    [
      "Search, no match (every customer read)",
      () =>
        getCustomerList(SHOP, {
          ...list,
          search: "nobody-by-this-name",
          sort: "netSpendMinor",
          direction: "desc",
        }),
    ],
    [
      "Customer profile",
      () => getCustomerProfile(SHOP, page1.rows[0]!.customerGid),
    ],
  ];
  process.stdout.write(
    `\n| page | median ms | slowest of ${RUNS} ms |\n|---|---:|---:|\n`,
  );
  let slow = 0;
  for (const [name, read] of reads) {
    const { medianMs, slowestMs } = await time(read);
    if (medianMs > TARGET_MS) slow += 1;
    process.stdout.write(
      `| ${name} | ${medianMs.toFixed(1)} | ${slowestMs.toFixed(1)} |\n`,
    );
  }
  process.stdout.write(
    `\n${slow === 0 ? "every" : `${reads.length - slow} of ${reads.length}`} page read under ${TARGET_MS} ms (median)\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
