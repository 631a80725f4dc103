// Home: the connected store and the data Kizuna has received from it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { ConnectionCard } from "../components/ConnectionCard.tsx";
import { DataCard } from "../components/DataCard.tsx";
import { getHomeOverview } from "../services/home.server.ts";
import { authenticateAdmin } from "../shopify.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticateAdmin(request);
  return getHomeOverview(session.shop, new Date());
}

export default function Home() {
  const { shop, connection, webhooks } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <Page title={t("home.title")}>
      <Layout>
        <Layout.Section>
          <ConnectionCard shop={shop} connection={connection} />
        </Layout.Section>
        <Layout.Section>
          <DataCard webhooks={webhooks} timeZone={shop?.ianaTimezone ?? "UTC"} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
