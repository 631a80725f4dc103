// What a page shows before the shop's first full recompute: what is coming and when.
import { BlockStack, Card, Text } from "@shopify/polaris";

export function AnalyticsPendingCard({
  heading,
  title,
  body,
}: {
  heading?: string;
  title: string;
  body: string;
}) {
  return (
    <Card>
      <BlockStack gap="200">
        {heading && (
          <Text as="h2" variant="headingMd">
            {heading}
          </Text>
        )}
        <Text as="h3" variant="headingSm">
          {title}
        </Text>
        <Text as="p">{body}</Text>
      </BlockStack>
    </Card>
  );
}
