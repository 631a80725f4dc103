import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCustomerCompliancePayload } from "./compliance-payload.ts";

const readFixture = (name: string) => readFileSync(new URL(`../../../../shared/fixtures/shopify-webhooks/${name}`, import.meta.url), "utf8");

describe("parseCustomerCompliancePayload", () => {
  it("reads Shopify's documented customers/data_request example", () => {
    expect(parseCustomerCompliancePayload(readFixture("customers-data_request.docs-example.2026-04.json"))).toEqual({
      ok: true,
      request: {
        customerGid: "gid://shopify/Customer/191167",
        orderGids: ["gid://shopify/Order/299938", "gid://shopify/Order/280263", "gid://shopify/Order/220458"],
        dataRequestId: "9999",
      },
    });
  });

  it("keeps every digit of order ids above 2^53 in customers/redact", () => {
    const body = '{"shop_id":1,"customer":{"id":9007199254740993},"orders_to_redact":[9007199254740995]}';
    expect(parseCustomerCompliancePayload(body)).toEqual({
      ok: true,
      request: { customerGid: "gid://shopify/Customer/9007199254740993", orderGids: ["gid://shopify/Order/9007199254740995"], dataRequestId: null },
    });
  });

  it("names the path of a payload without a customer", () => {
    expect(parseCustomerCompliancePayload('{"shop_id":1}')).toEqual({ ok: false, reason: "UNEXPECTED_SHAPE", path: "customer" });
  });
});
