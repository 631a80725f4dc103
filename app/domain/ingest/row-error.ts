// A CSV row that could not be imported (style.md §7.9): reported by its 1-based physical line and the
// header name of the offending column, while the good rows are kept. Messages are stable codes for i18n.
export type RowErrorMessage =
  | "UNTERMINATED_QUOTE"
  | "TEXT_AFTER_CLOSING_QUOTE"
  | "UNRECOGNISED_HEADER"
  | "WRONG_FIELD_COUNT"
  | "MISSING_VALUE"
  | "MALFORMED_AMOUNT"
  | "MALFORMED_DATE"
  | "MALFORMED_QUANTITY"
  | "UNKNOWN_CURRENCY"
  | "MALFORMED_ID"
  | "DUPLICATE_ORDER"
  | "ORDER_WITHOUT_FIRST_ROW"
  | "NOT_SHOP_CURRENCY";

export type RowError = {
  readonly line: number;
  /** The header name of the column at fault, or null when the row itself is broken. */
  readonly column: string | null;
  readonly message: RowErrorMessage;
};
