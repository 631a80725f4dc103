// Day arithmetic on shop-local 'YYYY-MM-DD' dates. The dates carry no zone: treating them as UTC
// midnights makes every day exactly 86,400,000 ms, so differences are whole days with no DST drift.
import { INVALID_CALENDAR_DATE, assertAnalytics } from "./errors.ts";

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// A shop's orders fall on a few thousand distinct dates, and the rank rules do date arithmetic for
// every order of every customer, so parsed and formatted dates are remembered. The memo changes no
// answer; it is cleared when it grows past any plausible set of dates.
const MEMO_LIMIT = 100_000;
const epochDayByDate = new Map<string, number>();
const dateByEpochDay = new Map<number, string>();

function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** Days since 1970-01-01 of a valid 'YYYY-MM-DD' date. */
export function toEpochDay(on: string): number {
  const known = epochDayByDate.get(on);
  if (known !== undefined) return known;
  const match = ISO_DATE.exec(on);
  assertAnalytics(match, INVALID_CALENDAR_DATE);
  const [, year, month, day] = match.map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2023-02-30 over to March; a round trip rejects such dates.
  assertAnalytics(
    new Date(ms).toISOString().slice(0, 10) === on,
    INVALID_CALENDAR_DATE,
  );
  return remember(epochDayByDate, on, ms / MS_PER_DAY);
}

/** The 'YYYY-MM-DD' date `epochDay` days after 1970-01-01. */
export function fromEpochDay(epochDay: number): string {
  return (
    dateByEpochDay.get(epochDay) ??
    remember(
      dateByEpochDay,
      epochDay,
      new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10),
    )
  );
}

/** Whole days from `fromOn` to `toOn` (negative when `toOn` is earlier). */
export function daysBetween(fromOn: string, toOn: string): number {
  return toEpochDay(toOn) - toEpochDay(fromOn);
}

/** The date `days` whole days after `on` (before it when negative). */
export function addDays(on: string, days: number): string {
  return fromEpochDay(toEpochDay(on) + Math.round(days));
}
