// Label/value rows inside a card, the layout the admin uses for settings summaries.
import { DescriptionList } from "@shopify/polaris";
import type { ReactNode } from "react";

export function DefinitionRows({ rows }: { rows: { label: string; value: ReactNode }[] }) {
  return <DescriptionList gap="tight" items={rows.map(({ label, value }) => ({ term: label, description: value }))} />;
}
