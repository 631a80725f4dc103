import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMoney,
  currencyExponent,
  formatMinorAsDecimal,
  multiplyDecimalToMinor,
  parseDecimalToMinor,
  subtractMoney,
} from "./money.ts";

describe("currencyExponent", () => {
  it.each([
    ["USD", 2],
    ["EUR", 2],
    ["GBP", 2],
    ["JPY", 0],
    ["KRW", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["CLF", 4],
  ])("gives %s %i minor digits", (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });

  it.each(["usd", "US", "USDT", ""])(
    "rejects %j as a currency code",
    (currency) => {
      expect(currencyExponent(currency)).toBeNull();
    },
  );
});

describe("parseDecimalToMinor", () => {
  it.each([
    ["1234.50", "USD", 123450],
    ["404.95", "USD", 40495],
    ["0.00", "USD", 0],
    ["0.0", "USD", 0],
    ["7", "USD", 700],
    ["10.000", "USD", 1000],
    ["-5.00", "USD", -500],
    ["2500", "JPY", 2500],
    ["2500.00", "JPY", 2500],
    ["1.234", "KWD", 1234],
    ["0.1", "KWD", 100],
    ["90071992547409.91", "USD", 9007199254740991],
  ])("reads %s %s as %i minor units", (text, currency, minor) => {
    expect(parseDecimalToMinor(text, currency)).toEqual({
      ok: true,
      money: { minor, currency },
    });
  });

  it("reads 0.1 + 0.2 exactly, where floats would not", () => {
    const a = parseDecimalToMinor("0.1", "USD");
    const b = parseDecimalToMinor("0.2", "USD");
    if (!a.ok || !b.ok) throw new Error("unreachable");
    expect(addMoney(a.money, b.money)).toEqual({ minor: 30, currency: "USD" });
  });

  it.each([
    ["1.005", "USD", "TOO_MANY_DECIMALS"],
    ["12.5", "JPY", "TOO_MANY_DECIMALS"],
    ["", "USD", "MALFORMED_AMOUNT"],
    ["1,234.50", "USD", "MALFORMED_AMOUNT"],
    ["1e3", "USD", "MALFORMED_AMOUNT"],
    [" 1.00", "USD", "MALFORMED_AMOUNT"],
    [".50", "USD", "MALFORMED_AMOUNT"],
    ["1.", "USD", "MALFORMED_AMOUNT"],
    ["+1.00", "USD", "MALFORMED_AMOUNT"],
    ["NaN", "USD", "MALFORMED_AMOUNT"],
    ["1.00", "usd", "UNKNOWN_CURRENCY"],
    ["90071992547409.92", "USD", "AMOUNT_OUT_OF_RANGE"],
  ])("rejects %j %s as %s", (text, currency, reason) => {
    expect(parseDecimalToMinor(text, currency)).toEqual({ ok: false, reason });
  });

  it("round-trips every two-decimal amount it is given", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        (minor) => {
          const magnitude = Math.abs(minor);
          const text = `${minor < 0 ? "-" : ""}${Math.floor(magnitude / 100)}.${String(magnitude % 100).padStart(2, "0")}`;
          expect(parseDecimalToMinor(text, "EUR")).toEqual({
            ok: true,
            money: { minor, currency: "EUR" },
          });
        },
      ),
    );
  });
});

describe("multiplyDecimalToMinor", () => {
  it.each([
    ["2.55", 6, "GBP", 1530],
    ["0.001", 4, "GBP", 0],
    ["0.001", 5, "GBP", 1],
    ["0.005", 1, "GBP", 1],
    ["0.004", 1, "GBP", 0],
    ["1.25", -2, "GBP", -250],
    ["0.005", -1, "GBP", -1],
    ["1.5", 3, "JPY", 5],
    ["3.39", 1, "GBP", 339],
  ])(
    "multiplies %s by %i in %s to %i minor units",
    (price, quantity, currency, minor) => {
      expect(multiplyDecimalToMinor(price, quantity, currency)).toEqual({
        ok: true,
        money: { minor, currency },
      });
    },
  );

  it("rejects a malformed price", () => {
    expect(multiplyDecimalToMinor("2,55", 1, "GBP")).toEqual({
      ok: false,
      reason: "MALFORMED_AMOUNT",
    });
  });
});

describe("addMoney and subtractMoney", () => {
  it("adds and subtracts amounts of one currency", () => {
    const price = { minor: 40495, currency: "USD" };
    const refund = { minor: 8500, currency: "USD" };
    expect(addMoney(price, refund)).toEqual({ minor: 48995, currency: "USD" });
    expect(subtractMoney(price, refund)).toEqual({
      minor: 31995,
      currency: "USD",
    });
  });

  it("refuses to add two currencies", () => {
    expect(() =>
      addMoney({ minor: 1, currency: "USD" }, { minor: 1, currency: "JPY" }),
    ).toThrow("Money amounts must share one currency.");
  });
});

describe("formatMinorAsDecimal", () => {
  it.each([
    [12_000, "JPY", "12000"],
    [12_050, "USD", "120.50"],
    [5, "USD", "0.05"],
    [-105, "USD", "-1.05"],
    [0, "KWD", "0.000"],
    [1_234_567, "KWD", "1234.567"],
  ])("writes %i %s as %s", (minor, currency, text) => {
    expect(formatMinorAsDecimal(minor, currency)).toBe(text);
  });

  it("reads back through parseDecimalToMinor", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom("JPY", "USD", "KWD"),
        (minor, currency) => {
          expect(
            parseDecimalToMinor(
              formatMinorAsDecimal(minor, currency),
              currency,
            ),
          ).toEqual({ ok: true, money: { minor, currency } });
        },
      ),
    );
  });

  it("refuses a currency that is not an ISO code and an amount that is not whole", () => {
    expect(() => formatMinorAsDecimal(1, "yen")).toThrow("three-letter");
    expect(() => formatMinorAsDecimal(1.5, "JPY")).toThrow("safe integer");
  });
});
