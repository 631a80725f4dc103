import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createJsonlSplitter, type JsonlLine } from "./jsonl.ts";

const encode = (text: string) => new TextEncoder().encode(text);

function splitAll(bytes: Uint8Array, cuts: number[]): JsonlLine[] {
  const splitter = createJsonlSplitter();
  const lines: JsonlLine[] = [];
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    lines.push(...splitter.push(bytes.subarray(start, cut)));
    start = cut;
  }
  lines.push(...splitter.push(bytes.subarray(start)), ...splitter.end());
  return lines;
}

describe("createJsonlSplitter", () => {
  it("gives each line with its size in bytes, newline included, and a last line without one", () => {
    const lines = splitAll(encode('{"name":"絆"}\n{"a":1}\r\n{"b":2}'), [3, 12]);
    expect(lines).toEqual([
      { text: '{"name":"絆"}', byteLength: 15 },
      { text: '{"a":1}', byteLength: 9 },
      { text: '{"b":2}', byteLength: 7 },
    ]);
  });

  it("gives the same lines, whose sizes add up to the file, however the bytes are chunked", () => {
    const line = fc.string({ unit: fc.constantFrom("a", "{", '"', "ü", "日", "😀", " ") });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 10 }), (texts, trailingNewline, rawCuts) => {
        const file = texts.join("\n") + (trailingNewline ? "\n" : "");
        const bytes = encode(file);
        const cuts = rawCuts.map((cut) => (bytes.length === 0 ? 0 : cut % bytes.length));
        const lines = splitAll(bytes, cuts);
        expect(lines.map((entry) => entry.text)).toEqual(wholeFileLines(file));
        expect(lines.reduce((sum, entry) => sum + entry.byteLength, 0)).toBe(bytes.length);
      }),
    );
  });
});

/** What splitting the whole text at once gives: every newline ends a line; a non-empty rest is the last one. */
function wholeFileLines(file: string): string[] {
  const parts = file.split("\n");
  if (parts.at(-1) === "") parts.pop();
  return parts;
}
