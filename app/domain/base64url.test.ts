import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64Url, encodeBase64Url } from "./base64url.ts";

describe("encodeBase64Url and decodeBase64Url", () => {
  it("writes any text with URL-safe characters only, and reads it back", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const encoded = encodeBase64Url(text);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodeBase64Url(encoded)).toBe(text);
      }),
    );
  });

  it.each([["a+b"], ["a=="], ["/w"], ["_w"]])(
    "reads no text from %j",
    (encoded) => {
      expect(decodeBase64Url(encoded)).toBeNull();
    },
  );
});
