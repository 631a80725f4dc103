// The dry run of a rank rules draft (product.md §2: "312 customers move from Gold to Silver"): customers
// per rank now and after saving, the moves between ranks, and the first customers who move.
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Card,
  DataTable,
  List,
  Text,
} from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import {
  formatCount,
  formatShopDay,
  formatSignedCount,
} from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { RankPolicyPreview } from "../services/ranks-page.server.ts";
import {
  customerIdOf,
  customerPath,
  nameCustomer,
} from "./analytics-labels.ts";

/** Movers listed on the page; the whole dry run counts everyone. */
const SHOWN_MOVERS = 20;

type RankPreviewCardProps = {
  preview: SerializeFrom<RankPolicyPreview>;
  nameRankKey: (rankKey: string) => string;
};

export function RankPreviewCard({
  preview,
  nameRankKey,
}: RankPreviewCardProps) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const rankKeys = [
    ...new Set([
      ...preview.currentCounts.map((count) => count.rankKey),
      ...preview.proposedCounts.map((count) => count.rankKey),
    ]),
  ];
  const countIn = (
    counts: readonly { rankKey: string; customerCount: number }[],
    rankKey: string,
  ) => counts.find((count) => count.rankKey === rankKey)?.customerCount ?? 0;
  const shown = preview.movers.slice(0, SHOWN_MOVERS);
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("ranks.preview.heading", {
            date: formatShopDay(preview.asOn, locale),
          })}
        </Text>
        <Text as="p" variant="headingSm">
          {preview.moverCount === 0
            ? t("ranks.preview.none")
            : t("ranks.preview.summary", { count: preview.moverCount })}
        </Text>
        <DataTable
          columnContentTypes={["text", "numeric", "numeric", "numeric"]}
          headings={[
            t("ranks.preview.rank"),
            t("ranks.preview.current", { version: preview.currentVersion }),
            t("ranks.preview.proposed", { version: preview.proposedVersion }),
            t("ranks.preview.difference"),
          ]}
          rows={rankKeys.map((rankKey) => {
            const before = countIn(preview.currentCounts, rankKey);
            const after = countIn(preview.proposedCounts, rankKey);
            return [
              nameRankKey(rankKey),
              formatCount(before, locale),
              formatCount(after, locale),
              formatSignedCount(after - before, locale),
            ];
          })}
        />
        {preview.moves.length > 0 && (
          <List>
            {preview.moves.map((move) => (
              <List.Item key={`${move.fromRankKey}-${move.toRankKey}`}>
                {t("ranks.preview.move", {
                  count: move.customerCount,
                  from: nameRankKey(move.fromRankKey),
                  to: nameRankKey(move.toRankKey),
                })}
              </List.Item>
            ))}
          </List>
        )}
        {shown.length > 0 && (
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              {t("ranks.preview.movers")}
            </Text>
            {preview.moverCount > shown.length && (
              <Text as="p" tone="subdued">
                {t("ranks.preview.moversShown", {
                  shown: shown.length,
                  count: preview.moverCount,
                })}
              </Text>
            )}
            <DataTable
              columnContentTypes={["text", "text", "text", "text"]}
              headings={[
                t("ranks.preview.customer"),
                t("ranks.preview.from"),
                t("ranks.preview.to"),
                t("ranks.preview.direction"),
              ]}
              rows={shown.map((mover) => [
                <Link
                  key={mover.customerGid}
                  to={customerPath(mover.customerGid)}
                >
                  {nameCustomer(mover, locale) ??
                    t("customers.table.unnamed", {
                      id: customerIdOf(mover.customerGid),
                    })}
                </Link>,
                nameRankKey(mover.fromRankKey),
                nameRankKey(mover.toRankKey),
                <Badge
                  key={`${mover.customerGid}-direction`}
                  tone={mover.direction === "up" ? "success" : "warning"}
                >
                  {t(`ranks.preview.directions.${mover.direction}`)}
                </Badge>,
              ])}
            />
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
