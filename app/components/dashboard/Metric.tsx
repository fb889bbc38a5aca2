import { BlockStack, Button, Card, Text } from "@shopify/polaris";

/** One figure of the dashboard, with an optional note and link. */
export function Metric({
  label,
  value,
  note,
  link,
}: {
  label: string;
  value: string;
  note?: string;
  link?: { url: string; label: string };
}) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="heading2xl">
          {value}
        </Text>
        {note ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {note}
          </Text>
        ) : null}
        {link ? (
          <div>
            <Button url={link.url} variant="plain">
              {link.label}
            </Button>
          </div>
        ) : null}
      </BlockStack>
    </Card>
  );
}
