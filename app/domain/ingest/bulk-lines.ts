// The JSONL of a bulk operation (shopify-platform.md §9.2): one JSON object per line; the nodes of
// a nested connection are lines of their own naming their parent in `__parentId`, after the parent
// but, with groupObjects: false, not necessarily next to it. GraphQL prints ids as GID strings and
// 64-bit counts as strings, so plain JSON.parse loses nothing.
import { z } from "zod";
import { readMoneySet } from "./shopify-json.ts";
import type { Currencies, PayloadError, ReadMoneySet } from "./shopify-json.ts";

export type BulkLine = {
  json: Record<string, unknown>;
  /** The node's own `id`, when it selected one. */
  gid: string | null;
  /** `__parentId`: null for a node of the top-level connection. */
  parentGid: string | null;
};

export function readBulkLine(text: string): { ok: true; line: BulkLine } | PayloadError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, reason: "MALFORMED_JSON", path: "" };
    throw error;
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return { ok: false, reason: "UNEXPECTED_SHAPE", path: "" };
  const record = json as Record<string, unknown>;
  const parentGid = record.__parentId;
  if (parentGid !== undefined && typeof parentGid !== "string") return { ok: false, reason: "UNEXPECTED_SHAPE", path: "__parentId" };
  return {
    ok: true,
    line: { json: record, gid: typeof record.id === "string" ? record.id : null, parentGid: parentGid ?? null },
  };
}

const moneyV2Schema = z.object({ amount: z.string(), currencyCode: z.string() });

/** GraphQL's MoneyBag: the same pair as the webhooks' `*_set`, in camel case. */
export const bulkMoneyBagSchema = z.object({ shopMoney: moneyV2Schema, presentmentMoney: moneyV2Schema });

export type BulkMoneyBag = z.infer<typeof bulkMoneyBagSchema>;

/** Both halves in integer minor units, each in the order's own currency; a null bag is zero. */
export function readBulkMoneyBag(bag: BulkMoneyBag | null, currencies: Currencies, path: string): ReadMoneySet {
  if (bag === null) return { ok: true, shopMinor: 0, presentmentMinor: 0 };
  return readMoneySet(
    {
      shop_money: { amount: bag.shopMoney.amount, currency_code: bag.shopMoney.currencyCode },
      presentment_money: { amount: bag.presentmentMoney.amount, currency_code: bag.presentmentMoney.currencyCode },
    },
    currencies,
    path,
  );
}
