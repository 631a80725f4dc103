// A customer's R, F and M scores on the shop's scale and the segment they put the customer in.
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { BlockStack, Card, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { nameSegment, type RfmSegment } from "../domain/analytics/segments.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { CustomerProfile } from "../services/customer-profile.server.ts";
import { DefinitionRows } from "./DefinitionRows.tsx";

type Analytics = NonNullable<SerializeFrom<CustomerProfile>["analytics"]>;

export function CustomerRfmCard({ analytics }: { analytics: Analytics }) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const score = (value: number | null) =>
    value === null ? "–" : t("customers.profile.rfm.score", { score: value });
  const segment = analytics.segment as RfmSegment | null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("customers.profile.rfm.heading")}
        </Text>
        {segment === null ? (
          <Text as="p">{t("customers.profile.rfm.noScore")}</Text>
        ) : (
          <>
            <DefinitionRows
              rows={[
                {
                  label: t("customers.profile.rfm.segment"),
                  value: (
                    <Link to={`/app/segments/${segment}`}>
                      {nameSegment(segment, locale)}
                    </Link>
                  ),
                },
                {
                  label: t("customers.profile.rfm.recency"),
                  value: score(analytics.recencyScore),
                },
                {
                  label: t("customers.profile.rfm.frequency"),
                  value: score(analytics.frequencyScore),
                },
                {
                  label: t("customers.profile.rfm.monetary"),
                  value: score(analytics.monetaryScore),
                },
              ]}
            />
            <Text as="p" tone="subdued">
              {t(`segments.descriptions.${segment}`)}
            </Text>
          </>
        )}
      </BlockStack>
    </Card>
  );
}
