// Every rank change of a customer, newest first, with what it rests on (product.md §2: "every rank
// change records the orders, refunds and rule version behind it", so support can answer "why was I
// downgraded?").
import type { SerializeFrom } from "@remix-run/node";
import { Badge, BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { formatMoney, formatShopDay } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { CustomerProfile } from "../services/customer-profile.server.ts";
import { nameRank, rankLabelsByKey } from "./analytics-labels.ts";

export function RankHistoryCard({
  profile,
}: {
  profile: SerializeFrom<CustomerProfile>;
}) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const labelOf = rankLabelsByKey(profile.rankLabels);
  const rankName = (rankKey: string) =>
    nameRank(labelOf(rankKey), rankKey, locale);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("customers.profile.history.heading")}
        </Text>
        {profile.rankChanges.length === 0 ? (
          <Text as="p">{t("customers.profile.history.none")}</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text", "text"]}
            verticalAlign="top"
            headings={[
              t("customers.profile.history.date"),
              t("customers.profile.history.change"),
              t("customers.profile.history.reason"),
              t("customers.profile.history.basis"),
              t("customers.profile.history.version"),
            ]}
            rows={profile.rankChanges.map((change) => {
              const spend = formatMoney(
                change.netSpendMinor,
                profile.currencyCode,
                locale,
              );
              const basis = change.windowStartOn
                ? t("customers.profile.history.evidence", {
                    orders: change.orderCount,
                    spend,
                    from: formatShopDay(change.windowStartOn, locale),
                    to: formatShopDay(change.windowEndOn, locale),
                  })
                : t("customers.profile.history.evidenceLifetime", {
                    orders: change.orderCount,
                    spend,
                    to: formatShopDay(change.windowEndOn, locale),
                  });
              return [
                formatShopDay(change.effectiveOn, locale),
                <BlockStack key={change.id} gap="100" inlineAlign="start">
                  <Text as="span">
                    {rankName(change.fromRankKey)} →{" "}
                    {rankName(change.toRankKey)}
                  </Text>
                  <Badge
                    tone={change.direction === "up" ? "success" : "warning"}
                  >
                    {t(
                      `customers.profile.history.directions.${change.direction}`,
                    )}
                  </Badge>
                </BlockStack>,
                <BlockStack key={`${change.id}-reason`} gap="100">
                  <Text as="span">
                    {t(`customers.profile.history.reasons.${change.reason}`)}
                  </Text>
                  {change.overrideReason && (
                    <Text as="span" tone="subdued" variant="bodySm">
                      {t("customers.profile.history.overrideReason", {
                        reason: change.overrideReason,
                      })}
                    </Text>
                  )}
                </BlockStack>,
                <BlockStack key={`${change.id}-basis`} gap="100">
                  <Text as="span">{basis}</Text>
                  {change.refundGids.length > 0 && (
                    <Text as="span" tone="subdued" variant="bodySm">
                      {t("customers.profile.history.refunds", {
                        count: change.refundGids.length,
                      })}
                    </Text>
                  )}
                </BlockStack>,
                t("customers.profile.history.versionValue", {
                  version: change.policyVersion,
                }),
              ];
            })}
          />
        )}
      </BlockStack>
    </Card>
  );
}
