// The emulator's inventory writes with the Admin API 2026-04 semantics:
// - inventoryAdjustQuantities: `@idempotent(key:)` is required; every change must state `changeFromQuantity`
//   (null skips the check) and the whole call fails with CHANGE_FROM_QUANTITY_STALE when a quantity moved;
//   all changes apply or none; adjusting "available" moves "on_hand" by the same delta.
// - inventoryTransferCreate: `@idempotent(key:)` is required; creates a DRAFT transfer (no stock moves).
// - Idempotency: the same key with the same arguments returns the first answer and applies nothing again;
//   with other arguments IDEMPOTENCY_KEY_PARAMETER_MISMATCH; after a failed first attempt
//   IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED (shopify.dev/docs/api/usage/implementing-idempotency).
// What real Shopify answers when the directive is missing is not documented beyond "an error": here a
// top-level GraphQL error.
import { createHash } from "node:crypto";
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import type { EmulatorState } from "./state.server";

export interface EmuAdjustmentGroup {
  id: string;
  createdAt: string;
  reason: string;
  referenceDocumentUri: string | null;
  changes: {
    name: string;
    delta: number;
    quantityAfterChange: number;
    inventoryItemId: string;
    locationId: string;
    ledgerDocumentUri: string | null;
  }[];
}

export interface EmuTransfer {
  id: string;
  name: string;
  status: "DRAFT";
  createdAt: string;
  originLocationId: string;
  destinationLocationId: string;
  referenceName: string | null;
  note: string | null;
  tags: string[];
  lineItems: { inventoryItemId: string; quantity: number }[];
}

interface Stored {
  mutation: string;
  fingerprint: string;
  failed: boolean;
  result: unknown;
}

interface InventoryStore {
  groups: EmuAdjustmentGroup[];
  transfers: EmuTransfer[];
  keys: Map<string, Stored>;
  /** Mutations executed (replays excluded), for tests. */
  applied: number;
}

const stores = new WeakMap<EmulatorState, InventoryStore>();

/** The emulator's adjustment groups, transfers and idempotency keys (kept beside its state). */
export function inventoryStore(state: EmulatorState): InventoryStore {
  let s = stores.get(state);
  if (!s) stores.set(state, (s = { groups: [], transfers: [], keys: new Map(), applied: 0 }));
  return s;
}

const REASONS = new Set([
  "correction",
  "cycle_count_available",
  "damaged",
  "movement_canceled",
  "movement_created",
  "movement_received",
  "movement_updated",
  "other",
  "promotion",
  "quality_control",
  "received",
  "reservation_created",
  "reservation_deleted",
  "reservation_updated",
  "restock",
  "safety_stock",
  "shrinkage",
]);
const MAX_QUANTITY = 1_000_000_000;
const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;

interface UserErrorOut {
  field: string[] | null;
  message: string;
  code: string;
}

/** The key of the field's `@idempotent(key:)`, or null when the directive is absent. */
export function idempotencyKeyOf(info: GraphQLResolveInfo): string | null {
  const directive = info.fieldNodes[0]?.directives?.find((d) => d.name.value === "idempotent");
  const arg = directive?.arguments?.find((a) => a.name.value === "key");
  if (!arg) return null;
  const v = arg.value;
  const key = v.kind === "Variable" ? info.variableValues[v.name.value] : v.kind === "StringValue" ? v.value : null;
  return typeof key === "string" ? key : null;
}

function requireKey(info: GraphQLResolveInfo, mutation: string): string {
  const key = idempotencyKeyOf(info);
  if (key === null) {
    throw new GraphQLError(
      `${mutation} requires an idempotency key from API version 2026-04: add @idempotent(key: "...").`,
      {
        extensions: { code: "BAD_REQUEST" },
      },
    );
  }
  if (key.trim() === "")
    throw new GraphQLError("The idempotency key cannot be empty.", { extensions: { code: "BAD_REQUEST" } });
  return key;
}

const fingerprint = (args: unknown) => createHash("sha256").update(JSON.stringify(args)).digest("hex");

/** Runs `run` once per key; a replay returns the stored answer (payload without the userErrors field). */
function idempotent<T extends { userErrors: UserErrorOut[] }>(
  state: EmulatorState,
  mutation: string,
  key: string,
  args: unknown,
  run: () => T,
): T | { userErrors: UserErrorOut[] } {
  const store = inventoryStore(state);
  const fp = fingerprint(args);
  const previous = store.keys.get(`${mutation}|${key}`);
  if (previous) {
    if (previous.fingerprint !== fp) {
      return {
        userErrors: [
          {
            field: null,
            message: "The same idempotency key cannot be used with different operation parameters.",
            code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
          },
        ],
      };
    }
    if (previous.failed) {
      return {
        userErrors: [
          {
            field: null,
            message: "A previous attempt with this idempotency key failed: use a new key.",
            code: "IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED",
          },
        ],
      };
    }
    return previous.result as T;
  }
  const result = run();
  store.keys.set(`${mutation}|${key}`, { mutation, fingerprint: fp, failed: result.userErrors.length > 0, result });
  return result;
}

export interface AdjustArgs {
  input: {
    name: string;
    reason: string;
    referenceDocumentUri?: string | null;
    changes: {
      inventoryItemId: string;
      locationId: string;
      delta: number;
      changeFromQuantity?: number | null;
      ledgerDocumentUri?: string | null;
    }[];
  };
}

export function inventoryAdjustQuantities(state: EmulatorState, args: AdjustArgs, info: GraphQLResolveInfo, now: Date) {
  const key = requireKey(info, "inventoryAdjustQuantities");
  return idempotent(state, "inventoryAdjustQuantities", key, args, () => adjust(state, args.input, now));
}

function adjust(
  state: EmulatorState,
  input: AdjustArgs["input"],
  now: Date,
): { group: EmuAdjustmentGroup | null; userErrors: UserErrorOut[] } {
  const errors: UserErrorOut[] = [];
  const fail = (field: string[] | null, message: string, code: string) => ({
    group: null,
    userErrors: [...errors, { field, message, code }],
  });
  if (!REASONS.has(input.reason))
    return fail(
      ["input", "reason"],
      "The quantity couldn't be updated because the reason is invalid.",
      "INVALID_REASON",
    );
  if (input.name !== "available" && input.name !== "on_hand")
    return fail(["input", "name"], "The quantity name must be available or on_hand.", "INVALID_QUANTITY_NAME");
  if (input.referenceDocumentUri != null && !URI.test(input.referenceDocumentUri)) {
    return fail(
      ["input", "referenceDocumentUri"],
      "The reference document URI is not a valid URI.",
      "INVALID_REFERENCE_DOCUMENT",
    );
  }
  const levels = input.changes.map((c, i) => {
    const at = (f: string) => ["input", "changes", String(i), f];
    if (!("changeFromQuantity" in c)) {
      errors.push({
        field: at("changeFromQuantity"),
        message: "changeFromQuantity is required: pass the quantity you expect, or null to skip the check.",
        code: "ADJUST_QUANTITIES_FAILED",
      });
      return null;
    }
    if (!state.variantByItem.has(c.inventoryItemId)) {
      errors.push({
        field: at("inventoryItemId"),
        message: "The specified inventory item could not be found.",
        code: "INVALID_INVENTORY_ITEM",
      });
      return null;
    }
    if (!state.locations.some((l) => l.id === c.locationId)) {
      errors.push({
        field: at("locationId"),
        message: "The specified location could not be found.",
        code: "INVALID_LOCATION",
      });
      return null;
    }
    const level = state.levels.find((l) => l.inventoryItemId === c.inventoryItemId && l.locationId === c.locationId);
    if (!level) {
      errors.push({
        field: at("locationId"),
        message: "The inventory item is not stocked at the location.",
        code: "ITEM_NOT_STOCKED_AT_LOCATION",
      });
      return null;
    }
    if (
      c.ledgerDocumentUri != null &&
      (!URI.test(c.ledgerDocumentUri) || c.ledgerDocumentUri.startsWith("gid://shopify/"))
    ) {
      errors.push({
        field: at("ledgerDocumentUri"),
        message: "The ledger document URI is not valid.",
        code: "INVALID_LEDGER_DOCUMENT",
      });
      return null;
    }
    const current = input.name === "available" ? level.available : level.onHand;
    if (c.changeFromQuantity != null && c.changeFromQuantity !== current) {
      errors.push({
        field: at("changeFromQuantity"),
        message: "The changeFromQuantity argument no longer matches the persisted quantity.",
        code: "CHANGE_FROM_QUANTITY_STALE",
      });
      return null;
    }
    const after = current + c.delta;
    if (after > MAX_QUANTITY)
      errors.push({
        field: at("delta"),
        message: "The quantity can't be higher than 1,000,000,000.",
        code: "INVALID_QUANTITY_TOO_HIGH",
      });
    if (after < -MAX_QUANTITY)
      errors.push({
        field: at("delta"),
        message: "The quantity can't be lower than -1,000,000,000.",
        code: "INVALID_QUANTITY_TOO_LOW",
      });
    return level;
  });
  if (errors.length > 0) return { group: null, userErrors: errors };
  const store = inventoryStore(state);
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const changes: EmuAdjustmentGroup["changes"] = [];
  input.changes.forEach((c, i) => {
    const level = levels[i]!;
    level.available += c.delta;
    level.onHand += c.delta;
    level.updatedAt = stamp;
    const ledger = c.ledgerDocumentUri ?? null;
    changes.push({
      name: "available",
      delta: c.delta,
      quantityAfterChange: level.available,
      inventoryItemId: c.inventoryItemId,
      locationId: c.locationId,
      ledgerDocumentUri: ledger,
    });
    changes.push({
      name: "on_hand",
      delta: c.delta,
      quantityAfterChange: level.onHand,
      inventoryItemId: c.inventoryItemId,
      locationId: c.locationId,
      ledgerDocumentUri: ledger,
    });
  });
  const group: EmuAdjustmentGroup = {
    id: `gid://shopify/InventoryAdjustmentGroup/${store.groups.length + 1}`,
    createdAt: stamp,
    reason: input.reason,
    referenceDocumentUri: input.referenceDocumentUri ?? null,
    changes,
  };
  store.groups.push(group);
  store.applied++;
  return { group, userErrors: [] };
}

export interface TransferArgs {
  input: {
    originLocationId?: string | null;
    destinationLocationId?: string | null;
    lineItems: { inventoryItemId: string; quantity: number }[];
    referenceName?: string | null;
    note?: string | null;
    tags?: string[] | null;
    dateCreated?: string | null;
  };
}

export function inventoryTransferCreate(state: EmulatorState, args: TransferArgs, info: GraphQLResolveInfo, now: Date) {
  const key = requireKey(info, "inventoryTransferCreate");
  return idempotent(state, "inventoryTransferCreate", key, args, () => createTransfer(state, args.input, now));
}

function createTransfer(
  state: EmulatorState,
  input: TransferArgs["input"],
  now: Date,
): { transfer: EmuTransfer | null; userErrors: UserErrorOut[] } {
  const errors: UserErrorOut[] = [];
  const known = (id: string | null | undefined) => !!id && state.locations.some((l) => l.id === id);
  if (input.originLocationId != null && !known(input.originLocationId))
    errors.push({
      field: ["input", "originLocationId"],
      message: "The location could not be found.",
      code: "LOCATION_NOT_FOUND",
    });
  if (input.destinationLocationId != null && !known(input.destinationLocationId))
    errors.push({
      field: ["input", "destinationLocationId"],
      message: "The location could not be found.",
      code: "LOCATION_NOT_FOUND",
    });
  if (input.originLocationId && input.originLocationId === input.destinationLocationId) {
    errors.push({
      field: ["input", "destinationLocationId"],
      message: "The origin location cannot be the same as the destination location.",
      code: "TRANSFER_ORIGIN_CANNOT_BE_THE_SAME_AS_DESTINATION",
    });
  }
  const seen = new Set<string>();
  input.lineItems.forEach((l, i) => {
    const at = (f: string) => ["input", "lineItems", String(i), f];
    if (!state.variantByItem.has(l.inventoryItemId))
      errors.push({
        field: at("inventoryItemId"),
        message: "The inventory item could not be found.",
        code: "ITEM_NOT_FOUND",
      });
    if (seen.has(l.inventoryItemId))
      errors.push({ field: at("inventoryItemId"), message: "The item is listed twice.", code: "DUPLICATE_ITEM" });
    seen.add(l.inventoryItemId);
    if (!(Number.isInteger(l.quantity) && l.quantity > 0))
      errors.push({ field: at("quantity"), message: "The quantity must be greater than 0.", code: "INVALID_QUANTITY" });
  });
  if (errors.length > 0) return { transfer: null, userErrors: errors };
  const store = inventoryStore(state);
  const n = store.transfers.length + 1;
  const transfer: EmuTransfer = {
    id: `gid://shopify/InventoryTransfer/${n}`,
    name: `#T${String(n).padStart(4, "0")}`,
    status: "DRAFT",
    createdAt: input.dateCreated ?? now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    originLocationId: input.originLocationId!,
    destinationLocationId: input.destinationLocationId!,
    referenceName: input.referenceName ?? null,
    note: input.note ?? null,
    tags: input.tags ?? [],
    lineItems: input.lineItems.map((l) => ({ ...l })),
  };
  store.transfers.push(transfer);
  store.applied++;
  return { transfer, userErrors: [] };
}

/** What the views need from the query root (app/emulator/views.server.ts). */
interface RootViews {
  inventoryItem: (a: { id: string }) => object | null;
  location: (a: { id?: string }) => object | null;
}

function groupView(g: EmuAdjustmentGroup, root: RootViews): object {
  return {
    __typename: "InventoryAdjustmentGroup",
    id: g.id,
    createdAt: g.createdAt,
    reason: g.reason,
    referenceDocumentUri: g.referenceDocumentUri,
    app: null,
    staffMember: null,
    changes: (a: {
      inventoryItemIds?: string[] | null;
      locationIds?: string[] | null;
      quantityNames?: string[] | null;
    }) =>
      g.changes
        .filter(
          (c) =>
            (!a.quantityNames || a.quantityNames.includes(c.name)) &&
            (!a.inventoryItemIds || a.inventoryItemIds.includes(c.inventoryItemId)) &&
            (!a.locationIds || a.locationIds.includes(c.locationId)),
        )
        .map((c) => ({
          __typename: "InventoryChange",
          name: c.name,
          delta: c.delta,
          quantityAfterChange: c.quantityAfterChange,
          ledgerDocumentUri: c.ledgerDocumentUri,
          item: () => root.inventoryItem({ id: c.inventoryItemId }),
          location: () => root.location({ id: c.locationId }),
        })),
  };
}

function transferView(t: EmuTransfer, root: RootViews): object {
  const snapshot = (id: string) => ({
    __typename: "LocationSnapshot",
    name: (root.location({ id }) as { name?: string } | null)?.name ?? "",
    snapshottedAt: t.createdAt,
    location: () => root.location({ id }),
  });
  const total = t.lineItems.reduce((s, l) => s + l.quantity, 0);
  return {
    __typename: "InventoryTransfer",
    id: t.id,
    name: t.name,
    status: t.status,
    dateCreated: t.createdAt,
    referenceName: t.referenceName,
    note: t.note,
    tags: t.tags,
    totalQuantity: total,
    receivedQuantity: 0,
    hasTimelineComment: false,
    origin: t.originLocationId ? snapshot(t.originLocationId) : null,
    destination: t.destinationLocationId ? snapshot(t.destinationLocationId) : null,
  };
}

/** Mutations of this module, as resolvers of the emulator's mutation root. */
export function inventoryMutationRoot(state: EmulatorState, now: () => Date, root: RootViews): object {
  return {
    inventoryAdjustQuantities: (args: AdjustArgs, _ctx: unknown, info: GraphQLResolveInfo) => {
      const r = inventoryAdjustQuantities(state, args, info, now());
      return {
        inventoryAdjustmentGroup: "group" in r && r.group ? groupView(r.group, root) : null,
        userErrors: r.userErrors,
      };
    },
    inventoryTransferCreate: (args: TransferArgs, _ctx: unknown, info: GraphQLResolveInfo) => {
      const r = inventoryTransferCreate(state, args, info, now());
      return {
        inventoryTransfer: "transfer" in r && r.transfer ? transferView(r.transfer, root) : null,
        userErrors: r.userErrors,
      };
    },
  };
}

/** Queries of this module, for the emulator's query root. */
export function inventoryQueryRoot(state: EmulatorState, root: RootViews): object {
  return {
    inventoryTransfer: ({ id }: { id: string }) => {
      const t = inventoryStore(state).transfers.find((x) => x.id === id);
      return t ? transferView(t, root) : null;
    },
  };
}
