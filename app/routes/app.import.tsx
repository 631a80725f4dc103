// Import orders: upload an orders file, follow its import, and look back at past imports.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigate, useRevalidator } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ImportHistoryCard } from "../components/ImportHistoryCard.tsx";
import { ImportRunCard } from "../components/ImportRunCard.tsx";
import { ImportUploadCard } from "../components/ImportUploadCard.tsx";
import { getImportPage, uploadOrdersFile } from "../services/import-page.server.ts";
import { authenticateAdmin } from "../shopify.server.ts";

const POLL_INTERVAL_MS = 1000;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticateAdmin(request);
  return getImportPage(session.shop, new URL(request.url).searchParams.get("run"));
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticateAdmin(request);
  return uploadOrdersFile(session.shop, request, new Date());
}

export default function ImportOrders() {
  const { timeZone, maxUploadBytes, selected, history } = useLoaderData<typeof loader>();
  const upload = useActionData<typeof action>();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const uploadedRunId = upload?.ok ? upload.importRunId : null;
  const inProgress = history.some((run) => run.status === "queued" || run.status === "running");

  useEffect(() => {
    if (uploadedRunId) navigate(`?run=${uploadedRunId}`, { replace: true });
  }, [uploadedRunId, navigate]);

  useEffect(() => {
    if (!inProgress) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [inProgress, revalidator]);

  return (
    <Page title={t("imports.title")}>
      <Layout>
        <Layout.Section>
          {/* Keyed by the last upload, so the card forgets the file it has just sent. */}
          <ImportUploadCard key={uploadedRunId ?? "none"} maxUploadBytes={maxUploadBytes} error={upload && !upload.ok ? upload.error : null} />
        </Layout.Section>
        {selected && (
          <Layout.Section>
            <ImportRunCard run={selected} timeZone={timeZone} />
          </Layout.Section>
        )}
        <Layout.Section>
          <ImportHistoryCard history={history} timeZone={timeZone} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
