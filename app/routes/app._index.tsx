// Home: the dashboard of customer KPIs, the connected store, the import of its order history and the
// data Kizuna has received.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import polarisVizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { AnalyticsPendingCard } from "../components/AnalyticsPendingCard.tsx";
import { BACKFILL_INTENT, BackfillCard } from "../components/BackfillCard.tsx";
import { ConnectionCard } from "../components/ConnectionCard.tsx";
import { DataCard } from "../components/DataCard.tsx";
import { F2ConversionCard } from "../components/F2ConversionCard.tsx";
import { KpiCards } from "../components/KpiCards.tsx";
import { RankRevenueCard } from "../components/RankRevenueCard.tsx";
import { RfmThresholdsCard } from "../components/RfmThresholdsCard.tsx";
import { SecondPurchaseCard } from "../components/SecondPurchaseCard.tsx";
import { formatShopDay } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import { requestBackfill } from "../services/backfill.server.ts";
import { getHomeOverview } from "../services/home.server.ts";
import { authenticateAdmin } from "../shopify.server.ts";

/** How often Home reloads its data while a backfill runs. */
const REFRESH_WHILE_RUNNING_MS = 3000;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisVizStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticateAdmin(request);
  return getHomeOverview(session.shop, new Date());
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticateAdmin(request);
  const form = await request.formData();
  if (form.get("intent") !== BACKFILL_INTENT) throw new Response("Unknown action", { status: 400 });
  return { backfillRequest: await requestBackfill(session.shop, "merchant", new Date()) };
}

export default function Home() {
  const { shop, connection, webhooks, backfill, dashboard, analyticsUpdating } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const revalidator = useRevalidator();
  // The dashboard appears by itself when the recompute that follows the import has finished.
  useEffect(() => {
    if (!analyticsUpdating) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_WHILE_RUNNING_MS);
    return () => clearInterval(timer);
  }, [analyticsUpdating, revalidator]);
  const timeZone = shop?.ianaTimezone ?? "UTC";
  return (
    <Page title={t("home.title")} subtitle={dashboard.status === "ready" ? t("dashboard.asOf", { date: formatShopDay(dashboard.asOn, resolveLocale(i18n.language)) }) : undefined}>
      <Layout>
        {dashboard.status === "ready" ? (
          <>
            <Layout.Section>
              <KpiCards dashboard={dashboard} />
            </Layout.Section>
            <Layout.Section>
              <F2ConversionCard dashboard={dashboard} />
            </Layout.Section>
            <Layout.Section variant="oneHalf">
              <SecondPurchaseCard dashboard={dashboard} />
            </Layout.Section>
            <Layout.Section variant="oneHalf">
              <RankRevenueCard dashboard={dashboard} />
            </Layout.Section>
            <Layout.Section>
              <RfmThresholdsCard thresholds={dashboard.rfm} currencyCode={dashboard.currencyCode} />
            </Layout.Section>
          </>
        ) : (
          <Layout.Section>
            {dashboard.status === "noCustomers" && !analyticsUpdating ? (
              <AnalyticsPendingCard heading={t("dashboard.empty.heading")} title={t("dashboard.noCustomers.title")} body={t("dashboard.noCustomers.body")} />
            ) : (
              <AnalyticsPendingCard heading={t("dashboard.empty.heading")} title={t("dashboard.empty.title")} body={t("dashboard.empty.body")} />
            )}
          </Layout.Section>
        )}
        <Layout.Section>
          <ConnectionCard shop={shop} connection={connection} />
        </Layout.Section>
        <Layout.Section>
          <BackfillCard backfill={backfill} timeZone={timeZone} requestOutcome={actionData?.backfillRequest ?? null} />
        </Layout.Section>
        <Layout.Section>
          <DataCard webhooks={webhooks} timeZone={timeZone} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
