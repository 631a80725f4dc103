// Downloads a CSV from an app route. A plain link would leave the embedded admin without a session
// token, so the file is fetched (App Bridge adds the token to same-origin requests) and handed to the
// browser as a download.
import { Button, InlineStack, Text } from "@shopify/polaris";
import { useState } from "react";
import { useTranslation } from "react-i18next";

type CsvExportButtonProps = { href: string; fileName: string };

export function CsvExportButton({ href, fileName }: CsvExportButtonProps) {
  const { t } = useTranslation();
  const [exporting, setExporting] = useState(false);
  const [failed, setFailed] = useState(false);
  async function download() {
    setExporting(true);
    setFailed(false);
    try {
      const response = await fetch(href);
      if (!response.ok) throw new Error(`export answered ${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = fileName;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setFailed(true);
    } finally {
      setExporting(false);
    }
  }
  return (
    <InlineStack gap="200" blockAlign="center">
      <Button onClick={() => void download()} loading={exporting}>
        {t("customers.export.button")}
      </Button>
      <span role="alert">
        {failed && (
          <Text as="span" tone="critical">
            {t("customers.export.failed")}
          </Text>
        )}
      </span>
    </InlineStack>
  );
}
