// bulk_operations/finish (shopify-platform.md §9.2): which operation ended and how. The payload has
// no file URL, so the operation is read again by id before anything is downloaded.
import { z } from "zod";
import { describeIssue, gidSchema, parseShopifyJson } from "./shopify-json.ts";
import type { PayloadError } from "./shopify-json.ts";

const finishSchema = z.object({
  admin_graphql_api_id: gidSchema("BulkOperation"),
  status: z.string(),
});

export function parseBulkOperationFinishPayload(rawBody: string): { ok: true; bulkOperationGid: string; status: string } | PayloadError {
  const parsed = parseShopifyJson(rawBody);
  if (!parsed.ok) return parsed;
  const shape = finishSchema.safeParse(parsed.json);
  if (!shape.success) return describeIssue(shape.error);
  return { ok: true, bulkOperationGid: shape.data.admin_graphql_api_id, status: shape.data.status };
}
