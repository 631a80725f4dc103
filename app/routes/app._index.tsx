// Home: the connected store, the import of its order history and the data Kizuna has received.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { BACKFILL_INTENT, BackfillCard } from "../components/BackfillCard.tsx";
import { ConnectionCard } from "../components/ConnectionCard.tsx";
import { DataCard } from "../components/DataCard.tsx";
import { requestBackfill } from "../services/backfill.server.ts";
import { getHomeOverview } from "../services/home.server.ts";
import { authenticateAdmin } from "../shopify.server.ts";

/** How often Home reloads its data while a backfill runs. */
const REFRESH_WHILE_RUNNING_MS = 3000;

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
  const { shop, connection, webhooks, backfill } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const running = backfill?.status === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_WHILE_RUNNING_MS);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const timeZone = shop?.ianaTimezone ?? "UTC";
  return (
    <Page title={t("home.title")}>
      <Layout>
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
