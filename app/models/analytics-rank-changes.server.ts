// The record of rank changes (RankChange rows): what each change rests on (the window's orders, their
// refunds, the rule version, the reason), so support can answer "why was I downgraded?", and the
// stored rank of every customer on any past day, for rank migration between two dates.
import { prisma } from "../db.server.ts";
import type { RankChange } from "../domain/analytics/ranks/evaluate-rank.ts";
import {
  toStoredDateTime,
  type Database,
} from "./analytics-customers.server.ts";

export type RankChangeEntry = {
  readonly customerGid: string;
  readonly change: RankChange;
  /** The shop-local day of the evaluation that recorded the change. */
  readonly recordedOn: string;
  readonly refundGids: readonly string[];
  /** The order or refund GID whose arrival prompted the evaluation, if one did. */
  readonly triggerGid: string | null;
};

const COLUMNS = [
  "customerGid",
  "fromRankKey",
  "toRankKey",
  "direction",
  "reason",
  "policyVersion",
  "effectiveOn",
  "recordedOn",
  "windowStartOn",
  "windowEndOn",
  "netSpendMinor",
  "orderCount",
  "evidenceOrders",
  "refundGids",
  "triggerGid",
  "overrideReason",
  "overrideSetBy",
  "createdAt",
] as const;

const INSERT_SQL = `INSERT INTO "RankChange" ("shop", ${COLUMNS.map((column) => `"${column}"`).join(", ")})
SELECT ?, ${COLUMNS.map((_, index) => `value->>${index}`).join(", ")} FROM json_each(?) ORDER BY key`;

/** Appends the changes in the given order, so their ids replay them in that order. */
export async function recordRankChanges(
  shop: string,
  entries: readonly RankChangeEntry[],
  createdAt: Date,
  db: Database = prisma,
): Promise<void> {
  if (entries.length === 0) return;
  const createdAtText = toStoredDateTime(createdAt);
  const rows = entries.map(
    ({ customerGid, change, recordedOn, refundGids, triggerGid }) => [
      customerGid,
      change.fromRankKey,
      change.toRankKey,
      change.direction,
      change.reason,
      change.policyVersion,
      change.effectiveOn,
      recordedOn,
      change.evidence.windowStartOn,
      change.evidence.windowEndOn,
      change.evidence.netSpendMinor,
      change.evidence.orderCount,
      JSON.stringify(
        change.evidence.orders.map((order) => ({
          orderGid: order.orderKey,
          occurredOn: order.occurredOn,
          amountMinor: order.amountMinor,
        })),
      ),
      JSON.stringify(refundGids),
      triggerGid,
      change.manualOverride?.reason ?? null,
      change.manualOverride?.setBy ?? null,
      createdAtText,
    ],
  );
  await db.$executeRawUnsafe(INSERT_SQL, shop, JSON.stringify(rows));
}

export type RankChangeRecord = {
  readonly id: number;
  readonly customerGid: string;
  readonly fromRankKey: string;
  readonly toRankKey: string;
  readonly direction: "up" | "down";
  readonly reason: RankChange["reason"];
  readonly policyVersion: number;
  readonly effectiveOn: string;
  readonly recordedOn: string;
  readonly windowStartOn: string | null;
  readonly windowEndOn: string;
  readonly netSpendMinor: number;
  readonly orderCount: number;
  readonly evidenceOrders: {
    orderGid: string;
    occurredOn: string;
    amountMinor: number;
  }[];
  readonly refundGids: string[];
  readonly triggerGid: string | null;
  readonly overrideReason: string | null;
  readonly overrideSetBy: string | null;
  readonly createdAt: Date;
};

/** The customer's rank changes, newest first; all of them when `limit` is null. */
export async function listCustomerRankChanges(
  shop: string,
  customerGid: string,
  limit: number | null = 100,
  db: Database = prisma,
): Promise<RankChangeRecord[]> {
  const rows = await db.rankChange.findMany({
    where: { shop, customerGid },
    orderBy: { id: "desc" },
    ...(limit === null ? {} : { take: limit }),
    omit: { shop: true },
  });
  return rows.map((row) => ({
    ...row,
    direction: row.direction as RankChangeRecord["direction"],
    reason: row.reason as RankChangeRecord["reason"],
    evidenceOrders: JSON.parse(
      row.evidenceOrders,
    ) as RankChangeRecord["evidenceOrders"],
    refundGids: JSON.parse(row.refundGids) as string[],
  }));
}

export type RankMigrationCell = {
  /** null: not a customer yet on that day. */
  readonly fromRankKey: string | null;
  readonly toRankKey: string | null;
  readonly customerCount: number;
};

/**
 * Today's customers counted by their stored rank at the end of `fromOn` and of `toOn`: the rank of
 * their last change recorded by then, else `lowestRankKey` once they had ordered, else null.
 */
export async function countRankMigrationCells(
  shop: string,
  fromOn: string,
  toOn: string,
  lowestRankKey: string,
  db: Database = prisma,
): Promise<RankMigrationCell[]> {
  // One pass over the shop's changes finds each customer's last change by either day.
  const rows = await db.$queryRawUnsafe<
    {
      fromRankKey: string | null;
      toRankKey: string | null;
      customerCount: number;
    }[]
  >(
    `WITH "last" AS (
       SELECT "customerGid", MAX(CASE WHEN "recordedOn" <= ?2 THEN "id" END) AS "fromId", MAX(CASE WHEN "recordedOn" <= ?3 THEN "id" END) AS "toId"
       FROM "RankChange" WHERE "shop" = ?1 GROUP BY "customerGid")
     SELECT COALESCE(f."toRankKey", CASE WHEN c."firstOrderOn" <= ?2 THEN ?4 END) AS "fromRankKey",
            COALESCE(t."toRankKey", CASE WHEN c."firstOrderOn" <= ?3 THEN ?4 END) AS "toRankKey",
            COUNT(*) AS "customerCount"
     FROM "CustomerAnalytics" c
     LEFT JOIN "last" l ON l."customerGid" = c."customerGid"
     LEFT JOIN "RankChange" f ON f."id" = l."fromId"
     LEFT JOIN "RankChange" t ON t."id" = l."toId"
     WHERE c."shop" = ?1
     GROUP BY 1, 2`,
    shop,
    fromOn,
    toOn,
    lowestRankKey,
  );
  return rows.map((row) => ({
    ...row,
    customerCount: Number(row.customerCount),
  }));
}
