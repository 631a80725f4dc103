// One line of a CSV file Kizuna writes (RFC 4180): fields quoted when they hold a comma, a quote or a
// line break. A text field that a spreadsheet would run as a formula (=, +, -, @, tab or CR first) is
// prefixed with an apostrophe, because customer names come from shoppers (OWASP "CSV injection").
const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | null;

export function formatCsvRow(cells: readonly CsvCell[]): string {
  return `${cells.map(formatCell).join(",")}\r\n`;
}

function formatCell(cell: CsvCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
