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
