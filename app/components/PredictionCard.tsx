// A customer's predictions (product.md §2): chance of still being a customer, expected orders, order
// value, CLV and next order, the method behind them (the fitted model or the small-shop rule), and
// the plain explanation of explain.ts in the admin language.
import type { SerializeFrom } from "@remix-run/node";
import { Badge, BlockStack, Card, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { CustomerPrediction } from "../domain/analytics/clv/clv.ts";
import { explainPrediction } from "../domain/analytics/explain.ts";
import { formatMoney, formatRatio, formatShopDay } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import { DefinitionRows } from "./DefinitionRows.tsx";

type PredictionCardProps = {
  prediction: SerializeFrom<CustomerPrediction> | null;
  currencyCode: string;
};

export function PredictionCard({
  prediction,
  currencyCode,
}: PredictionCardProps) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const unknown = t("customers.profile.predictions.unknown");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("customers.profile.predictions.heading")}
        </Text>
        {prediction === null ? (
          <Text as="p">{t("customers.profile.predictions.none")}</Text>
        ) : (
          <>
            <DefinitionRows
              rows={[
                {
                  label: t("customers.profile.predictions.aliveProbability"),
                  value:
                    prediction.aliveProbability === null
                      ? unknown
                      : formatRatio(prediction.aliveProbability, locale, 0),
                },
                {
                  label: t("customers.profile.predictions.expectedOrders", {
                    days: prediction.horizonDays,
                  }),
                  value:
                    prediction.expectedPurchases === null
                      ? unknown
                      : prediction.expectedPurchases.toFixed(1),
                },
                {
                  label: t("customers.profile.predictions.expectedOrderValue"),
                  value: formatMoney(
                    prediction.expectedOrderValueMinor,
                    currencyCode,
                    locale,
                  ),
                },
                {
                  label: t("customers.profile.predictions.clv", {
                    days: prediction.horizonDays,
                  }),
                  value:
                    prediction.clvMinor === null
                      ? unknown
                      : formatMoney(prediction.clvMinor, currencyCode, locale),
                },
                {
                  label: t("customers.profile.predictions.nextOrder"),
                  value:
                    prediction.expectedNextOrderOn === null
                      ? unknown
                      : formatShopDay(prediction.expectedNextOrderOn, locale),
                },
                {
                  label: t("customers.profile.predictions.method"),
                  value: (
                    <Badge
                      tone={prediction.method === "bgNbd" ? "info" : undefined}
                    >
                      {t(
                        `customers.profile.predictions.methods.${prediction.method}`,
                      )}
                    </Badge>
                  ),
                },
              ]}
            />
            <Text as="p">{explainPrediction(prediction, locale, (on) => formatShopDay(on, locale))}</Text>
          </>
        )}
      </BlockStack>
    </Card>
  );
}
