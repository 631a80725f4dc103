// The saved versions of the rank rules, newest first: each rank's thresholds and the window, and a
// way to start a draft from any of them.
import type { SerializeFrom } from "@remix-run/node";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  InlineStack,
  Text,
} from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { RankPolicy } from "../domain/analytics/ranks/rank-policy.ts";
import { formatMoney, formatShopDateTime } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { RanksPage } from "../services/ranks-page.server.ts";

type RankVersionsCardProps = {
  page: SerializeFrom<RanksPage>;
  timeZone: string;
  onCopy: (policy: RankPolicy) => void;
};

export function RankVersionsCard({
  page,
  timeZone,
  onCopy,
}: RankVersionsCardProps) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const describeRanks = (policy: RankPolicy) =>
    policy.ranks
      .map((rank) => {
        const thresholds = [
          ...(rank.minNetSpendMinor === undefined
            ? []
            : [
                t("ranks.versions.spendAtLeast", {
                  amount: formatMoney(
                    rank.minNetSpendMinor,
                    page.currencyCode,
                    locale,
                  ),
                }),
              ]),
          ...(rank.minOrders === undefined
            ? []
            : [t("ranks.versions.ordersAtLeast", { count: rank.minOrders })]),
        ];
        const joined =
          thresholds.length === 0
            ? t("ranks.versions.everyone")
            : thresholds.join(
                rank.combine === "all"
                  ? t("ranks.versions.and")
                  : t("ranks.versions.or"),
              );
        return `${rank.name[locale]}: ${joined}`;
      })
      .join(" / ");
  const describeWindow = (policy: RankPolicy) =>
    policy.window.kind === "rolling_months"
      ? t("ranks.versions.windows.rolling_months", {
          months: policy.window.months,
        })
      : t(`ranks.versions.windows.${policy.window.kind}`);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("ranks.versions.heading")}
        </Text>
        <BlockStack gap="200">
          {page.versions.map((version) => (
            <Box
              key={version.version}
              borderColor="border"
              borderWidth="025"
              borderRadius="200"
              padding="300"
            >
              <BlockStack gap="100">
                <InlineStack
                  align="space-between"
                  blockAlign="center"
                  gap="200"
                >
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="h3" variant="headingSm">
                      {t("ranks.versions.version")} {version.version}
                    </Text>
                    {version.active && (
                      <Badge tone="success">{t("ranks.versions.active")}</Badge>
                    )}
                    <Text as="span" tone="subdued" variant="bodySm">
                      {t("ranks.versions.createdAt")}:{" "}
                      {formatShopDateTime(version.createdAt, locale, timeZone)}
                    </Text>
                  </InlineStack>
                  <Button
                    variant="plain"
                    onClick={() => onCopy(version.policy)}
                  >
                    {t("ranks.versions.copy", { version: version.version })}
                  </Button>
                </InlineStack>
                <Text as="p">{describeRanks(version.policy)}</Text>
                <Text as="p" tone="subdued">
                  {t("ranks.versions.window")}: {describeWindow(version.policy)}
                </Text>
              </BlockStack>
            </Box>
          ))}
        </BlockStack>
        {page.versionCount > page.versions.length && (
          <Text as="p" tone="subdued">
            {t("ranks.versions.shown", {
              shown: page.versions.length,
              count: page.versionCount,
            })}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
