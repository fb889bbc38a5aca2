// Margin-floor override: approving a price below the floor needs a written reason (kept in the audit).
import { useState } from "react";
import { BlockStack, Modal, Text, TextField } from "@shopify/polaris";
import { useI18n } from "~/i18n";

export function OverrideModal({
  open,
  count,
  busy,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  count: number;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const valid = reason.trim().length >= 5;
  return (
    <Modal
      open={open}
      onClose={onCancel}
      title={t("recommendations.override.title")}
      primaryAction={{
        content: t("recommendations.override.confirm"),
        destructive: true,
        loading: busy,
        onAction: () => {
          setTried(true);
          if (!valid) return;
          onConfirm(reason.trim());
          setReason("");
          setTried(false);
        },
      }}
      secondaryActions={[{ content: t("recommendations.cancel"), onAction: onCancel }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          <Text as="p">{t("recommendations.override.body", { count })}</Text>
          <TextField
            label={t("recommendations.override.reason")}
            value={reason}
            onChange={setReason}
            multiline={3}
            autoComplete="off"
            helpText={t("recommendations.override.reasonHelp")}
            error={tried && !valid ? t("recommendations.override.reasonError") : undefined}
          />
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
