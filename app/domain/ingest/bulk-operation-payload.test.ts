import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBulkOperationFinishPayload } from "./bulk-operation-payload.ts";

const docsExample = readFileSync(new URL("../../../../shared/fixtures/shopify-webhooks/bulk_operations-finish.docs-example.2026-04.json", import.meta.url), "utf8");

describe("parseBulkOperationFinishPayload", () => {
  it("reads Shopify's documented example", () => {
    expect(parseBulkOperationFinishPayload(docsExample)).toEqual({ ok: true, bulkOperationGid: "gid://shopify/BulkOperation/147595010", status: "completed" });
  });

  it("refuses a payload naming no bulk operation", () => {
    expect(parseBulkOperationFinishPayload('{"admin_graphql_api_id":"gid://shopify/Order/1","status":"completed"}')).toEqual({
      ok: false,
      reason: "UNEXPECTED_SHAPE",
      path: "admin_graphql_api_id",
    });
  });
});
