import { describe, expect, it } from "vitest";
import { inStatementParts, valuesRows } from "./bound-rows.server.ts";

describe("inStatementParts", () => {
  it("keeps every row once, in order, in parts of 128 and then falling powers of two", () => {
    const rows = Array.from({ length: 128 * 3 + 77 }, (_, index) => index);
    const parts = [...inStatementParts(rows)];
    expect(parts.map((part) => part.length)).toEqual([128, 128, 128, 64, 8, 4, 1]);
    expect(parts.flat()).toEqual(rows);
  });

  it("yields nothing for no rows and one part for one row", () => {
    expect([...inStatementParts([])]).toEqual([]);
    expect([...inStatementParts(["only"])]).toEqual([["only"]]);
  });

  it("needs few statement sizes whatever the number of rows", () => {
    const sizes = new Set<number>();
    for (let count = 1; count <= 1000; count += 1)
      for (const part of inStatementParts(Array.from({ length: count }))) sizes.add(part.length);
    expect([...sizes].sort((a, b) => a - b)).toEqual([1, 2, 4, 8, 16, 32, 64, 128]);
  });
});

describe("valuesRows", () => {
  it("writes one parenthesised row of plain placeholders per row, behind the lead", () => {
    expect(valuesRows(2, 3, "lower(hex(randomblob(16))), ")).toBe(
      "(lower(hex(randomblob(16))), ?, ?, ?), (lower(hex(randomblob(16))), ?, ?, ?)",
    );
    expect(valuesRows(1, 2)).toBe("(?, ?)");
  });
});
