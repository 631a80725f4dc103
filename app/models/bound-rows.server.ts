// Multi-row statements whose cells are bound parameters. SQLite reads a bound cell directly, where a
// JSON document unpacked with json_each is parsed again for every cell taken out of it: writing the
// customer analytics rows this way took a fifth of the time (scripts/bench/analytics.ts).

/** Most rows in one statement: 128 rows of 48 cells stay well under SQLite's 32,766 parameters. */
const MAX_ROWS_PER_STATEMENT = 128;

/**
 * The rows in statement-sized parts: full parts, then the remainder in falling powers of two, so a
 * statement comes in at most eight sizes and each stays prepared in the connection's statement cache.
 */
export function* inStatementParts<Row>(rows: readonly Row[]): Generator<readonly Row[]> {
  let start = 0;
  while (start < rows.length) {
    let size = MAX_ROWS_PER_STATEMENT;
    while (size > rows.length - start) size /= 2;
    yield rows.slice(start, start + size);
    start += size;
  }
}

/**
 * `VALUES`' row list for `rowCount` rows of `cellCount` parameters each, with `lead` before each
 * row's cells (an expression such as a new id). Plain `?` placeholders: node:sqlite binds numbered
 * ones (`?12`) in time that grows with their count, which made a 128-row statement ten times slower.
 */
export function valuesRows(rowCount: number, cellCount: number, lead = ""): string {
  const row = `(${lead}${Array.from({ length: cellCount }, () => "?").join(", ")})`;
  return Array.from({ length: rowCount }, () => row).join(", ");
}
