import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INVALID_TIME_ZONE } from "./errors.ts";
import {
  createLocalDateReader,
  findStartOfNextLocalDay,
  isKnownTimeZone,
} from "./shop-calendar.ts";

function intlDate(timeZone: string, at: number): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

describe("createLocalDateReader", () => {
  it.each([
    ["Asia/Tokyo", "2026-01-01T14:59:59.999Z", "2026-01-01"],
    ["Asia/Tokyo", "2026-01-01T15:00:00.000Z", "2026-01-02"],
    ["America/New_York", "2026-03-08T04:59:59.999Z", "2026-03-07"],
    ["America/New_York", "2026-03-08T05:00:00.000Z", "2026-03-08"],
    ["America/New_York", "2026-03-09T03:59:59.999Z", "2026-03-08"],
    ["America/New_York", "2026-03-09T04:00:00.000Z", "2026-03-09"],
    ["Asia/Kathmandu", "2026-06-30T18:14:59.999Z", "2026-06-30"],
    ["Asia/Kathmandu", "2026-06-30T18:15:00.000Z", "2026-07-01"],
    ["UTC", "2026-12-31T23:59:59.999Z", "2026-12-31"],
  ])("dates %s at %s on %s", (timeZone, at, on) => {
    expect(createLocalDateReader(timeZone)(new Date(at))).toBe(on);
  });

  it("agrees with Intl for any instant in zones with daylight saving and quarter-hour offsets", () => {
    const zones = [
      "Asia/Tokyo",
      "America/New_York",
      "America/Santiago",
      "Australia/Lord_Howe",
      "Asia/Kathmandu",
      "Europe/London",
    ];
    const readers = new Map(
      zones.map((zone) => [zone, createLocalDateReader(zone)]),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({
          min: Date.UTC(2015, 0, 1),
          max: Date.UTC(2035, 0, 1),
        }),
        (zone, at) => {
          const read = readers.get(zone) as (at: number) => string;
          expect(read(at)).toBe(intlDate(zone, at));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("refuses a zone the runtime does not know", () => {
    expect(isKnownTimeZone("Asia/Tokyo")).toBe(true);
    expect(isKnownTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(() => createLocalDateReader("Mars/Olympus_Mons")).toThrow(
      INVALID_TIME_ZONE,
    );
  });
});

describe("findStartOfNextLocalDay", () => {
  it.each([
    ["Asia/Tokyo", "2026-11-26T10:00:00Z", "2026-11-26T15:00:00.000Z"],
    // exactly at midnight, the next day is a whole day away
    ["Asia/Tokyo", "2026-11-26T15:00:00Z", "2026-11-27T15:00:00.000Z"],
    // the day the clocks go forward at 02:00 is 23 hours long
    ["America/New_York", "2026-03-07T12:00:00Z", "2026-03-08T05:00:00.000Z"],
    ["America/New_York", "2026-03-08T12:00:00Z", "2026-03-09T04:00:00.000Z"],
    // the day the clocks go back is 25 hours long
    ["America/New_York", "2026-11-01T12:00:00Z", "2026-11-02T05:00:00.000Z"],
    // Chile skips midnight when summer time starts: the day begins at 01:00
    ["America/Santiago", "2026-09-05T12:00:00Z", "2026-09-06T04:00:00.000Z"],
  ])("in %s after %s is %s", (timeZone, at, startsAt) => {
    expect(findStartOfNextLocalDay(timeZone, new Date(at)).toISOString()).toBe(
      startsAt,
    );
  });

  it("is the first minute of the next shop-local date, whatever the zone and instant", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          "Asia/Tokyo",
          "America/New_York",
          "America/Santiago",
          "America/Havana",
          "Australia/Lord_Howe",
        ),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2032, 0, 1) }),
        (zone, at) => {
          const start = findStartOfNextLocalDay(zone, new Date(at)).getTime();
          const today = intlDate(zone, at);
          expect(start).toBeGreaterThan(at);
          expect(intlDate(zone, start) > today).toBe(true);
          expect(intlDate(zone, start - 60_000)).toBe(today);
        },
      ),
      { numRuns: 300 },
    );
  });
});
