// Benchmark of the analytics admin pages at 200,000 customers (Kizuna issue 4: "usable at 200,000
// customers: loaders read precomputed results and answer in under 200 ms"). A fresh migrated SQLite
// database gets a JPY shop with generated customers and orders (written with plain SQL: the ingestion
// paths have their own benchmarks), the real full recompute fills the analytics, and the service behind
// each page's loader is timed in this process: the median and the slowest of repeated calls.
//
//   node scripts/bench/pages.ts [customers]     (default 200000)
import { rmSync } from "node:fs";
import { createBenchDatabase, GENERATED_SHOP, writeGeneratedShop } from "./generated-shop.ts";

const CUSTOMERS = Number(process.argv[2] ?? 200_000);
/** About two orders per customer, as the pages' shop has always had. */
const ORDERS = Math.round(CUSTOMERS * 2.2);
const SHOP = GENERATED_SHOP;
const RUNS = 15;
const TARGET_MS = 200;

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

const { dir, path } = createBenchDatabase("pages");
try {
  Object.assign(process.env, {
    DATABASE_URL: `file:${path}`,
    SHOPIFY_API_KEY: "bench",
    SHOPIFY_API_SECRET: "bench",
    SHOPIFY_APP_URL: "http://127.0.0.1:9",
    LOG_LEVEL: "warn",
  });
  const now = new Date();
  let started = performance.now();
  writeGeneratedShop(path, { customers: CUSTOMERS, orders: ORDERS, now });
  process.stdout.write(
    `seeded ${CUSTOMERS.toLocaleString("en")} customers, ${ORDERS.toLocaleString("en")} orders in ${Math.round(performance.now() - started)} ms\n`,
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
