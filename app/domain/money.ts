// Money as integer minor units of an ISO 4217 currency (product.md §1: stored exactly, never floats).
// Decimal strings are converted with string arithmetic; display formatting belongs to the UI (Intl).
import { assert } from "./assert.ts";
import {
  CURRENCY_MISMATCH,
  UNKNOWN_CURRENCY_CODE,
  UNSAFE_MINOR_AMOUNT,
} from "./errors.ts";

export type Money = { readonly minor: number; readonly currency: string };

export type MoneyParseFailure =
  | "MALFORMED_AMOUNT"
  | "TOO_MANY_DECIMALS"
  | "UNKNOWN_CURRENCY"
  | "AMOUNT_OUT_OF_RANGE";

export type MoneyParseResult =
  { ok: true; money: Money } | { ok: false; reason: MoneyParseFailure };

// ISO 4217 minor-unit exponents that differ from the usual 2.
const EXPONENT_EXCEPTIONS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

const CURRENCY_CODE = /^[A-Z]{3}$/;
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Digits after the decimal point in the currency's minor unit, or null for a string that is not an ISO 4217 code shape. */
export function currencyExponent(currency: string): number | null {
  if (!CURRENCY_CODE.test(currency)) return null;
  return EXPONENT_EXCEPTIONS[currency] ?? 2;
}

/**
 * Parses a decimal string such as "1234.50" into exact minor units. Extra fraction digits are
 * accepted only when they are zeros ("0.0", "10.000" for USD); "1.005" USD is TOO_MANY_DECIMALS.
 */
export function parseDecimalToMinor(
  text: string,
  currency: string,
): MoneyParseResult {
  const exponent = currencyExponent(currency);
  if (exponent === null) return { ok: false, reason: "UNKNOWN_CURRENCY" };
  const match = DECIMAL.exec(text);
  if (!match) return { ok: false, reason: "MALFORMED_AMOUNT" };
  const [, sign, whole = "", fraction = ""] = match;
  if (fraction.length > exponent && !/^0*$/.test(fraction.slice(exponent))) {
    return { ok: false, reason: "TOO_MANY_DECIMALS" };
  }
  const minor = Number(
    whole + fraction.slice(0, exponent).padEnd(exponent, "0"),
  );
  if (!Number.isSafeInteger(minor))
    return { ok: false, reason: "AMOUNT_OUT_OF_RANGE" };
  return {
    ok: true,
    money: { minor: sign === "-" && minor !== 0 ? -minor : minor, currency },
  };
}

/**
 * Quantity × a decimal unit price, rounded half away from zero to the currency's minor unit.
 * Prices may carry more decimals than the currency ("0.001" GBP per item), so the product is
 * computed exactly at the price's own scale first and rounded once per line.
 */
export function multiplyDecimalToMinor(
  unitPriceText: string,
  quantity: number,
  currency: string,
): MoneyParseResult {
  const exponent = currencyExponent(currency);
  if (exponent === null) return { ok: false, reason: "UNKNOWN_CURRENCY" };
  const match = DECIMAL.exec(unitPriceText);
  if (!match || !Number.isSafeInteger(quantity))
    return { ok: false, reason: "MALFORMED_AMOUNT" };
  const [, sign, whole = "", fraction = ""] = match;
  const scale = Math.max(fraction.length, exponent);
  const scaledUnits = Number(whole + fraction.padEnd(scale, "0"));
  const product = scaledUnits * Math.abs(quantity);
  if (!Number.isSafeInteger(product))
    return { ok: false, reason: "AMOUNT_OUT_OF_RANGE" };
  const divisor = 10 ** (scale - exponent);
  const magnitude =
    Math.floor(product / divisor) + (product % divisor >= divisor / 2 ? 1 : 0);
  const negative = (sign === "-") !== quantity < 0;
  return {
    ok: true,
    money: {
      minor: negative && magnitude !== 0 ? -magnitude : magnitude,
      currency,
    },
  };
}

export function addMoney(a: Money, b: Money): Money {
  assert(a.currency === b.currency, CURRENCY_MISMATCH);
  const minor = a.minor + b.minor;
  assert(Number.isSafeInteger(minor), UNSAFE_MINOR_AMOUNT);
  return { minor, currency: a.currency };
}

export function subtractMoney(a: Money, b: Money): Money {
  return addMoney(a, { minor: -b.minor, currency: b.currency });
}

/**
 * Minor units as a plain decimal string in the currency's exponent ("120.50" USD, "12000" JPY), the
 * inverse of parseDecimalToMinor; for form fields and CSV files, where a formatted amount would not
 * read back. Throws for a string that is not a currency code.
 */
export function formatMinorAsDecimal(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  assert(exponent !== null, UNKNOWN_CURRENCY_CODE);
  assert(Number.isSafeInteger(minor), UNSAFE_MINOR_AMOUNT);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${minor < 0 ? "-" : ""}${whole}${exponent > 0 ? `.${fraction}` : ""}`;
}
