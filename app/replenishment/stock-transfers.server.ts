// Approved transfer decisions to StockTransfer rows, each with its "transfer.create" job (./transfers.server.ts).
import { getJobQueue } from "~/jobs/index.server";
import type { ShopContext } from "~/services/shop.server";
import { isUniqueViolation } from "~/db/unique-violation";

export const TRANSFER_JOB_TYPE = "transfer.create";

export interface TransferDecision {
  id: string;
  variantId: string | null;
  after: string;
}

/** Approved transfer decisions to StockTransfer rows (one per decision, however often called) and their jobs. */
export async function createStockTransfers(
  shop: Pick<ShopContext, "id" | "db">,
  decisions: TransferDecision[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const d of decisions) {
    const after = JSON.parse(d.after) as { quantity: number; from: string; to: string };
    if (!d.variantId) continue;
    let row = await shop.db.stockTransfer.findFirst({
      where: { decisionId: d.id },
      select: { id: true, status: true },
    });
    if (!row) {
      try {
        row = await shop.db.stockTransfer.create({
          data: {
            shopId: shop.id,
            decisionId: d.id,
            variantId: d.variantId,
            originLocationId: after.from,
            destinationLocationId: after.to,
            quantity: after.quantity,
          },
          select: { id: true, status: true },
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        row = await shop.db.stockTransfer.findFirstOrThrow({
          where: { decisionId: d.id },
          select: { id: true, status: true },
        });
      }
    }
    ids.push(row.id);
    if (row.status === "pending")
      await getJobQueue().enqueue({
        shopId: shop.id,
        type: TRANSFER_JOB_TYPE,
        payload: { transferId: row.id },
        coalesceKey: row.id,
      });
  }
  return ids;
}
