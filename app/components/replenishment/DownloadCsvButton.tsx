// Downloads a purchase order's CSV through fetch (App Bridge adds the session token to fetch in the admin,
// which a plain link would not carry), then saves the blob under the PO number.
import { Button } from "@shopify/polaris";
import { useState } from "react";
import { useI18n } from "~/i18n";

export function DownloadCsvButton({ purchaseOrderId, number, size = "slim" }: { purchaseOrderId: string; number: string; size?: "slim" | "medium" }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const res = await fetch(`/app/purchase-orders/${encodeURIComponent(purchaseOrderId)}/csv`);
      if (!res.ok) throw new Error(`CSV download failed: ${res.status}`);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = `${number}.csv`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size={size} onClick={download} loading={busy} id={`csv-${purchaseOrderId}`}>
      {t("replenishment.action.csv")}
    </Button>
  );
}
