// The Import orders page's upload card: one file (.csv or .csv.gz) and its format, sent as multipart
// form data; the import itself runs as a job, so the card is free again as soon as the file is stored.
import { useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DropZone, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CSV_FORMAT_CHOICES, type CsvFormatChoice } from "../domain/ingest/orders-csv.ts";
import { formatByteSize } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";

type UploadError = "NO_FILE" | "FILE_TOO_LARGE" | "INVALID_FORMAT";

export function ImportUploadCard({ maxUploadBytes, error }: { maxUploadBytes: number; error: UploadError | null }) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const submit = useSubmit();
  const navigation = useNavigation();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<CsvFormatChoice>("auto");
  const uploading = navigation.state === "submitting" && navigation.formMethod?.toLowerCase() === "post";
  const maxSize = formatByteSize(maxUploadBytes, locale);

  function upload() {
    if (file === null) return;
    const form = new FormData();
    form.append("format", format);
    form.append("file", file);
    submit(form, { method: "post", encType: "multipart/form-data" });
  }

  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("imports.upload.heading")}
        </Text>
        <Text as="p">{t("imports.upload.description")}</Text>
        {error && <Banner tone="critical">{t(`imports.upload.errors.${error}`, { size: maxSize })}</Banner>}
        <DropZone
          label={t("imports.upload.fileLabel")}
          allowMultiple={false}
          accept=".csv,.gz,text/csv,application/gzip"
          onDrop={(_all, accepted) => setFile(accepted[0] ?? null)}
        >
          {file ? (
            <BlockStack inlineAlign="center" align="center">
              <Text as="p" variant="bodyMd">
                {t("imports.upload.chosenFile", { name: file.name, size: formatByteSize(file.size, locale) })}
              </Text>
            </BlockStack>
          ) : (
            <DropZone.FileUpload actionTitle={t("imports.upload.fileAction")} actionHint={t("imports.upload.fileHint")} />
          )}
        </DropZone>
        <Text as="p" tone="subdued">
          {t("imports.upload.maxSize", { size: maxSize })}
        </Text>
        <Select
          label={t("imports.upload.formatLabel")}
          options={CSV_FORMAT_CHOICES.map((choice) => ({ value: choice, label: t(`imports.upload.formats.${choice}`) }))}
          value={format}
          onChange={(value) => setFormat(value as CsvFormatChoice)}
        />
        <div>
          <Button variant="primary" onClick={upload} disabled={file === null} loading={uploading}>
            {t("imports.upload.submit")}
          </Button>
        </div>
      </BlockStack>
    </Card>
  );
}
