// A rank as a badge with its colour, in the admin language.
import { Badge, InlineStack } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { resolveLocale } from "../i18n/i18n.ts";
import { nameRank, type RankLabelView } from "./analytics-labels.ts";

export function RankBadge({
  label,
  rankKey,
}: {
  label: RankLabelView | undefined;
  rankKey: string;
}) {
  const { i18n } = useTranslation();
  const name = nameRank(label, rankKey, resolveLocale(i18n.language));
  return (
    <InlineStack gap="100" blockAlign="center" wrap={false}>
      <span
        aria-hidden="true"
        style={{
          display: "inline-block",
          width: 10,
          height: 10,
          borderRadius: 5,
          background: label?.color ?? "#8C9196",
        }}
      />
      <Badge>{name}</Badge>
    </InlineStack>
  );
}
