// Reading Shopify's REST webhook JSON without losing ids: numeric `id` / `*_id` values can exceed 2^53
// (shopify-platform.md §0.5), so every such number is kept as its source digits, read through
// JSON.parse's reviver `context.source` (Node 22+, Chrome 114+). Money comes from `*_set` pairs.
import { z } from "zod";
import { assert } from "../assert.ts";
import { JSON_SOURCE_UNSUPPORTED } from "../errors.ts";
import { parseDecimalToMinor } from "../money.ts";

export type PayloadFailure =
  | "MALFORMED_JSON"
  | "UNEXPECTED_SHAPE"
  | "MALFORMED_MONEY"
  | "MALFORMED_TIMESTAMP";

/** A failed parse names the reason and the JSON path, never a value (payloads hold customer data). */
export type PayloadError = { ok: false; reason: PayloadFailure; path: string };

const ID_KEY = /(?:^|_)id$/;

/** JSON.parse in which every integer under a key `id` or `…_id` becomes its exact decimal string. */
export function parseShopifyJson(
  rawBody: string,
): { ok: true; json: unknown } | PayloadError {
  try {
    const json: unknown = JSON.parse(
      rawBody,
      (key: string, value: unknown, context?: { source?: string }) => {
        if (typeof value !== "number" || !ID_KEY.test(key)) return value;
        assert(context?.source !== undefined, JSON_SOURCE_UNSUPPORTED);
        return /^\d+$/.test(context.source) ? context.source : value;
      },
    );
    return { ok: true, json };
  } catch (error) {
    if (error instanceof SyntaxError)
      return { ok: false, reason: "MALFORMED_JSON", path: "" };
    throw error;
  }
}

/** `gid://shopify/<Resource>/<digits>` from an id read losslessly by parseShopifyJson. */
export function toGid(resource: string, digits: string): string {
  return `gid://shopify/${resource}/${digits}`;
}

export const numericIdSchema = z.string().regex(/^\d+$/);

export function gidSchema(resource: string) {
  return z.string().regex(new RegExp(`^gid://shopify/${resource}/\\d+$`));
}

const moneySchema = z.object({ amount: z.string(), currency_code: z.string() });
export const moneySetSchema = z.object({
  shop_money: moneySchema,
  presentment_money: moneySchema,
});
export type MoneySet = z.infer<typeof moneySetSchema>;

/** The shop's currency and the buyer's (presentment) currency of one order. */
export type Currencies = { shop: string; presentment: string };

export type ReadMoneySet =
  { ok: true; shopMinor: number; presentmentMinor: number } | PayloadError;

/** Both halves of a `*_set`, each required to be in the order's own currency. */
export function readMoneySet(
  set: MoneySet,
  currencies: Currencies,
  path: string,
): ReadMoneySet {
  const shop = parseDecimalToMinor(
    set.shop_money.amount,
    set.shop_money.currency_code,
  );
  const presentment = parseDecimalToMinor(
    set.presentment_money.amount,
    set.presentment_money.currency_code,
  );
  if (!shop.ok || !presentment.ok)
    return { ok: false, reason: "MALFORMED_MONEY", path };
  if (
    shop.money.currency !== currencies.shop ||
    presentment.money.currency !== currencies.presentment
  ) {
    return { ok: false, reason: "MALFORMED_MONEY", path };
  }
  return {
    ok: true,
    shopMinor: shop.money.minor,
    presentmentMinor: presentment.money.minor,
  };
}

export function describeIssue(error: z.ZodError): PayloadError {
  return {
    ok: false,
    reason: "UNEXPECTED_SHAPE",
    path: error.issues[0]?.path.join(".") ?? "",
  };
}
