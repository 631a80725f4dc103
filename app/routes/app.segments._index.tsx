// Segments: the R × F grid heatmap, every segment with its size and share of spend, and the RFM
// thresholds in use.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { AnalyticsPendingCard } from "../components/AnalyticsPendingCard.tsx";
import { RfmGridCard } from "../components/RfmGridCard.tsx";
import { RfmThresholdsCard } from "../components/RfmThresholdsCard.tsx";
import { SegmentListCard } from "../components/SegmentListCard.tsx";
import { formatShopDay } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import { getSegmentsOverview } from "../services/segments-page.server.ts";
import { authenticateAdmin } from "../shopify.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticateAdmin(request);
  return getSegmentsOverview(session.shop);
}

export default function Segments() {
  const overview = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  if (overview.status === "notComputed")
    return (
      <Page title={t("segments.title")}>
        <AnalyticsPendingCard
          title={t("segments.empty.title")}
          body={t("segments.empty.body")}
        />
      </Page>
    );
  return (
    <Page
      title={t("segments.title")}
      subtitle={t("segments.asOf", {
        date: formatShopDay(overview.rfm.asOn, locale),
      })}
    >
      <Layout>
        <Layout.Section>
          <RfmGridCard overview={overview} />
        </Layout.Section>
        <Layout.Section>
          <SegmentListCard overview={overview} />
        </Layout.Section>
        <Layout.Section>
          <RfmThresholdsCard
            thresholds={overview.rfm}
            currencyCode={overview.currencyCode}
          />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
