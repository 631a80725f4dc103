// Stored customer analytics (CustomerAnalytics rows, docs/decisions/011): written in bulk by the full
// recompute and one customer at a time by ingestion, read by pages and metafield sync. The bulk write
// is one multi-row upsert per 128 rows with every cell a bound parameter, because an ORM round trip per
// row cannot write 200,000 rows inside the recompute's time budget.
import type { Prisma } from "@prisma/client";
import { executeInTransaction, prisma } from "../db.server.ts";
import type { CustomerAnalysis } from "../domain/analytics/customer-analytics.ts";
import type { RankState } from "../domain/analytics/ranks/evaluate-rank.ts";
import { inStatementParts, valuesRows } from "./bound-rows.server.ts";

export type Database = Prisma.TransactionClient | typeof prisma;

/** The columns a recompute writes, in the order of the JSON arrays sent to the bulk upsert. */
const WRITTEN_COLUMNS = [
  "customerGid",
  "asOn",
  "computedAt",
  "revision",
  "orderCount",
  "purchaseDayCount",
  "firstOrderOn",
  "lastOrderOn",
  "netSpendMinor",
  "averageOrderValueMinor",
  "repeatSpendMinor",
  "recencyDays",
  "activeSpanDays",
  "customerAgeDays",
  "recencyScore",
  "frequencyScore",
  "monetaryScore",
  "segment",
  "shopifyRfmGroup",
  "rankKey",
  "rankSince",
  "rankEvaluatedOn",
  "rankPolicyVersion",
  "pendingRankKey",
  "pendingRankOn",
  "overrideRankKey",
  "overrideReason",
  "overrideSetBy",
  "overrideSetAt",
  "nextRankKey",
  "nextRankGapSpendMinor",
  "nextRankGapOrders",
  "keepRankGapSpendMinor",
  "keepRankGapOrders",
  "keepRankReviewOn",
  "keepRankOrderByOn",
  "predictionMethod",
  "heuristicReason",
  "spendMethod",
  "horizonDays",
  "typicalIntervalDays",
  "aliveProbability",
  "expectedPurchases",
  "expectedOrderValueMinor",
  "predictedClvMinor",
  "expectedNextOrderOn",
] as const;

type WrittenColumn = (typeof WRITTEN_COLUMNS)[number];
type CellValue = string | number | null;

/** Prisma's text form of a DateTime in SQLite, so rows written here read back like its own. */
export function toStoredDateTime(at: Date): string {
  return at.toISOString().replace("Z", "+00:00");
}

/** A customer's analysis as the cells of one row, keyed by column. */
function toCells(
  analysis: CustomerAnalysis,
  revision: number,
  computedAt: Date,
): Record<WrittenColumn, CellValue> {
  const { summary, score, rank, prediction } = analysis;
  const state = rank.state;
  const override = state.manualOverride;
  return {
    customerGid: analysis.customerKey,
    asOn: analysis.asOn,
    computedAt: toStoredDateTime(computedAt),
    revision,
    orderCount: summary?.orderCount ?? 0,
    purchaseDayCount: summary?.purchaseDayCount ?? 0,
    firstOrderOn: summary?.firstPurchaseOn ?? null,
    lastOrderOn: summary?.lastPurchaseOn ?? null,
    netSpendMinor: summary?.netSpendMinor ?? 0,
    averageOrderValueMinor: summary?.averageOrderValueMinor ?? null,
    repeatSpendMinor: summary?.repeatSpendMinor ?? 0,
    recencyDays: summary?.recencyDays ?? null,
    activeSpanDays: summary?.activeSpanDays ?? null,
    customerAgeDays: summary?.customerAgeDays ?? null,
    recencyScore: score?.recency ?? null,
    frequencyScore: score?.frequency ?? null,
    monetaryScore: score?.monetary ?? null,
    segment: analysis.segment,
    shopifyRfmGroup: analysis.shopifyRfmGroup,
    rankKey: state.rankKey,
    rankSince: state.since,
    rankEvaluatedOn: state.evaluatedOn,
    rankPolicyVersion: state.policyVersion,
    pendingRankKey: analysis.pendingRank?.rankKey ?? null,
    pendingRankOn: analysis.pendingRank?.confirmedOn ?? null,
    overrideRankKey: override?.rankKey ?? null,
    overrideReason: override?.reason ?? null,
    overrideSetBy: override?.setBy ?? null,
    overrideSetAt: override ? toStoredDateTime(override.setAt) : null,
    nextRankKey: analysis.gapToNextRank?.rankKey ?? null,
    nextRankGapSpendMinor: analysis.gapToNextRank?.netSpendMinor ?? null,
    nextRankGapOrders: analysis.gapToNextRank?.orders ?? null,
    keepRankGapSpendMinor: analysis.gapToKeepRank?.netSpendMinor ?? null,
    keepRankGapOrders: analysis.gapToKeepRank?.orders ?? null,
    keepRankReviewOn: analysis.gapToKeepRank?.reviewOn ?? null,
    keepRankOrderByOn: analysis.gapToKeepRank?.orderByOn ?? null,
    predictionMethod: prediction?.method ?? null,
    heuristicReason: prediction?.heuristicReason ?? null,
    spendMethod: prediction?.spendMethod ?? null,
    horizonDays: prediction?.horizonDays ?? null,
    typicalIntervalDays: prediction?.typicalIntervalDays ?? null,
    aliveProbability: prediction?.aliveProbability ?? null,
    expectedPurchases: prediction?.expectedPurchases ?? null,
    expectedOrderValueMinor: prediction?.expectedOrderValueMinor ?? null,
    predictedClvMinor: prediction?.clvMinor ?? null,
    expectedNextOrderOn: prediction?.expectedNextOrderOn ?? null,
  };
}

export type CustomerAnalyticsWrite = {
  readonly analysis: CustomerAnalysis;
  /** The row's new revision: the one read plus one, or 1 for a new row. */
  readonly revision: number;
};

/**
 * The columns of the secondary indexes (schema.prisma). SQLite rewrites a row's entry in an index
 * whenever an UPDATE assigns one of its columns, changed or not, and on a daily recompute most rows
 * keep their segment, rank, spend and last order: a large write assigns them only to the rows where
 * one of them changed.
 */
const INDEXED_COLUMNS = [
  "segment",
  "rankKey",
  "netSpendMinor",
  "lastOrderOn",
  "predictedClvMinor",
  "recencyScore",
  "frequencyScore",
] as const satisfies readonly WrittenColumn[];

/** Below this many rows, reading the stored values first costs more than it saves. */
const LARGE_WRITE_ROWS = 100;

const quoted = (column: string) => `"${column}"`;

/** Statement texts by shape and row count, built once: the connection caches prepared statements by text. */
const statements = new Map<string, string>();

function statementFor(shape: string, rowCount: number, build: (rowCount: number) => string): string {
  const key = `${shape}:${rowCount}`;
  let sql = statements.get(key);
  if (sql === undefined) statements.set(key, (sql = build(rowCount)));
  return sql;
}

/** Each row: a new id, the shop, then its cells in WRITTEN_COLUMNS order. */
function upsertSql(assigned: readonly WrittenColumn[], rowCount: number): string {
  return `INSERT INTO "CustomerAnalytics" ("id", "shop", ${WRITTEN_COLUMNS.map(quoted).join(", ")})
VALUES ${valuesRows(rowCount, WRITTEN_COLUMNS.length + 1, "lower(hex(randomblob(16))), ")}
ON CONFLICT ("shop", "customerGid") DO UPDATE SET ${assigned.map((column) => `${quoted(column)} = excluded.${quoted(column)}`).join(", ")}`;
}

const UPSERTS = {
  all: WRITTEN_COLUMNS.filter((column) => column !== "customerGid"),
  unindexed: WRITTEN_COLUMNS.filter(
    (column) => column !== "customerGid" && !(INDEXED_COLUMNS as readonly string[]).includes(column),
  ),
} as const;

function upsert(shop: string, kind: keyof typeof UPSERTS, rows: readonly Record<WrittenColumn, CellValue>[], tx: Prisma.TransactionClient): void {
  for (const part of inStatementParts(rows))
    executeInTransaction(
      tx,
      statementFor(kind, part.length, (rowCount) => upsertSql(UPSERTS[kind], rowCount)),
      part.flatMap((row) => [shop, ...WRITTEN_COLUMNS.map((column) => row[column])]),
    );
}

/** The stored indexed values of these customers' rows, as one key per row (absent: no row). */
async function findIndexedValues(
  shop: string,
  customerGids: readonly string[],
  tx: Prisma.TransactionClient,
): Promise<Map<string, string>> {
  const [row] = await tx.$queryRawUnsafe<{ rows: string | null }[]>(
    `SELECT json_group_array(json_array("customerGid", ${INDEXED_COLUMNS.map(quoted).join(", ")})) AS "rows"
     FROM "CustomerAnalytics" WHERE "shop" = ? AND "customerGid" IN (SELECT value FROM json_each(?))`,
    shop,
    JSON.stringify(customerGids),
  );
  const rows = JSON.parse(row?.rows ?? "[]") as [string, ...CellValue[]][];
  return new Map(rows.map(([customerGid, ...values]) => [customerGid, JSON.stringify(values)]));
}

/** Inserts or replaces the rows of these customers, in the caller's transaction. */
export async function saveCustomerAnalytics(
  shop: string,
  writes: readonly CustomerAnalyticsWrite[],
  computedAt: Date,
  tx: Prisma.TransactionClient,
): Promise<void> {
  if (writes.length === 0) return;
  const rows = writes.map(({ analysis, revision }) => toCells(analysis, revision, computedAt));
  if (rows.length < LARGE_WRITE_ROWS) return upsert(shop, "all", rows, tx);
  const stored = await findIndexedValues(
    shop,
    rows.map((row) => row.customerGid as string),
    tx,
  );
  const unchanged: Record<WrittenColumn, CellValue>[] = [];
  const changed: Record<WrittenColumn, CellValue>[] = [];
  for (const row of rows)
    (stored.get(row.customerGid as string) === JSON.stringify(INDEXED_COLUMNS.map((column) => row[column])) ? unchanged : changed).push(row);
  upsert(shop, "unindexed", unchanged, tx);
  upsert(shop, "all", changed, tx);
}

export type StoredRankState = {
  readonly customerGid: string;
  readonly revision: number;
  readonly state: RankState;
};

type RankStateColumns = {
  customerGid: string;
  revision: number;
  rankKey: string;
  rankSince: string | null;
  rankEvaluatedOn: string;
  rankPolicyVersion: number;
  overrideRankKey: string | null;
  overrideReason: string | null;
  overrideSetBy: string | null;
  /** Prisma reads a DATETIME column as a Date even in raw queries. */
  overrideSetAt: Date | string | null;
};

function toStoredRankState(row: RankStateColumns): StoredRankState {
  return {
    customerGid: row.customerGid,
    revision: Number(row.revision),
    state: {
      rankKey: row.rankKey,
      since: row.rankSince,
      evaluatedOn: row.rankEvaluatedOn,
      policyVersion: Number(row.rankPolicyVersion),
      manualOverride:
        row.overrideRankKey === null
          ? null
          : {
              rankKey: row.overrideRankKey,
              reason: row.overrideReason ?? "",
              setBy: row.overrideSetBy ?? "",
              setAt: new Date(row.overrideSetAt ?? 0),
            },
    },
  };
}

const RANK_STATE_PAGE = 20_000;

/**
 * Every stored rank state of the shop with its row's revision, by customer. Read a page at a time,
 * each page one JSON document, because the full recompute reads every customer's.
 */
export async function listRankStates(
  shop: string,
  db: Database = prisma,
): Promise<Map<string, StoredRankState>> {
  const states = new Map<string, StoredRankState>();
  let after = "";
  for (;;) {
    const [row] = await db.$queryRawUnsafe<{ page: string | null }[]>(
      `SELECT json_group_array(json_array("customerGid", "revision", "rankKey", "rankSince", "rankEvaluatedOn", "rankPolicyVersion",
         "overrideRankKey", "overrideReason", "overrideSetBy", "overrideSetAt")) AS "page"
       FROM (SELECT * FROM "CustomerAnalytics" WHERE "shop" = ? AND "customerGid" > ? ORDER BY "customerGid" LIMIT ?)`,
      shop,
      after,
      RANK_STATE_PAGE,
    );
    const page = JSON.parse(row?.page ?? "[]") as [
      string,
      number,
      string,
      string | null,
      string,
      number,
      string | null,
      string | null,
      string | null,
      string | null,
    ][];
    for (const [
      customerGid,
      revision,
      rankKey,
      rankSince,
      rankEvaluatedOn,
      rankPolicyVersion,
      overrideRankKey,
      overrideReason,
      overrideSetBy,
      overrideSetAt,
    ] of page)
      states.set(
        customerGid,
        toStoredRankState({
          customerGid,
          revision,
          rankKey,
          rankSince,
          rankEvaluatedOn,
          rankPolicyVersion,
          overrideRankKey,
          overrideReason,
          overrideSetBy,
          overrideSetAt,
        }),
      );
    if (page.length < RANK_STATE_PAGE) return states;
    after = (page[page.length - 1] as (typeof page)[number])[0];
  }
}

/**
 * The stored rank states of these customers, by customer; customers without a row are absent. Raw
 * SQL, as it runs for every ingested order and Prisma's query costs several times SQLite's here.
 */
export async function findRankStates(
  shop: string,
  customerGids: readonly string[],
  db: Database = prisma,
): Promise<Map<string, StoredRankState>> {
  const rows = await db.$queryRawUnsafe<RankStateColumns[]>(
    `SELECT "customerGid", "revision", "rankKey", "rankSince", "rankEvaluatedOn", "rankPolicyVersion",
       "overrideRankKey", "overrideReason", "overrideSetBy", "overrideSetAt"
     FROM "CustomerAnalytics" WHERE "shop" = ? AND "customerGid" IN (SELECT value FROM json_each(?))`,
    shop,
    JSON.stringify(customerGids),
  );
  return new Map(rows.map((row) => [row.customerGid, toStoredRankState(row)]));
}

/** The current revision of each of these customers' rows (absent: no row). */
export async function findRevisions(
  shop: string,
  customerGids: readonly string[],
  db: Database = prisma,
): Promise<Map<string, number>> {
  const rows = await db.$queryRawUnsafe<
    { customerGid: string; revision: number }[]
  >(
    `SELECT "customerGid", "revision" FROM "CustomerAnalytics" WHERE "shop" = ? AND "customerGid" IN (SELECT value FROM json_each(?))`,
    shop,
    JSON.stringify(customerGids),
  );
  return new Map(rows.map((row) => [row.customerGid, Number(row.revision)]));
}

export type CustomerAnalyticsRecord = Prisma.CustomerAnalyticsGetPayload<{
  omit: { id: true; shop: true; revision: true };
}>;

export async function findCustomerAnalytics(
  shop: string,
  customerGid: string,
  db: Database = prisma,
): Promise<CustomerAnalyticsRecord | null> {
  return db.customerAnalytics.findUnique({
    where: { shop_customerGid: { shop, customerGid } },
    omit: { id: true, shop: true, revision: true },
  });
}

export type CustomerAnalyticsSort =
  "netSpendMinor" | "lastOrderOn" | "predictedClvMinor";

/** A row's place in a sorted list: its sort value and customer GID. */
export type CustomerAnalyticsCursor = {
  readonly value: number | string | null;
  readonly customerGid: string;
};

export type CustomerAnalyticsFilter = {
  readonly segment?: string;
  readonly rankKey?: string;
};

export type CustomerAnalyticsListQuery = CustomerAnalyticsFilter & {
  readonly sort: CustomerAnalyticsSort;
  readonly direction: "asc" | "desc";
  /** The last row of the previous page. */
  readonly after: CustomerAnalyticsCursor | null;
  /** Instead of `after`: the first row of the next page, to page backwards. */
  readonly before?: CustomerAnalyticsCursor | null;
  readonly limit: number;
};

type ListDirection = "asc" | "desc";

const OMITTED = { id: true, shop: true, revision: true } as const;

function isNullable(sort: CustomerAnalyticsSort): boolean {
  return sort !== "netSpendMinor";
}

/**
 * One part of a sorted list, `take` rows beyond `cursor` in `direction`: the rows with a sort value,
 * ordered by it then by customer GID, or the rows without one, by customer GID. Two plain orders
 * instead of one "nulls last" order, because SQLite walks an index only for a plain ORDER BY.
 */
function readListPart(
  shop: string,
  query: CustomerAnalyticsListQuery,
  part: "values" | "nulls",
  direction: ListDirection,
  cursor: CustomerAnalyticsCursor | null,
  take: number,
  db: Database,
): Promise<CustomerAnalyticsRecord[]> {
  const { sort } = query;
  const beyond = direction === "desc" ? "lt" : "gt";
  const filter: Prisma.CustomerAnalyticsWhereInput = {
    shop,
    ...(query.segment === undefined ? {} : { segment: query.segment }),
    ...(query.rankKey === undefined ? {} : { rankKey: query.rankKey }),
  };
  if (part === "nulls")
    return db.customerAnalytics.findMany({
      where: {
        ...filter,
        [sort]: null,
        ...(cursor === null
          ? {}
          : { customerGid: { [beyond]: cursor.customerGid } }),
      },
      // Ordered by the (null) sort column too, so SQLite reads the null rows off the sort column's
      // index instead of walking the shop's rows in GID order looking for them.
      orderBy: [{ [sort]: direction }, { customerGid: direction }],
      take,
      omit: OMITTED,
    });
  const keyset: Prisma.CustomerAnalyticsWhereInput =
    cursor === null
      ? {}
      : {
          OR: [
            { [sort]: { [beyond]: cursor.value } },
            {
              [sort]: cursor.value,
              customerGid: { [beyond]: cursor.customerGid },
            },
          ],
        };
  return db.customerAnalytics.findMany({
    where: {
      AND: [filter, isNullable(sort) ? { [sort]: { not: null } } : {}, keyset],
    },
    orderBy: [{ [sort]: direction }, { customerGid: direction }],
    take,
    omit: OMITTED,
  });
}

/**
 * A page of rows filtered by segment and/or rank, ordered by one sort column then customer GID
 * (keyset pagination, so page 1,000 costs what page 1 does). Rows whose sort value is null (no
 * prediction yet) come last in either direction. With `before`, the `limit` rows just before that
 * row, still in list order.
 */
export async function listCustomerAnalytics(
  shop: string,
  query: CustomerAnalyticsListQuery,
  db: Database = prisma,
): Promise<CustomerAnalyticsRecord[]> {
  const { limit, direction } = query;
  const nullable = isNullable(query.sort);
  const before = query.before ?? null;
  if (before !== null) {
    const reverse: ListDirection = direction === "desc" ? "asc" : "desc";
    const rows =
      before.value === null
        ? await readListPart(shop, query, "nulls", reverse, before, limit, db)
        : [];
    if (rows.length < limit)
      rows.push(
        ...(await readListPart(
          shop,
          query,
          "values",
          reverse,
          before.value === null ? null : before,
          limit - rows.length,
          db,
        )),
      );
    return rows.reverse();
  }
  const after = query.after;
  const rows =
    after !== null && after.value === null
      ? []
      : await readListPart(shop, query, "values", direction, after, limit, db);
  if (nullable && rows.length < limit)
    rows.push(
      ...(await readListPart(
        shop,
        query,
        "nulls",
        direction,
        after?.value === null ? after : null,
        limit - rows.length,
        db,
      )),
    );
  return rows;
}

export type RfmCell = {
  readonly recencyScore: number;
  readonly frequencyScore: number;
  readonly customerCount: number;
  readonly netSpendMinor: number;
};

/** Customers and their net spend per R × F cell, for the grid heatmap. */
export async function countRfmCells(
  shop: string,
  db: Database = prisma,
): Promise<RfmCell[]> {
  const groups = await db.customerAnalytics.groupBy({
    by: ["recencyScore", "frequencyScore"],
    where: { shop, recencyScore: { not: null }, frequencyScore: { not: null } },
    _count: { _all: true },
    _sum: { netSpendMinor: true },
    orderBy: [{ recencyScore: "desc" }, { frequencyScore: "asc" }],
  });
  return groups.map((group) => ({
    recencyScore: group.recencyScore as number,
    frequencyScore: group.frequencyScore as number,
    customerCount: group._count._all,
    netSpendMinor: group._sum.netSpendMinor ?? 0,
  }));
}

export type CustomerGroupTotals = {
  readonly customerCount: number;
  readonly netSpendMinor: number;
};

/** Customers and their net spend per stored rank key, as stored now (the KPIs' distribution is as of the last recompute). */
export async function sumCustomersByRank(
  shop: string,
  db: Database = prisma,
): Promise<Map<string, CustomerGroupTotals>> {
  const groups = await db.customerAnalytics.groupBy({
    by: ["rankKey"],
    where: { shop },
    _count: { _all: true },
    _sum: { netSpendMinor: true },
  });
  return new Map(
    groups.map((group) => [
      group.rankKey,
      {
        customerCount: group._count._all,
        netSpendMinor: group._sum.netSpendMinor ?? 0,
      },
    ]),
  );
}

/** Customers and their net spend per segment as stored now; customers without a segment are left out. */
export async function sumCustomersBySegment(
  shop: string,
  db: Database = prisma,
): Promise<Map<string, CustomerGroupTotals>> {
  const groups = await db.customerAnalytics.groupBy({
    by: ["segment"],
    where: { shop, segment: { not: null } },
    _count: { _all: true },
    _sum: { netSpendMinor: true },
  });
  return new Map(
    groups.map((group) => [
      group.segment as string,
      {
        customerCount: group._count._all,
        netSpendMinor: group._sum.netSpendMinor ?? 0,
      },
    ]),
  );
}

/** The stored rows of these customers, by customer GID. */
export async function findCustomerAnalyticsRows(
  shop: string,
  customerGids: readonly string[],
  db: Database = prisma,
): Promise<Map<string, CustomerAnalyticsRecord>> {
  if (customerGids.length === 0) return new Map();
  const rows = await db.customerAnalytics.findMany({
    where: { shop, customerGid: { in: [...customerGids] } },
    omit: OMITTED,
  });
  return new Map(rows.map((row) => [row.customerGid, row]));
}

/** The customers holding a manual override to one of these rank keys. */
export async function countOverridesByRank(
  shop: string,
  db: Database = prisma,
): Promise<Map<string, number>> {
  const groups = await db.customerAnalytics.groupBy({
    by: ["overrideRankKey"],
    where: { shop, overrideRankKey: { not: null } },
    _count: { _all: true },
  });
  return new Map(
    groups.map((group) => [group.overrideRankKey as string, group._count._all]),
  );
}

/** customers/redact: the customer's row and every rank change recorded for them. */
export async function deleteCustomerAnalytics(
  shop: string,
  customerGid: string,
  db: Database = prisma,
): Promise<void> {
  await db.customerAnalytics.deleteMany({ where: { shop, customerGid } });
  await db.rankChange.deleteMany({ where: { shop, customerGid } });
}
