// Relay-style connections as Shopify's Admin API pages them: `first` (1–250) and an opaque `after`
// cursor, edges with cursors, nodes, and pageInfo. Bulk operations read every node (`unbounded`).
import { GraphQLError } from "graphql";

export const MAX_PAGE_SIZE = 250;

export type Edge<T> = { cursor: string; node: T };

export type Connection<T> = {
  /** Lists for a request; for an unbounded read, lazy (bulk reads `nodes` once, in order). */
  edges: Edge<T>[] | (() => Iterable<Edge<T>>);
  nodes: Iterable<T>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
};

export type PageArguments = { first?: number | null; after?: string | null };

/** How a resolver is being run: by a GraphQL request, or by a bulk operation reading everything. */
export type ReadMode = { unbounded: boolean };

export function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ last_id: id })).toString("base64");
}

function decodeCursor(cursor: string): string {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, "base64").toString("utf8"));
    if (decoded && typeof decoded === "object" && "last_id" in decoded && typeof decoded.last_id === "string") return decoded.last_id;
  } catch {
    // An undecodable cursor is reported below, as Shopify reports it.
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
}

/**
 * Pages `records` (already filtered and sorted) and turns the page into views; `idOf` gives each
 * record's stable id for its cursor. An unbounded read (bulk) gets its views lazily, one at a time,
 * so 200,000 customers never exist as views all at once.
 */
export function paginate<R, V>(records: readonly R[], idOf: (record: R) => string, args: PageArguments, mode: ReadMode, toView: (record: R) => V): Connection<V> {
  let start = 0;
  if (args.after) {
    const afterId = decodeCursor(args.after);
    start = records.findIndex((record) => idOf(record) === afterId) + 1;
  }
  let pageSize = records.length;
  if (!mode.unbounded) {
    if (args.first === undefined || args.first === null) {
      throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } });
    }
    if (args.first < 0 || args.first > MAX_PAGE_SIZE) {
      throw new GraphQLError(`The value of 'first' must be between 0 and ${MAX_PAGE_SIZE}.`, { extensions: { code: "BAD_REQUEST" } });
    }
    pageSize = args.first;
  }
  const page = records.slice(start, start + pageSize);
  const first = page[0];
  const last = page.at(-1);
  const pageInfo = {
    hasNextPage: start + page.length < records.length,
    hasPreviousPage: start > 0,
    startCursor: first === undefined ? null : encodeCursor(idOf(first)),
    endCursor: last === undefined ? null : encodeCursor(idOf(last)),
  };
  if (mode.unbounded) {
    return {
      edges: function* () {
        for (const record of page) yield { cursor: encodeCursor(idOf(record)), node: toView(record) };
      },
      nodes: (function* () {
        for (const record of page) yield toView(record);
      })(),
      pageInfo,
    };
  }
  const nodes = page.map(toView);
  return { edges: nodes.map((node, index) => ({ cursor: encodeCursor(idOf(page[index]!)), node })), nodes, pageInfo };
}
