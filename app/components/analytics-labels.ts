// Names the admin pages show for analytics keys: a rank in the admin language (its key when no saved
// rules define it), a segment, and a customer without a name.
import type { RankName } from "../domain/analytics/ranks/rank-policy.ts";
import { nameSegment, type RfmSegment } from "../domain/analytics/segments.ts";
import { toCustomerPathId } from "../domain/customer-path.ts";
import type { Locale } from "../i18n/i18n.ts";

export type RankLabelView = {
  readonly rankKey: string;
  readonly name: RankName | null;
  readonly color: string | null;
  readonly combine?: "any" | "all" | null;
};

export function nameRank(
  label: RankLabelView | undefined,
  rankKey: string,
  locale: Locale,
): string {
  return label?.name?.[locale] || rankKey;
}

/** A label lookup over a list of labels. */
export function rankLabelsByKey(
  labels: readonly RankLabelView[],
): (rankKey: string) => RankLabelView {
  const byKey = new Map(labels.map((label) => [label.rankKey, label]));
  return (rankKey) =>
    byKey.get(rankKey) ?? { rankKey, name: null, color: null };
}

export function nameSegmentOrNull(
  segment: string | null,
  locale: Locale,
): string | null {
  return segment === null ? null : nameSegment(segment as RfmSegment, locale);
}

/** "田中 陽子" in Japanese (family name first), "Yoko Tanaka" in English; null without a name. */
export function nameCustomer(
  contact: { firstName: string | null; lastName: string | null },
  locale: Locale,
): string | null {
  const parts = (
    locale === "ja"
      ? [contact.lastName, contact.firstName]
      : [contact.firstName, contact.lastName]
  ).filter((part): part is string => !!part && part.trim() !== "");
  return parts.length === 0 ? null : parts.join(" ");
}

export function customerPath(customerGid: string): string {
  return `/app/customers/${toCustomerPathId(customerGid)}`;
}

/** The id a person would recognise: Shopify's numeric id, or the GID of a customer from a file. */
export function customerIdOf(customerGid: string): string {
  return (
    /^gid:\/\/shopify\/Customer\/(\d+)$/.exec(customerGid)?.[1] ?? customerGid
  );
}
