// The mandatory compliance topics customers/data_request and customers/redact (shopify-platform.md
// §7.3): which customer, and which of their orders. Order ids sit in bare arrays, where the `…_id`
// reviver of parseShopifyJson does not reach, so every integer here is read as its exact digits.
import { z } from "zod";
import { assert } from "../assert.ts";
import { JSON_SOURCE_UNSUPPORTED } from "../errors.ts";
import { describeIssue, numericIdSchema, toGid } from "./shopify-json.ts";
import type { PayloadError } from "./shopify-json.ts";

export type CustomerComplianceRequest = {
  readonly customerGid: string;
  readonly orderGids: readonly string[];
  /** customers/data_request only: Shopify's id of the request. */
  readonly dataRequestId: string | null;
};

const complianceSchema = z.object({
  customer: z.object({ id: numericIdSchema }),
  orders_requested: z.array(numericIdSchema).optional(),
  orders_to_redact: z.array(numericIdSchema).optional(),
  data_request: z.object({ id: numericIdSchema }).nullish(),
});

export function parseCustomerCompliancePayload(
  rawBody: string,
): { ok: true; request: CustomerComplianceRequest } | PayloadError {
  const parsed = parseWithExactIntegers(rawBody);
  if (!parsed.ok) return parsed;
  const shape = complianceSchema.safeParse(parsed.json);
  if (!shape.success) return describeIssue(shape.error);
  const orderIds = [...(shape.data.orders_requested ?? []), ...(shape.data.orders_to_redact ?? [])];
  return {
    ok: true,
    request: {
      customerGid: toGid("Customer", shape.data.customer.id),
      orderGids: orderIds.map((id) => toGid("Order", id)),
      dataRequestId: shape.data.data_request?.id ?? null,
    },
  };
}

function parseWithExactIntegers(rawBody: string): { ok: true; json: unknown } | PayloadError {
  try {
    const json: unknown = JSON.parse(rawBody, (_key: string, value: unknown, context?: { source?: string }) => {
      if (typeof value !== "number") return value;
      assert(context?.source !== undefined, JSON_SOURCE_UNSUPPORTED);
      return /^\d+$/.test(context.source) ? context.source : value;
    });
    return { ok: true, json };
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, reason: "MALFORMED_JSON", path: "" };
    throw error;
  }
}
