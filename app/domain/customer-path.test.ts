import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromCustomerPathId, toCustomerPathId } from "./customer-path.ts";

describe("toCustomerPathId and fromCustomerPathId", () => {
  it.each([
    ["gid://shopify/Customer/7000000123", "7000000123"],
    [
      "gid://kizuna/Customer/external:C-1",
      "kZ2lkOi8va2l6dW5hL0N1c3RvbWVyL2V4dGVybmFsOkMtMQ",
    ],
  ])("names %s as %s", (customerGid, pathId) => {
    expect(toCustomerPathId(customerGid)).toBe(pathId);
    expect(fromCustomerPathId(pathId)).toBe(customerGid);
  });

  it("gives any GID back unchanged, in a segment of URL-safe characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (suffix) => {
        const customerGid = `gid://kizuna/Customer/external:${suffix}`;
        const pathId = toCustomerPathId(customerGid);
        expect(pathId).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(fromCustomerPathId(pathId)).toBe(customerGid);
      }),
    );
  });

  it.each(["", "k", "k!!", "abc", "k" + btoa("not a gid"), "12a"])(
    "names no customer with %j",
    (pathId) => {
      expect(fromCustomerPathId(pathId)).toBeNull();
    },
  );
});
