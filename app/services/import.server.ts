// The Settings import card's service: the shop's history import status, and a request for a re-sync or a full
// re-import (refused while one is queued or running). The import itself lives in app/sync/import.
import { getDb } from "~/db.server";
import { getJobQueue } from "~/jobs/index.server";
import type { JobQueue } from "~/jobs/types";
import type { ShopContext } from "~/services/shop.server";
import type { ImportMode } from "~/sync/import/cursor";
import {
  importStatusOf,
  requestImport,
  type ImportStatus,
  type RequestImportResult,
} from "~/sync/import/status.server";

export function importStatus(shop: ShopContext): Promise<ImportStatus | null> {
  return importStatusOf(getDb(), shop.id);
}

export function requestShopImport(
  shop: ShopContext,
  mode: ImportMode,
  queue: JobQueue = getJobQueue(),
): Promise<RequestImportResult> {
  return requestImport(getDb(), queue, shop.id, mode);
}
