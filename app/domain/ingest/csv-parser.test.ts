import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCsvParser } from "./csv-parser.ts";
import type { CsvBatch } from "./csv-parser.ts";

function parseInChunks(chunks: readonly string[]): CsvBatch {
  const parser = createCsvParser();
  const all: CsvBatch = { records: [], errors: [] };
  for (const batch of [
    ...chunks.map((chunk) => parser.feed(chunk)),
    parser.end(),
  ]) {
    all.records.push(...batch.records);
    all.errors.push(...batch.errors);
  }
  return all;
}

const parseWhole = (text: string) => parseInChunks([text]);

describe("createCsvParser", () => {
  it("splits records and fields on LF", () => {
    expect(parseWhole("a,b,c\n1,2,3\n")).toEqual({
      records: [
        { line: 1, fields: ["a", "b", "c"] },
        { line: 2, fields: ["1", "2", "3"] },
      ],
      errors: [],
    });
  });

  it("accepts CRLF, a lone CR, and a last line without a line break", () => {
    expect(parseWhole("a,b\r\n1,2\r3,4").records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
      { line: 3, fields: ["3", "4"] },
    ]);
  });

  it("reads quoted fields with commas, doubled quotes and line breaks, counting physical lines", () => {
    const text =
      'name,note\n"Smith, Jo","said ""hi""\nthen left"\r\nnext,"multi\r\nline\r\ntext"\nlast,""\n';
    expect(parseWhole(text).records).toEqual([
      { line: 1, fields: ["name", "note"] },
      { line: 2, fields: ["Smith, Jo", 'said "hi"\nthen left'] },
      { line: 4, fields: ["next", "multi\r\nline\r\ntext"] },
      { line: 7, fields: ["last", ""] },
    ]);
  });

  it("keeps empty fields, including a trailing one", () => {
    expect(parseWhole(",a,,\n").records).toEqual([
      { line: 1, fields: ["", "a", "", ""] },
    ]);
  });

  it("skips blank lines but counts them", () => {
    expect(parseWhole("a\n\n\r\nb\n\n").records).toEqual([
      { line: 1, fields: ["a"] },
      { line: 4, fields: ["b"] },
    ]);
  });

  it("drops a byte order mark at the start of the file only", () => {
    expect(parseWhole("\uFEFFName,Total\n\uFEFFx,1\n").records).toEqual([
      { line: 1, fields: ["Name", "Total"] },
      { line: 2, fields: ["\uFEFFx", "1"] },
    ]);
  });

  it("treats a quote inside an unquoted field as text", () => {
    expect(parseWhole('12" pizza,3\n').records).toEqual([
      { line: 1, fields: ['12" pizza', "3"] },
    ]);
  });

  it("reports text after a closing quote on its line and keeps the other records", () => {
    expect(parseWhole('a,b\n"x"y,2\nc,d\n')).toEqual({
      records: [
        { line: 1, fields: ["a", "b"] },
        { line: 3, fields: ["c", "d"] },
      ],
      errors: [{ line: 2, column: null, message: "TEXT_AFTER_CLOSING_QUOTE" }],
    });
  });

  it("reports a quote left open at the end of the file on the line where its record starts", () => {
    expect(parseWhole('a,b\nc,"open\nstill open\n')).toEqual({
      records: [{ line: 1, fields: ["a", "b"] }],
      errors: [{ line: 2, column: null, message: "UNTERMINATED_QUOTE" }],
    });
  });

  it("refuses to be fed after end()", () => {
    const parser = createCsvParser();
    parser.end();
    expect(() => parser.feed("a")).toThrow(
      "A CSV parser cannot be fed after end().",
    );
  });

  it("gives the same records however the input is split into chunks", () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-z0-9 ]{0,6}$/),
      fc
        .string({
          unit: fc.constantFrom("a", ",", '"', "\n", "\r", "\r\n", "é", "絆"),
        })
        .map((text) => `"${text.replaceAll('"', '""')}"`),
    );
    const record = fc
      .array(field, { minLength: 1, maxLength: 4 })
      .map((fields) => fields.join(","));
    const file = fc
      .tuple(
        fc.array(record, { maxLength: 8 }),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.boolean(),
      )
      .map(
        ([records, lineBreak, bom, trailing]) =>
          (bom ? "\uFEFF" : "") +
          records.join(lineBreak) +
          (trailing ? lineBreak : ""),
      );
    fc.assert(
      fc.property(
        file.chain((text) =>
          fc.tuple(
            fc.constant(text),
            fc.uniqueArray(fc.integer({ min: 0, max: text.length }), {
              maxLength: 12,
            }),
          ),
        ),
        ([text, cuts]) => {
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), text.length];
          const chunks = bounds
            .slice(1)
            .map((end, index) => text.slice(bounds[index], end));
          expect(parseInChunks(chunks)).toEqual(parseWhole(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("gives the same records one character at a time as in one piece", () => {
    const text = '\uFEFFh1,h2\r\n"a""b\r\nc",d\r"e"\n\n"",x\r\n"unterminated';
    expect(parseInChunks([...text])).toEqual(parseWhole(text));
    expect(parseWhole(text)).toEqual({
      records: [
        { line: 1, fields: ["h1", "h2"] },
        { line: 2, fields: ['a"b\r\nc', "d"] },
        { line: 4, fields: ["e"] },
        { line: 6, fields: ["", "x"] },
      ],
      errors: [{ line: 7, column: null, message: "UNTERMINATED_QUOTE" }],
    });
  });
});
