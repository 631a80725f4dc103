// A customer's rank (product.md §2): the rank and since when, the rules version, a pending rank-up,
// what they still need for the next rank and to keep this one at the next review, and the manual
// rank with its reason, which staff set or remove here.
import type { SerializeFrom } from "@remix-run/node";
import { Form, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Divider,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  formatMoney,
  formatShopDateTime,
  formatShopDay,
} from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type {
  CustomerProfile,
  OverrideOutcome,
} from "../services/customer-profile.server.ts";
import { nameRank, rankLabelsByKey } from "./analytics-labels.ts";
import { DefinitionRows } from "./DefinitionRows.tsx";
import { RankBadge } from "./RankBadge.tsx";

type CustomerRankCardProps = {
  profile: SerializeFrom<CustomerProfile>;
  outcome: OverrideOutcome | undefined;
};

export const OVERRIDE_INTENTS = {
  set: "setOverride",
  remove: "removeOverride",
} as const;

export function CustomerRankCard({ profile, outcome }: CustomerRankCardProps) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const navigation = useNavigation();
  const analytics = profile.analytics;
  const labelOf = rankLabelsByKey(profile.rankLabels);
  const rankName = (rankKey: string) =>
    nameRank(labelOf(rankKey), rankKey, locale);
  const [overrideRank, setOverrideRank] = useState(
    analytics?.overrideRankKey ??
      profile.activeRanks[profile.activeRanks.length - 1]?.rankKey ??
      "",
  );
  const [reason, setReason] = useState("");
  const submitting =
    navigation.state === "submitting"
      ? navigation.formData?.get("intent")
      : null;
  const money = (minor: number) =>
    formatMoney(minor, profile.currencyCode, locale);
  const gap = (
    spendMinor: number | null,
    orders: number | null,
    combine: "any" | "all",
  ) =>
    [
      ...(spendMinor === null
        ? []
        : [t("customers.profile.rank.spend", { amount: money(spendMinor) })]),
      ...(orders === null
        ? []
        : [t("customers.profile.rank.orders", { count: orders })]),
    ].join(
      ` ${combine === "all" ? t("customers.profile.rank.and") : t("customers.profile.rank.or")} `,
    );
  if (analytics === null) return null;
  const keepNeeded =
    (analytics.keepRankGapSpendMinor ?? 0) > 0 ||
    (analytics.keepRankGapOrders ?? 0) > 0;
  const rows = [
    {
      label: t("customers.profile.rank.current"),
      value: (
        <RankBadge
          label={labelOf(analytics.rankKey)}
          rankKey={analytics.rankKey}
        />
      ),
    },
    {
      label: t("customers.profile.rank.heldSince"),
      value: analytics.rankSince
        ? formatShopDay(analytics.rankSince, locale)
        : t("customers.profile.rank.sinceStart"),
    },
    {
      label: t("customers.profile.rank.rules"),
      value: t("customers.profile.rank.versionValue", {
        version: analytics.rankPolicyVersion,
      }),
    },
    ...(analytics.pendingRankKey && analytics.pendingRankOn
      ? [
          {
            label: t("customers.profile.rank.pendingLabel"),
            value: t("customers.profile.rank.pending", {
              rank: rankName(analytics.pendingRankKey),
              date: formatShopDay(analytics.pendingRankOn, locale),
            }),
          },
        ]
      : []),
    analytics.nextRankKey
      ? {
          label: t("customers.profile.rank.next", {
            rank: rankName(analytics.nextRankKey),
          }),
          value: gap(
            analytics.nextRankGapSpendMinor,
            analytics.nextRankGapOrders,
            labelOf(analytics.nextRankKey).combine ?? "any",
          ),
        }
      : {
          label: t("customers.profile.rank.nextNone"),
          value: t("customers.profile.rank.top"),
        },
    ...(analytics.keepRankReviewOn
      ? [
          {
            label: t("customers.profile.rank.keep", {
              date: formatShopDay(analytics.keepRankReviewOn, locale),
            }),
            value: keepNeeded
              ? `${gap(analytics.keepRankGapSpendMinor, analytics.keepRankGapOrders, labelOf(analytics.rankKey).combine ?? "any")}${analytics.keepRankOrderByOn ? ` ${t("customers.profile.rank.orderBy", { date: formatShopDay(analytics.keepRankOrderByOn, locale) })}` : ""}`
              : t("customers.profile.rank.kept"),
          },
        ]
      : []),
  ];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("customers.profile.rank.heading")}
        </Text>
        <DefinitionRows rows={rows} />
        <Divider />
        <Text as="h3" variant="headingSm">
          {t("customers.profile.override.heading")}
        </Text>
        {outcome && (
          <Banner tone={outcome.ok ? "success" : "critical"}>
            {outcome.ok
              ? t(
                  outcome.kind === "set"
                    ? "customers.profile.override.saved"
                    : "customers.profile.override.removed",
                )
              : t(`customers.profile.override.errors.${outcome.error}`)}
          </Banner>
        )}
        {analytics.overrideRankKey ? (
          <Form method="post">
            <BlockStack gap="200">
              <Text as="p">
                {t("customers.profile.override.current", {
                  rank: rankName(analytics.overrideRankKey),
                  by: analytics.overrideSetBy ?? "–",
                  date: analytics.overrideSetAt
                    ? formatShopDateTime(
                        analytics.overrideSetAt,
                        locale,
                        profile.timeZone,
                      )
                    : "–",
                })}
              </Text>
              {analytics.overrideReason && (
                <Text as="p">
                  {t("customers.profile.history.overrideReason", {
                    reason: analytics.overrideReason,
                  })}
                </Text>
              )}
              <input
                type="hidden"
                name="intent"
                value={OVERRIDE_INTENTS.remove}
              />
              <InlineStack>
                <Button submit loading={submitting === OVERRIDE_INTENTS.remove}>
                  {t("customers.profile.override.remove")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Form>
        ) : (
          <Form method="post">
            <BlockStack gap="200">
              <Text as="p" tone="subdued">
                {t("customers.profile.override.description")}
              </Text>
              <input type="hidden" name="intent" value={OVERRIDE_INTENTS.set} />
              <Select
                label={t("customers.profile.override.rank")}
                name="rankKey"
                value={overrideRank}
                onChange={setOverrideRank}
                options={profile.activeRanks.map((label) => ({
                  label: nameRank(label, label.rankKey, locale),
                  value: label.rankKey,
                }))}
              />
              <TextField
                label={t("customers.profile.override.reason")}
                name="reason"
                value={reason}
                onChange={setReason}
                autoComplete="off"
                maxLength={500}
                multiline={2}
              />
              <InlineStack>
                <Button submit loading={submitting === OVERRIDE_INTENTS.set}>
                  {t("customers.profile.override.set")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Form>
        )}
      </BlockStack>
    </Card>
  );
}
