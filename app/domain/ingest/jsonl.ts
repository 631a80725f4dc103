// Splits a JSONL byte stream into lines as it arrives, for an import that must never hold the whole
// file (a bulk export can be gigabytes). Each line comes with its size in bytes, newline included,
// so a checkpoint can name the exact byte offset to resume from with an HTTP Range request.

export type JsonlLine = { text: string; byteLength: number };

export type JsonlSplitter = {
  /** The lines completed by this chunk. */
  push: (chunk: Uint8Array) => JsonlLine[];
  /** The last line when the stream does not end with a newline. */
  end: () => JsonlLine[];
};

const NEWLINE = 0x0a;

export function createJsonlSplitter(): JsonlSplitter {
  const decoder = new TextDecoder("utf-8", { fatal: false });
  let pending: Uint8Array[] = [];
  let pendingLength = 0;

  function takeLine(tail: Uint8Array): JsonlLine {
    const bytes = new Uint8Array(pendingLength + tail.length);
    let offset = 0;
    for (const part of [...pending, tail]) {
      bytes.set(part, offset);
      offset += part.length;
    }
    pending = [];
    pendingLength = 0;
    const content = bytes.at(-1) === NEWLINE ? bytes.subarray(0, -1) : bytes;
    return { text: decoder.decode(content).replace(/\r$/, ""), byteLength: bytes.length };
  }

  return {
    push(chunk) {
      const lines: JsonlLine[] = [];
      let start = 0;
      for (let index = chunk.indexOf(NEWLINE); index !== -1; index = chunk.indexOf(NEWLINE, start)) {
        lines.push(takeLine(chunk.subarray(start, index + 1)));
        start = index + 1;
      }
      if (start < chunk.length) {
        pending.push(chunk.slice(start));
        pendingLength += chunk.length - start;
      }
      return lines;
    },
    end() {
      return pendingLength === 0 ? [] : [takeLine(new Uint8Array(0))];
    },
  };
}
