// Settings: the sync of ranks, segments and progress to Shopify (status, progress, Sync now) and
// the optional customer tags.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { CustomerTagsCard } from "../components/CustomerTagsCard.tsx";
import { SyncHistoryCard } from "../components/SyncHistoryCard.tsx";
import { SyncStatusCard } from "../components/SyncStatusCard.tsx";
import {
  getSyncSettingsPage,
  handleSyncSettingsForm,
} from "../services/sync/settings-page.server.ts";
import { authenticateAdmin } from "../shopify.server.ts";

const POLL_INTERVAL_MS = 2000;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticateAdmin(request);
  return getSyncSettingsPage(session.shop);
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticateAdmin(request);
  return handleSyncSettingsForm(
    session.shop,
    await request.formData(),
    new Date(),
  );
}

export default function Settings() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() ?? null;
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const running = page.runs[0]?.status === "running";

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  return (
    <Page title={t("settings.title")}>
      <Layout>
        <Layout.Section>
          <SyncStatusCard page={page} result={result} />
        </Layout.Section>
        <Layout.Section>
          <CustomerTagsCard
            tagsEnabled={page.tagsEnabled}
            tagPrefix={page.tagPrefix}
            result={result}
          />
        </Layout.Section>
        <Layout.Section>
          <SyncHistoryCard runs={page.runs} timeZone={page.timeZone} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
