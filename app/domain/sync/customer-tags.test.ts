import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  describeCustomerTags,
  diffTags,
  readTagPrefix,
  toTagWord,
} from "./customer-tags.ts";

describe("readTagPrefix", () => {
  it.each([
    ["kizuna", { ok: true, prefix: "kizuna" }],
    ["  VIP_Club-2 ", { ok: true, prefix: "vip_club-2" }],
    ["", { ok: false, problem: "EMPTY" }],
    ["   ", { ok: false, problem: "EMPTY" }],
    ["a".repeat(33), { ok: false, problem: "TOO_LONG" }],
    ["a".repeat(32), { ok: true, prefix: "a".repeat(32) }],
    ["kizuna:rank", { ok: false, problem: "INVALID_CHARACTERS" }],
    ["kizuna,vip", { ok: false, problem: "INVALID_CHARACTERS" }],
    ["-kizuna", { ok: false, problem: "INVALID_CHARACTERS" }],
    ["絆", { ok: false, problem: "INVALID_CHARACTERS" }],
  ])("reads %j", (input, expected) => {
    expect(readTagPrefix(input)).toEqual(expected);
  });
});

describe("toTagWord", () => {
  it.each([
    ["champions", "champions"],
    ["potentialLoyalists", "potential-loyalists"],
    ["cantLoseThem", "cant-lose-them"],
    ["Gold VIP", "gold-vip"],
    ["gold,plus", "gold-plus"],
    ["vip_2", "vip_2"],
    ["ゴールド", "ゴールド"],
    [",,,", "-"],
  ])("%s → %s", (key, expected) => {
    expect(toTagWord(key)).toBe(expected);
  });

  it("never yields a comma, a space or an empty word", () => {
    fc.assert(
      fc.property(fc.string(), (key) => /^[^,\s]+$/u.test(toTagWord(key))),
    );
  });
});

describe("describeCustomerTags", () => {
  it("tags the rank and the segment under the prefix", () => {
    expect(
      describeCustomerTags("kizuna", "gold", "potentialLoyalists"),
    ).toEqual(["kizuna:rank:gold", "kizuna:segment:potential-loyalists"]);
    expect(describeCustomerTags("vip", "regular", "champions")).toEqual([
      "vip:rank:regular",
      "vip:segment:champions",
    ]);
  });

  it("has no segment tag before the shop's first full recompute", () => {
    expect(describeCustomerTags("kizuna", "regular", null)).toEqual([
      "kizuna:rank:regular",
    ]);
  });

  it("keeps every tag within Shopify's 255 characters", () => {
    expect(
      describeCustomerTags("kizuna", "g".repeat(400), null)[0],
    ).toHaveLength(255);
  });
});

describe("diffTags", () => {
  it.each<[string, string[], string[], { add: string[]; remove: string[] }]>([
    [
      "adds every tag the first time",
      [],
      ["k:rank:gold", "k:segment:loyal"],
      { add: ["k:rank:gold", "k:segment:loyal"], remove: [] },
    ],
    [
      "changes nothing when nothing moved",
      ["k:rank:gold", "k:segment:loyal"],
      ["k:rank:gold", "k:segment:loyal"],
      { add: [], remove: [] },
    ],
    [
      "swaps the rank tag on a rank change",
      ["k:rank:silver", "k:segment:loyal"],
      ["k:rank:gold", "k:segment:loyal"],
      { add: ["k:rank:gold"], remove: ["k:rank:silver"] },
    ],
    [
      "removes what Kizuna added when tags are turned off",
      ["k:rank:gold", "k:segment:loyal"],
      [],
      { add: [], remove: ["k:rank:gold", "k:segment:loyal"] },
    ],
    [
      "moves every tag to a new prefix",
      ["k:rank:gold"],
      ["vip:rank:gold"],
      { add: ["vip:rank:gold"], remove: ["k:rank:gold"] },
    ],
  ])("%s", (_label, previous, desired, expected) => {
    expect(diffTags(previous, desired)).toEqual(expected);
  });

  it("removes only tags Kizuna added before, and applying the change gives exactly the desired tags", () => {
    const tag = fc.constantFrom<string>(
      "k:rank:a",
      "k:rank:b",
      "k:segment:x",
      "k:segment:y",
      "vip:rank:a",
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(tag),
        fc.uniqueArray(tag),
        fc.uniqueArray(fc.constantFrom<string>("merchant-own", "wholesale")),
        (previous, desired, merchantTags) => {
          const { add, remove } = diffTags(previous, desired);
          expect(remove.every((removed) => previous.includes(removed))).toBe(
            true,
          );
          const onCustomer = new Set([...merchantTags, ...previous]);
          for (const removed of remove) onCustomer.delete(removed);
          for (const added of add) onCustomer.add(added);
          expect([...onCustomer].sort()).toEqual(
            [...new Set([...merchantTags, ...desired])].sort(),
          );
        },
      ),
    );
  });
});
