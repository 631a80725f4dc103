// Optional customer tags (a merchant setting): `<prefix>:rank:<rank>` and `<prefix>:segment:<segment>`,
// so Shopify segments, Shopify Flow and other apps can use Kizuna's rank and segment. Kizuna removes
// only tags it added itself, which it remembers per customer; a merchant's own tags are never touched.

export const DEFAULT_TAG_PREFIX = "kizuna";

const MAX_PREFIX_LENGTH = 32;
/** Shopify refuses longer tags. */
const MAX_TAG_LENGTH = 255;
const PREFIX = /^[a-z0-9][a-z0-9_-]*$/;

export type TagPrefixProblem = "EMPTY" | "TOO_LONG" | "INVALID_CHARACTERS";

export type TagPrefixCheck =
  | { readonly ok: true; readonly prefix: string }
  | { readonly ok: false; readonly problem: TagPrefixProblem };

/**
 * The prefix as stored: trimmed and lowercased; letters a–z, digits, "-" and "_", starting with a
 * letter or digit (a comma would split the tag in two, a colon would blur where the prefix ends).
 */
export function readTagPrefix(input: string): TagPrefixCheck {
  const prefix = input.trim().toLowerCase();
  if (prefix === "") return { ok: false, problem: "EMPTY" };
  if (prefix.length > MAX_PREFIX_LENGTH)
    return { ok: false, problem: "TOO_LONG" };
  if (!PREFIX.test(prefix)) return { ok: false, problem: "INVALID_CHARACTERS" };
  return { ok: true, prefix };
}

/** "potentialLoyalists" → "potential-loyalists"; "Gold VIP" → "gold-vip"; letters of any script are kept. */
export function toTagWord(key: string): string {
  const word = key
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1-$2")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return word === "" ? "-" : word;
}

/** The tags a customer should carry, rank first; no segment tag before the shop's first full recompute. */
export function describeCustomerTags(
  prefix: string,
  rankKey: string,
  segment: string | null,
): string[] {
  const tags = [`${prefix}:rank:${toTagWord(rankKey)}`];
  if (segment !== null) tags.push(`${prefix}:segment:${toTagWord(segment)}`);
  return tags.map((tag) => tag.slice(0, MAX_TAG_LENGTH));
}

export type TagChange = { readonly add: string[]; readonly remove: string[] };

/** What to add and remove to go from the tags Kizuna last added to the ones it wants now. */
export function diffTags(
  previous: readonly string[],
  desired: readonly string[],
): TagChange {
  return {
    add: desired.filter((tag) => !previous.includes(tag)),
    remove: previous.filter((tag) => !desired.includes(tag)),
  };
}
