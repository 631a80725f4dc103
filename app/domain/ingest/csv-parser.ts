// Streaming RFC 4180 CSV: quotes, doubled quotes, CRLF or LF (or a lone CR), line breaks inside quotes,
// a leading BOM. An incremental state machine that slices fields out of each chunk instead of building
// strings character by character, so a 50 MB export parses at memory speed; chunks may split anywhere.
import { assert } from "../assert.ts";
import { CSV_PARSER_ENDED } from "../errors.ts";
import type { RowError } from "./row-error.ts";

/** One record; `line` is the 1-based physical line on which it starts. Blank lines yield no record. */
export type CsvRecord = { readonly line: number; readonly fields: string[] };

export type CsvBatch = { records: CsvRecord[]; errors: RowError[] };

export type CsvParser = {
  feed(chunk: string): CsvBatch;
  end(): CsvBatch;
};

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const BOM = 0xfeff;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote inside a quoted field was the chunk's last character: escaped quote or closing quote. */
const QUOTE_PENDING = 3;
const AFTER_QUOTE = 4;

export function createCsvParser(): CsvParser {
  let state = FIELD_START;
  let fields: string[] = [];
  let partial = "";
  let recordOpen = false;
  let recordLine = 1;
  let recordError: RowError | null = null;
  let line = 1;
  let atFileStart = true;
  let pendingCr = false;
  let quotedLastWasCr = false;
  let ended = false;

  function openRecord(): void {
    if (!recordOpen) {
      recordOpen = true;
      recordLine = line;
    }
  }

  function finishRecord(batch: CsvBatch): void {
    fields.push(partial);
    partial = "";
    if (recordError) batch.errors.push(recordError);
    else batch.records.push({ line: recordLine, fields });
    fields = [];
    recordOpen = false;
    recordError = null;
    state = FIELD_START;
  }

  /** Consumes the line break at `index` and returns the index after it. */
  function skipLineBreak(text: string, index: number): number {
    line++;
    if (text.charCodeAt(index) === LF) return index + 1;
    if (index + 1 === text.length) {
      pendingCr = true;
      return index + 1;
    }
    return text.charCodeAt(index + 1) === LF ? index + 2 : index + 1;
  }

  function countQuotedLineBreaks(text: string, from: number, to: number): void {
    for (let index = from; index < to; index++) {
      const code = text.charCodeAt(index);
      if (code === LF) {
        if (!quotedLastWasCr) line++;
        quotedLastWasCr = false;
      } else if (code === CR) {
        line++;
        quotedLastWasCr = true;
      } else {
        quotedLastWasCr = false;
      }
    }
  }

  function feed(text: string): CsvBatch {
    assert(!ended, CSV_PARSER_ENDED);
    const batch: CsvBatch = { records: [], errors: [] };
    const length = text.length;
    if (length === 0) return batch;
    let index = 0;
    if (atFileStart) {
      atFileStart = false;
      if (text.charCodeAt(0) === BOM) index = 1;
    }
    if (pendingCr) {
      pendingCr = false;
      if (text.charCodeAt(index) === LF) index++;
    }
    while (index < length) {
      if (state === FIELD_START) {
        const code = text.charCodeAt(index);
        if (code === QUOTE) {
          openRecord();
          state = QUOTED;
          quotedLastWasCr = false;
          index++;
          continue;
        }
        if ((code === LF || code === CR) && !recordOpen) {
          index = skipLineBreak(text, index);
          continue;
        }
        state = UNQUOTED;
      }
      if (state === UNQUOTED) {
        openRecord();
        let end = index;
        let code = 0;
        while (end < length) {
          code = text.charCodeAt(end);
          if (code === COMMA || code === LF || code === CR) break;
          end++;
        }
        partial += text.slice(index, end);
        if (end === length) return batch;
        if (code === COMMA) {
          fields.push(partial);
          partial = "";
          state = FIELD_START;
          index = end + 1;
        } else {
          finishRecord(batch);
          index = skipLineBreak(text, end);
        }
        continue;
      }
      if (state === QUOTED) {
        const quoteAt = text.indexOf('"', index);
        const segmentEnd = quoteAt === -1 ? length : quoteAt;
        countQuotedLineBreaks(text, index, segmentEnd);
        partial += text.slice(index, segmentEnd);
        if (quoteAt === -1) return batch;
        quotedLastWasCr = false;
        if (quoteAt + 1 === length) {
          state = QUOTE_PENDING;
          return batch;
        }
        if (text.charCodeAt(quoteAt + 1) === QUOTE) {
          partial += '"';
          index = quoteAt + 2;
        } else {
          state = AFTER_QUOTE;
          index = quoteAt + 1;
        }
        continue;
      }
      if (state === QUOTE_PENDING) {
        if (text.charCodeAt(index) === QUOTE) {
          partial += '"';
          state = QUOTED;
          index++;
        } else {
          state = AFTER_QUOTE;
        }
        continue;
      }
      const code = text.charCodeAt(index);
      if (code === COMMA) {
        fields.push(partial);
        partial = "";
        state = FIELD_START;
        index++;
      } else if (code === LF || code === CR) {
        finishRecord(batch);
        index = skipLineBreak(text, index);
      } else {
        recordError ??= {
          line,
          column: null,
          message: "TEXT_AFTER_CLOSING_QUOTE",
        };
        state = UNQUOTED;
      }
    }
    return batch;
  }

  function end(): CsvBatch {
    assert(!ended, CSV_PARSER_ENDED);
    ended = true;
    const batch: CsvBatch = { records: [], errors: [] };
    if (state === QUOTED) {
      batch.errors.push({
        line: recordLine,
        column: null,
        message: "UNTERMINATED_QUOTE",
      });
    } else if (recordOpen) {
      finishRecord(batch);
    }
    return batch;
  }

  return { feed, end };
}
