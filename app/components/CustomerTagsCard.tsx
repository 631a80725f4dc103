// The Settings page's "Customer tags" card: turn Kizuna's rank and segment tags on or off and choose
// their prefix; saving a change re-tags every customer through a sync.
import type { SerializeFrom } from "@remix-run/node";
import { Form, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  describeCustomerTags,
  readTagPrefix,
} from "../domain/sync/customer-tags.ts";
import type { SyncSettingsAction } from "../services/sync/settings-page.server.ts";

type CustomerTagsCardProps = {
  tagsEnabled: boolean;
  tagPrefix: string;
  result: SerializeFrom<SyncSettingsAction> | null;
};

export function CustomerTagsCard({
  tagsEnabled,
  tagPrefix,
  result,
}: CustomerTagsCardProps) {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useState(tagsEnabled);
  const [prefix, setPrefix] = useState(tagPrefix);
  const navigation = useNavigation();
  const saving =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === "saveTags";
  const saved = result?.intent === "saveTags" ? result : null;
  const checked = readTagPrefix(prefix);
  const [rankExample, segmentExample] = describeCustomerTags(
    checked.ok ? checked.prefix : tagPrefix,
    "gold",
    "champions",
  );
  return (
    <Card>
      <Form method="post">
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            {t("settings.tags.heading")}
          </Text>
          <Text as="p" tone="subdued">
            {t("settings.tags.description", { rankExample, segmentExample })}
          </Text>
          {saved?.ok && (
            <Banner tone="success">
              {t(
                saved.syncStarted
                  ? "settings.tags.savedAndSyncing"
                  : "settings.tags.saved",
              )}
            </Banner>
          )}
          <input type="hidden" name="intent" value="saveTags" />
          <Checkbox
            label={t("settings.tags.enabled")}
            name="tagsEnabled"
            value="on"
            checked={enabled}
            onChange={setEnabled}
          />
          <TextField
            label={t("settings.tags.prefix")}
            name="tagPrefix"
            value={prefix}
            onChange={setPrefix}
            autoComplete="off"
            helpText={`${t("settings.tags.prefixHelp")} ${t("settings.tags.example", { example: rankExample })}`}
            error={
              saved && !saved.ok
                ? t(`settings.tags.errors.${saved.problem}`)
                : undefined
            }
          />
          <div>
            <Button submit loading={saving}>
              {t("settings.tags.save")}
            </Button>
          </div>
        </BlockStack>
      </Form>
    </Card>
  );
}
