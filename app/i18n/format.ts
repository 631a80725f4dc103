// Dates and numbers on admin pages: in the shop's own time zone (not the viewer's) and the admin
// language, so every staff member sees the calendar day the shop's reports use.
import type { Locale } from "./i18n.ts";

export function formatShopDate(instantIso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone }).format(new Date(instantIso));
}

export function formatShopDateTime(instantIso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    new Date(instantIso),
  );
}

export function formatCount(count: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(count);
}

/** "Japanese Yen (JPY)"; the bare code when the runtime has no name for it. */
export function formatCurrencyName(currencyCode: string, locale: Locale): string {
  const name = new Intl.DisplayNames(locale, { type: "currency", fallback: "none" }).of(currencyCode);
  return name ? `${name} (${currencyCode})` : currencyCode;
}

/** "200 MB", "12.5 kB": decimal units, as operating systems show file sizes. */
export function formatByteSize(bytes: number, locale: Locale): string {
  const [unit, size] = bytes >= 1_000_000 ? (["megabyte", bytes / 1_000_000] as const) : (["kilobyte", bytes / 1_000] as const);
  return new Intl.NumberFormat(locale, { style: "unit", unit, maximumFractionDigits: 1 }).format(size);
}

/** Digits after the decimal point of the currency, as Intl knows it (0 for JPY, 2 for USD). */
function currencyDigits(currencyCode: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency: currencyCode }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** "¥12,000", "$120.50": integer minor units in the shop's currency; a plain number when the shop has none yet. */
export function formatMoney(minor: number, currencyCode: string, locale: Locale): string {
  if (!/^[A-Z]{3}$/.test(currencyCode)) return formatCount(minor, locale);
  const digits = currencyDigits(currencyCode);
  return new Intl.NumberFormat(locale, { style: "currency", currency: currencyCode, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    minor / 10 ** digits,
  );
}

/** "23.4%" from a ratio of 0 to 1. */
export function formatRatio(ratio: number, locale: Locale, fractionDigits = 1): string {
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(ratio);
}

/** A shop-local day ('YYYY-MM-DD') as the admin language writes it; no time zone shifts it. */
export function formatShopDay(on: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${on}T00:00:00Z`));
}

/** A month ('YYYY-MM'): "Nov 2026", "2026年11月". */
export function formatMonth(month: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
}

/** "+12", "−5": a change with its sign, 0 without one. */
export function formatSignedCount(change: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { signDisplay: "exceptZero" }).format(change);
}

/** "+2.1", "−0.4": a ratio change in percentage points, with its sign. */
export function formatPointChange(ratioChange: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { signDisplay: "exceptZero", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ratioChange * 100);
}

/** "+¥12,000": a money change with its sign. */
export function formatSignedMoney(minorChange: number, currencyCode: string, locale: Locale): string {
  const amount = formatMoney(Math.abs(minorChange), currencyCode, locale);
  return minorChange > 0 ? `+${amount}` : minorChange < 0 ? `−${amount}` : amount;
}
