// The shop's wall calendar (product.md §2: recency "in the shop's time zone"): the shop-local date
// of an instant, and the instant the shop's next day starts, from the IANA zone through Intl, so
// daylight saving time, and days that start at 01:00 because midnight was skipped, come out right.
import { fromEpochDay } from "./calendar-days.ts";
import { INVALID_TIME_ZONE, assertAnalytics } from "./errors.ts";

// Every offset and transition of today's zones falls on a quarter hour, so no local day starts
// inside a quarter-hour bucket and one Intl call serves all instants of a bucket.
const MS_PER_QUARTER_HOUR = 15 * 60 * 1000;
const MS_PER_MINUTE = 60 * 1000;
const MS_PER_DAY = 86_400_000;
const SEARCH_WINDOW_MS = 50 * 60 * 60 * 1000;

// Formatters are immutable and costly to create (a third of a millisecond), and ingestion reads a
// shop's calendar for every order: one per zone serves them all.
const formatters = new Map<string, Intl.DateTimeFormat>();

function createFormatter(timeZone: string, withTime = false): Intl.DateTimeFormat {
  const key = `${withTime ? "time" : "date"}:${timeZone}`;
  const known = formatters.get(key);
  if (known !== undefined) return known;
  let format: Intl.DateTimeFormat | null = null;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      ...(withTime ? { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" } : {}),
    });
  } catch {
    format = null;
  }
  assertAnalytics(format !== null, INVALID_TIME_ZONE);
  formatters.set(key, format);
  return format;
}

/** The zone's offset from UTC at instant `at`, in milliseconds (to the second). */
function offsetAt(format: Intl.DateTimeFormat, at: number): number {
  const part: Record<string, number> = {};
  for (const { type, value } of format.formatToParts(at)) part[type] = Number(value);
  const local = Date.UTC(part.year as number, (part.month as number) - 1, part.day, part.hour, part.minute, part.second);
  return local - Math.floor(at / 1000) * 1000;
}

function formatDate(format: Intl.DateTimeFormat, at: number): string {
  let year = "";
  let month = "";
  let day = "";
  for (const part of format.formatToParts(at)) {
    if (part.type === "year") year = part.value;
    else if (part.type === "month") month = part.value;
    else if (part.type === "day") day = part.value;
  }
  return `${year}-${month}-${day}`;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    createFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * A reader of the shop-local date 'YYYY-MM-DD' of an instant in `timeZone`; throws for a zone the
 * runtime does not know. On a UTC day whose offset is the same at its first and last instant (all
 * but the days of a daylight-saving change) the date is arithmetic on that offset, two Intl calls
 * per UTC day; on the others it remembers each quarter hour it has read.
 */
export function createLocalDateReader(
  timeZone: string,
): (at: Date | number) => string {
  const format = createFormatter(timeZone);
  const timeFormat = createFormatter(timeZone, true);
  const offsetByUtcDay = new Map<number, number | null>();
  const byQuarterHour = new Map<number, string>();
  return (at) => {
    const ms = typeof at === "number" ? at : at.getTime();
    const utcDay = Math.floor(ms / MS_PER_DAY);
    let offset = offsetByUtcDay.get(utcDay);
    if (offset === undefined) {
      const first = offsetAt(timeFormat, utcDay * MS_PER_DAY);
      offset = first === offsetAt(timeFormat, (utcDay + 1) * MS_PER_DAY - 1) ? first : null;
      offsetByUtcDay.set(utcDay, offset);
    }
    if (offset !== null) return fromEpochDay(Math.floor((ms + offset) / MS_PER_DAY));
    const bucket = Math.floor(ms / MS_PER_QUARTER_HOUR);
    let on = byQuarterHour.get(bucket);
    if (on === undefined) {
      on = formatDate(format, bucket * MS_PER_QUARTER_HOUR);
      byQuarterHour.set(bucket, on);
    }
    return on;
  };
}

/**
 * The first instant, to the minute, whose shop-local date is later than that of `at`: the shop's
 * next midnight, or 01:00 on a day whose midnight a daylight-saving change skipped.
 */
export function findStartOfNextLocalDay(timeZone: string, at: Date): Date {
  const format = createFormatter(timeZone);
  const today = formatDate(format, at.getTime());
  // Local dates only move forward with time, so the first minute of the next day is found by
  // bisection over whole minutes within the next 50 hours (the longest day is 25 hours).
  let before = Math.floor(at.getTime() / MS_PER_MINUTE);
  let after = before + SEARCH_WINDOW_MS / MS_PER_MINUTE;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (formatDate(format, middle * MS_PER_MINUTE) > today) after = middle;
    else before = middle;
  }
  return new Date(after * MS_PER_MINUTE);
}
