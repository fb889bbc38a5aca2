// The purchase order's CSV download.
import { useI18n } from "~/i18n";
import { DownloadFileButton } from "./DownloadFileButton";

export function DownloadCsvButton({
  purchaseOrderId,
  number,
  size = "slim",
}: {
  purchaseOrderId: string;
  number: string;
  size?: "slim" | "medium";
}) {
  const { t } = useI18n();
  return (
    <DownloadFileButton
      path={`/app/purchase-orders/${encodeURIComponent(purchaseOrderId)}/csv`}
      filename={`${number}.csv`}
      label={t("replenishment.action.csv")}
      id={`csv-${purchaseOrderId}`}
      size={size}
    />
  );
}
