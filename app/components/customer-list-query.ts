// The customer list's URL (Customers and a segment's members): search, segment and rank filters, sort
// and the keyset cursor of the page, read leniently (an unknown value falls back to the default, so an
// old link still opens a list) and written back for links. Shared by the routes and their components.
import { z } from "zod";
import { decodeBase64Url, encodeBase64Url } from "../domain/base64url.ts";
import { RFM_SEGMENTS, type RfmSegment } from "../domain/analytics/segments.ts";

export const CUSTOMER_SORTS = [
  "netSpendMinor",
  "lastOrderOn",
  "predictedClvMinor",
] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export const SEGMENT_KEYS = Object.keys(RFM_SEGMENTS) as [
  RfmSegment,
  ...RfmSegment[],
];

export type ListCursor = {
  readonly value: number | string | null;
  readonly customerGid: string;
};

const cursorShape = z.tuple([
  z.union([z.number(), z.string(), z.null()]),
  z.string(),
]);

export function encodeListCursor(cursor: ListCursor): string {
  return encodeBase64Url(JSON.stringify([cursor.value, cursor.customerGid]));
}

function decodeListCursor(text: string): ListCursor | null {
  const json = decodeBase64Url(text);
  if (json === null) return null;
  try {
    const parsed = cursorShape.safeParse(JSON.parse(json));
    return parsed.success
      ? { value: parsed.data[0], customerGid: parsed.data[1] }
      : null;
  } catch {
    return null;
  }
}

const cursorParameter = z
  .string()
  .transform((text) => decodeListCursor(text))
  .nullable()
  .catch(null);

const listQuerySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  segment: z.enum(SEGMENT_KEYS).nullable().catch(null),
  rank: z.string().trim().min(1).max(100).nullable().catch(null),
  sort: z.enum(CUSTOMER_SORTS).catch("netSpendMinor"),
  direction: z.enum(["asc", "desc"]).catch("desc"),
  after: cursorParameter,
  before: cursorParameter,
});

export type CustomerListQuery = z.infer<typeof listQuerySchema>;

/** Whether a cursor's value is of the sort's column: an amount, or a date (nullable but net spend). */
function fitsSort(cursor: ListCursor, sort: CustomerSort): boolean {
  if (cursor.value === null) return sort !== "netSpendMinor";
  return sort === "lastOrderOn"
    ? typeof cursor.value === "string" &&
        /^\d{4}-\d{2}-\d{2}$/.test(cursor.value)
    : Number.isSafeInteger(cursor.value);
}

export function readCustomerListQuery(
  search: URLSearchParams,
): CustomerListQuery {
  const value = (name: string) => search.get(name) ?? undefined;
  const query = listQuerySchema.parse({
    q: value("q") ?? "",
    segment: value("segment") ?? null,
    rank: value("rank") ?? null,
    sort: value("sort"),
    direction: value("direction"),
    after: value("after") ?? null,
    before: value("before") ?? null,
  });
  // A cursor edited by hand, or kept from another sort, starts the list from its first page.
  return {
    ...query,
    after:
      query.after && fitsSort(query.after, query.sort) ? query.after : null,
    before:
      query.before && fitsSort(query.before, query.sort) ? query.before : null,
  };
}

/** The query string of a list, defaults left out. */
export function writeCustomerListQuery(
  query: Partial<Omit<CustomerListQuery, "after" | "before">> & {
    after?: ListCursor | null;
    before?: ListCursor | null;
  },
): string {
  const search = new URLSearchParams();
  if (query.q) search.set("q", query.q);
  if (query.segment) search.set("segment", query.segment);
  if (query.rank) search.set("rank", query.rank);
  if (query.sort && query.sort !== "netSpendMinor")
    search.set("sort", query.sort);
  if (query.direction && query.direction !== "desc")
    search.set("direction", query.direction);
  if (query.after) search.set("after", encodeListCursor(query.after));
  if (query.before) search.set("before", encodeListCursor(query.before));
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}
