// refunds/create (and each entry of an order's `refunds[]`) → RefundFact (shopify-platform.md §7.3).
// The refunded money is the sum of successful refund transactions, in the buyer's currency; shop money
// is converted with the rate implied by the refund's own `*_set` pairs, or left null for the order's rate.
import { z } from "zod";
import { parseDecimalToMinor } from "../money.ts";
import type { RefundFact } from "../orders.ts";
import { parseIsoInstant } from "./timestamps.ts";
import {
  describeIssue,
  gidSchema,
  moneySetSchema,
  numericIdSchema,
  parseShopifyJson,
  readMoneySet,
  toGid,
} from "./shopify-json.ts";
import type { Currencies, MoneySet, PayloadError } from "./shopify-json.ts";

export const refundSchema = z.object({
  admin_graphql_api_id: gidSchema("Refund"),
  order_id: numericIdSchema,
  created_at: z.string(),
  total_duties_set: moneySetSchema.nullish(),
  refund_line_items: z.array(
    z.object({ subtotal_set: moneySetSchema, total_tax_set: moneySetSchema }),
  ),
  transactions: z.array(
    z.object({ kind: z.string(), status: z.string(), amount: z.string() }),
  ),
});

export type RefundObject = z.infer<typeof refundSchema>;

export type RefundPayloadResult =
  { ok: true; refund: RefundFact } | PayloadError;

/** Parses the raw body of a refunds/create webhook; the order GID is built from the exact digits of `order_id`. */
export function parseRefundPayload(rawBody: string): RefundPayloadResult {
  const parsed = parseShopifyJson(rawBody);
  if (!parsed.ok) return parsed;
  const shape = refundSchema.safeParse(parsed.json);
  if (!shape.success) return describeIssue(shape.error);
  const currencies = currenciesOf(shape.data);
  if (currencies === null)
    return { ok: false, reason: "UNEXPECTED_SHAPE", path: "total_duties_set" };
  return readRefund(shape.data, currencies, "");
}

/** Builds a RefundFact from an already shape-checked refund object; `path` prefixes error paths. */
export function readRefund(
  refund: RefundObject,
  currencies: Currencies,
  path: string,
): RefundPayloadResult {
  const createdAt = parseIsoInstant(refund.created_at);
  if (createdAt === null)
    return {
      ok: false,
      reason: "MALFORMED_TIMESTAMP",
      path: `${path}created_at`,
    };
  let presentmentAmountMinor = 0;
  for (const [index, transaction] of refund.transactions.entries()) {
    if (transaction.kind !== "refund" || transaction.status !== "success")
      continue;
    const amount = parseDecimalToMinor(
      transaction.amount,
      currencies.presentment,
    );
    if (!amount.ok)
      return {
        ok: false,
        reason: "MALFORMED_MONEY",
        path: `${path}transactions.${index}.amount`,
      };
    presentmentAmountMinor += amount.money.minor;
  }
  const rate = lineItemRate(refund, currencies, path);
  if (!rate.ok) return rate;
  const amountMinor =
    currencies.shop === currencies.presentment
      ? presentmentAmountMinor
      : rate.presentmentMinor === 0
        ? null
        : Math.round(
            (presentmentAmountMinor * rate.shopMinor) / rate.presentmentMinor,
          );
  return {
    ok: true,
    refund: {
      refundGid: refund.admin_graphql_api_id,
      orderGid: toGid("Order", refund.order_id),
      createdAt,
      amountMinor,
      presentmentAmountMinor,
    },
  };
}

function lineItemRate(
  refund: RefundObject,
  currencies: Currencies,
  path: string,
): { ok: true; shopMinor: number; presentmentMinor: number } | PayloadError {
  let shopMinor = 0;
  let presentmentMinor = 0;
  for (const [index, line] of refund.refund_line_items.entries()) {
    for (const [field, set] of [
      ["subtotal_set", line.subtotal_set],
      ["total_tax_set", line.total_tax_set],
    ] as const) {
      const money = readMoneySet(
        set,
        currencies,
        `${path}refund_line_items.${index}.${field}`,
      );
      if (!money.ok) return money;
      shopMinor += money.shopMinor;
      presentmentMinor += money.presentmentMinor;
    }
  }
  return { ok: true, shopMinor, presentmentMinor };
}

function currenciesOf(refund: RefundObject): Currencies | null {
  const set: MoneySet | null | undefined =
    refund.total_duties_set ?? refund.refund_line_items[0]?.subtotal_set;
  if (!set) return null;
  return {
    shop: set.shop_money.currency_code,
    presentment: set.presentment_money.currency_code,
  };
}
