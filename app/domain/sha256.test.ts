import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "./sha256.ts";

const nodeSha256 = (text: string) =>
  createHash("sha256").update(text, "utf8").digest("hex");

describe("sha256Hex", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    [
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    ],
  ])("gives the FIPS 180-4 test vector for %j", (text, digest) => {
    expect(sha256Hex(text)).toBe(digest);
  });

  it.each([55, 56, 63, 64, 65, 119, 120])(
    "pads a %i-byte message as node:crypto does",
    (length) => {
      const text = "a".repeat(length);
      expect(sha256Hex(text)).toBe(nodeSha256(text));
    },
  );

  it("agrees with node:crypto on any text, non-ASCII included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        expect(sha256Hex(text)).toBe(nodeSha256(text));
      }),
    );
  });
});
