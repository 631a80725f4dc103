import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCsvParser } from "./ingest/csv-parser.ts";
import { formatCsvRow } from "./csv-row.ts";

describe("formatCsvRow", () => {
  it.each([
    [["a", 1, null], "a,1,\r\n"],
    [["Tanaka, Yoko", 'say "hi"'], '"Tanaka, Yoko","say ""hi"""\r\n'],
    [["line\nbreak"], '"line\nbreak"\r\n'],
    [
      ['=HYPERLINK("x")', "+81", "-1", "@sum", -1],
      `"'=HYPERLINK(""x"")",'+81,'-1,'@sum,-1\r\n`,
    ],
    [["田中 陽子"], "田中 陽子\r\n"],
  ])("writes %j as %j", (cells, line) => {
    expect(formatCsvRow(cells)).toBe(line);
  });

  it("reads back as the same fields through Kizuna's CSV reader, formula guards aside", () => {
    const plainText = fc.string().filter((text) => !/^[=+\-@\t\r]/.test(text));
    fc.assert(
      fc.property(
        fc.array(plainText, { minLength: 2, maxLength: 6 }),
        (cells) => {
          const parser = createCsvParser();
          const records = [
            ...parser.feed(formatCsvRow(cells)).records,
            ...parser.end().records,
          ];
          expect(records.map((record) => record.fields)).toEqual([cells]);
        },
      ),
    );
  });
});
