// Inventory writes (Admin API 2026-04): received units through inventoryAdjustQuantities with a compare-and-set
// quantity (`changeFromQuantity`) and an idempotency key (`@idempotent`, required on 2026-04), the quantities
// read before and after, and draft transfers between locations (inventoryTransferCreate, idempotent too).
import type { AdminGateway } from "./admin-gateway.server";
import { adminDocument } from "./document.server";
import type { AdminApiError, UserError } from "./result.server";

interface AvailableData {
  location: { id: string; isActive: boolean } | null;
  nodes: (
    | { id: string; inventoryLevel: { quantities: { name: string; quantity: number }[] } | null }
    | Record<string, never>
    | null
  )[];
}

export const INVENTORY_AVAILABLE = adminDocument<AvailableData, { locationId: string; ids: string[] }>(`#graphql
  query InventoryAvailable($locationId: ID!, $ids: [ID!]!) {
    location(id: $locationId) {
      id
      isActive
    }
    nodes(ids: $ids) {
      ... on InventoryItem {
        id
        inventoryLevel(locationId: $locationId) {
          quantities(names: ["available"]) {
            name
            quantity
          }
        }
      }
    }
  }
`);

export interface AdjustChange {
  inventoryItemId: string;
  locationId: string;
  delta: number;
  /** The quantity read before: the write applies only if Shopify still holds it (null skips the check). */
  changeFromQuantity: number | null;
  ledgerDocumentUri?: string;
}

interface AdjustData {
  inventoryAdjustQuantities: {
    inventoryAdjustmentGroup: {
      id: string;
      reason: string;
      referenceDocumentUri: string | null;
      changes: { name: string; delta: number; quantityAfterChange: number | null; item: { id: string } | null }[];
    } | null;
    userErrors: (UserError & { code: string | null })[];
  } | null;
}

interface AdjustVariables {
  key: string;
  input: { name: string; reason: string; referenceDocumentUri: string; changes: AdjustChange[] };
}

export const INVENTORY_ADJUST = adminDocument<AdjustData, AdjustVariables>(`#graphql
  mutation InventoryAdjust($input: InventoryAdjustQuantitiesInput!, $key: String!) {
    inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
      inventoryAdjustmentGroup {
        id
        reason
        referenceDocumentUri
        changes(quantityNames: ["available"]) {
          name
          delta
          quantityAfterChange
          item {
            id
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

interface TransferData {
  inventoryTransferCreate: {
    inventoryTransfer: { id: string; name: string; status: string } | null;
    userErrors: (UserError & { code: string | null })[];
  } | null;
}

interface TransferVariables {
  key: string;
  input: {
    originLocationId: string;
    destinationLocationId: string;
    lineItems: { inventoryItemId: string; quantity: number }[];
    referenceName: string;
    note: string;
    tags: string[];
  };
}

export const INVENTORY_TRANSFER_CREATE = adminDocument<TransferData, TransferVariables>(`#graphql
  mutation InventoryTransferDraft($input: InventoryTransferCreateInput!, $key: String!) {
    inventoryTransferCreate(input: $input) @idempotent(key: $key) {
      inventoryTransfer {
        id
        name
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export type ReadAvailable =
  | { ok: true; available: Map<string, number | null> }
  | { ok: false; code: "LOCATION_NOT_FOUND" | "REQUEST_FAILED"; message: string; error?: AdminApiError };

/** Available units of each item at a location (null: the item is not stocked there or does not exist). */
export async function readAvailable(
  gateway: AdminGateway,
  locationGid: string,
  itemIds: string[],
): Promise<ReadAvailable> {
  const available = new Map<string, number | null>(itemIds.map((id) => [id, null]));
  for (let i = 0; i < itemIds.length; i += 100) {
    const res = await gateway.request(INVENTORY_AVAILABLE, { locationId: locationGid, ids: itemIds.slice(i, i + 100) });
    if (!res.ok)
      return {
        ok: false,
        code: "REQUEST_FAILED",
        message: `${res.error.code}: ${res.error.message}`,
        error: res.error,
      };
    if (!res.value.location)
      return { ok: false, code: "LOCATION_NOT_FOUND", message: `Location ${locationGid} does not exist in Shopify.` };
    for (const node of res.value.nodes) {
      if (!node || !("id" in node)) continue;
      const q = node.inventoryLevel?.quantities.find((x) => x.name === "available");
      available.set(node.id, q ? q.quantity : null);
    }
  }
  return { ok: true, available };
}

export type AdjustResult =
  | { ok: true; groupId: string; after: Map<string, number | null> }
  | { ok: false; kind: "stale" | "retry" | "rejected"; code: string; message: string };

/** Codes after which the same request can be sent again later (nothing was applied). */
const RETRY_CODES = new Set(["IDEMPOTENCY_CONCURRENT_REQUEST", "SERVICE_UNAVAILABLE"]);
/** Codes after which the quantities must be read again and the change sent under a new key. */
const STALE_CODES = new Set(["CHANGE_FROM_QUANTITY_STALE", "IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED"]);

/** One inventoryAdjustQuantities call on "available", all changes or none. */
export async function adjustAvailable(
  gateway: AdminGateway,
  input: { key: string; reason: string; referenceDocumentUri: string; changes: AdjustChange[] },
): Promise<AdjustResult> {
  const res = await gateway.request(INVENTORY_ADJUST, {
    key: input.key,
    input: {
      name: "available",
      reason: input.reason,
      referenceDocumentUri: input.referenceDocumentUri,
      changes: input.changes,
    },
  });
  if (!res.ok) return { ok: false, kind: "retry", code: res.error.code, message: res.error.message };
  const payload = res.value.inventoryAdjustQuantities;
  const errors = payload?.userErrors ?? [];
  if (errors.length > 0 || !payload?.inventoryAdjustmentGroup) {
    const code = errors.find((e) => e.code)?.code ?? "ADJUST_QUANTITIES_FAILED";
    const message = errors.map((e) => e.message).join("; ") || "Shopify did not adjust the quantities.";
    return {
      ok: false,
      kind: STALE_CODES.has(code) ? "stale" : RETRY_CODES.has(code) ? "retry" : "rejected",
      code,
      message,
    };
  }
  const after = new Map<string, number | null>();
  for (const c of payload.inventoryAdjustmentGroup.changes)
    if (c.name === "available" && c.item) after.set(c.item.id, c.quantityAfterChange);
  return { ok: true, groupId: payload.inventoryAdjustmentGroup.id, after };
}

export type TransferResult =
  { ok: true; id: string; name: string; status: string } | { ok: false; retry: boolean; code: string; message: string };

export async function createDraftTransfer(
  gateway: AdminGateway,
  variables: TransferVariables,
): Promise<TransferResult> {
  const res = await gateway.request(INVENTORY_TRANSFER_CREATE, variables);
  if (!res.ok) return { ok: false, retry: true, code: res.error.code, message: res.error.message };
  const payload = res.value.inventoryTransferCreate;
  const errors = payload?.userErrors ?? [];
  if (errors.length > 0 || !payload?.inventoryTransfer) {
    const code = errors.find((e) => e.code)?.code ?? "TRANSFER_NOT_CREATED";
    return {
      ok: false,
      retry: RETRY_CODES.has(code),
      code,
      message: errors.map((e) => e.message).join("; ") || "Shopify did not create the transfer.",
    };
  }
  return { ok: true, ...payload.inventoryTransfer };
}
