import { describe, expect, it } from "vitest";
import {
  parseExportTimestamp,
  parseIsoDateOrInstant,
  parseIsoInstant,
  parseLondonWallClock,
} from "./timestamps.ts";

describe("parseIsoInstant", () => {
  it.each([
    ["2021-12-31T19:00:00-05:00", "2022-01-01T00:00:00.000Z"],
    ["2024-03-01T10:15:23+09:00", "2024-03-01T01:15:23.000Z"],
    ["2005-05-05T06:00:00.000Z", "2005-05-05T06:00:00.000Z"],
    ["2024-02-29T23:59:59.123456+00:00", "2024-02-29T23:59:59.123Z"],
  ])("reads %s as %s", (text, iso) => {
    expect(parseIsoInstant(text)?.toISOString()).toBe(iso);
  });

  it.each([
    "2021-12-31T19:00:00",
    "2021-12-31 19:00:00-05:00",
    "2023-02-29T00:00:00Z",
    "2021-13-01T00:00:00Z",
    "2021-12-31T24:00:00Z",
    "yesterday",
    "",
  ])("rejects %j", (text) => {
    expect(parseIsoInstant(text)).toBeNull();
  });
});

describe("parseIsoDateOrInstant", () => {
  it("reads a bare date as midnight UTC", () => {
    expect(parseIsoDateOrInstant("2024-03-01")?.toISOString()).toBe(
      "2024-03-01T00:00:00.000Z",
    );
  });

  it("reads a full instant with its offset", () => {
    expect(
      parseIsoDateOrInstant("2024-03-01T09:00:00+09:00")?.toISOString(),
    ).toBe("2024-03-01T00:00:00.000Z");
  });

  it.each(["2024-02-30", "2024-3-1", "01/03/2024"])("rejects %j", (text) => {
    expect(parseIsoDateOrInstant(text)).toBeNull();
  });
});

describe("parseExportTimestamp", () => {
  it.each([
    ["2024-03-01 10:15:23 +0900", "2024-03-01T01:15:23.000Z"],
    ["2022-11-05 18:02:44 -0400", "2022-11-05T22:02:44.000Z"],
    ["2022-11-05 18:02:44 +0000", "2022-11-05T18:02:44.000Z"],
  ])("reads %s as %s", (text, iso) => {
    expect(parseExportTimestamp(text)?.toISOString()).toBe(iso);
  });

  it.each([
    "2024-03-01 10:15:23",
    "2024-03-01T10:15:23+09:00",
    "2024-03-01 10:15:23 +09:00",
  ])("rejects %j", (text) => {
    expect(parseExportTimestamp(text)).toBeNull();
  });
});

describe("parseLondonWallClock", () => {
  it.each([
    ["2010-12-01 08:26:00", "2010-12-01T08:26:00.000Z"],
    ["2011-06-15 12:00:00", "2011-06-15T11:00:00.000Z"],
    ["2011-03-27 00:59:00", "2011-03-27T00:59:00.000Z"],
    ["2011-03-27 02:00:00", "2011-03-27T01:00:00.000Z"],
    ["2011-10-30 00:30:00", "2011-10-29T23:30:00.000Z"],
    ["2011-10-30 02:00:00", "2011-10-30T02:00:00.000Z"],
    ["2011-12-09 12:50", "2011-12-09T12:50:00.000Z"],
  ])("reads UK clock %s as %s", (text, iso) => {
    expect(parseLondonWallClock(text)?.toISOString()).toBe(iso);
  });

  it("rejects a date that does not exist", () => {
    expect(parseLondonWallClock("2011-02-29 10:00:00")).toBeNull();
  });
});
