// Downloads a purchase-order file (CSV, PDF, e-mail) through fetch (App Bridge adds the session token to fetch
// in the admin, which a plain link would not carry), then saves the blob under its file name.
import { Button } from "@shopify/polaris";
import { useState } from "react";

export function DownloadFileButton({
  path,
  filename,
  label,
  id,
  size = "slim",
}: {
  path: string;
  filename: string;
  label: string;
  id: string;
  size?: "slim" | "medium";
}) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const res = await fetch(path);
      if (!res.ok) throw new Error(`download failed: ${res.status}`);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size={size} onClick={download} loading={busy} id={id}>
      {label}
    </Button>
  );
}
