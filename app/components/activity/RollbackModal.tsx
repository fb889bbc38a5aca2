// Confirmation before a price goes back to its previous value in Shopify.
import { Modal, Text } from "@shopify/polaris";
import { useI18n } from "~/i18n";

export function RollbackModal({
  open,
  variant,
  before,
  after,
  busy,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  variant: string;
  before: string;
  after: string;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={open}
      onClose={onCancel}
      title={t("activity.rollback.title")}
      primaryAction={{ content: t("activity.rollback"), destructive: true, loading: busy, onAction: onConfirm }}
      secondaryActions={[{ content: t("activity.rollback.cancel"), onAction: onCancel }]}
    >
      <Modal.Section>
        <Text as="p">{t("activity.rollback.body", { variant, before, after })}</Text>
      </Modal.Section>
    </Modal>
  );
}
