// Timestamps of every ingestion source turned into UTC instants: Shopify's ISO 8601 with an offset,
// the orders export's "2024-03-01 10:15:23 +0900", and Online Retail's UK wall clock (data/README.md).
// Each returns null for text that is not a real calendar instant, so callers report it as a value.

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EXPORT_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2021-12-31T19:00:00-05:00" or "...Z", fractions allowed; the offset is required. */
export function parseIsoInstant(text: string): Date | null {
  const match = ISO_INSTANT.exec(text);
  if (!match) return null;
  const [
    ,
    year,
    month,
    day,
    hour,
    minute,
    second,
    fraction = "",
    zulu,
    sign,
    offsetHours,
    offsetMinutes,
  ] = match;
  const milliseconds = Number(fraction.slice(0, 3).padEnd(3, "0"));
  const offset = zulu
    ? 0
    : signedOffsetMinutes(sign, offsetHours, offsetMinutes);
  return buildInstant(
    Number(year),
    Number(month),
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    milliseconds,
    offset,
  );
}

/** A full ISO instant, or a bare "YYYY-MM-DD" read as midnight UTC (the generic CSV has no shop time zone). */
export function parseIsoDateOrInstant(text: string): Date | null {
  const match = ISO_DATE.exec(text);
  if (!match) return parseIsoInstant(text);
  return buildInstant(
    Number(match[1]),
    Number(match[2]),
    Number(match[3]),
    0,
    0,
    0,
    0,
    0,
  );
}

/** Shopify's orders export: "2024-03-01 10:15:23 +0900". */
export function parseExportTimestamp(text: string): Date | null {
  const match = EXPORT_TIMESTAMP.exec(text);
  if (!match) return null;
  const [
    ,
    year,
    month,
    day,
    hour,
    minute,
    second,
    sign,
    offsetHours,
    offsetMinutes,
  ] = match;
  const offset = signedOffsetMinutes(sign, offsetHours, offsetMinutes);
  return buildInstant(
    Number(year),
    Number(month),
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    0,
    offset,
  );
}

/**
 * "2010-12-01 08:26:00" on the UK clock: GMT, or BST (+01:00) from 01:00 UTC on the last Sunday of
 * March to 01:00 UTC on the last Sunday of October (the EU rule the UK has followed since 1996).
 */
export function parseLondonWallClock(text: string): Date | null {
  const match = WALL_CLOCK.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map((part) => Number(part ?? "0")) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const asGmt = buildInstant(year, month, day, hour, minute, second, 0, 0);
  if (asGmt === null) return null;
  const summerStartsAt = Date.UTC(year, 2, lastSundayOf(year, 2), 1);
  const summerEndsAt = Date.UTC(year, 9, lastSundayOf(year, 9), 1);
  const asBst = asGmt.getTime() - 60 * 60_000;
  return asBst >= summerStartsAt && asBst < summerEndsAt
    ? new Date(asBst)
    : asGmt;
}

function lastSundayOf(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  return lastDay.getUTCDate() - lastDay.getUTCDay();
}

function signedOffsetMinutes(
  sign: string | undefined,
  hours: string | undefined,
  minutes: string | undefined,
): number {
  const magnitude = Number(hours) * 60 + Number(minutes);
  return sign === "-" ? -magnitude : magnitude;
}

function buildInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  milliseconds: number,
  offsetMinutes: number,
): Date | null {
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    Math.abs(offsetMinutes) > 18 * 60
  )
    return null;
  const local = new Date(
    Date.UTC(year, month - 1, day, hour, minute, second, milliseconds),
  );
  if (local.getUTCDate() !== day || local.getUTCMonth() !== month - 1)
    return null;
  return new Date(local.getTime() - offsetMinutes * 60_000);
}
