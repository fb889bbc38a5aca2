// The emulator's inventory writes with the 2026-04 semantics, through the app's own gateway documents:
// required idempotency keys, compare-and-set on changeFromQuantity, replays applied once, draft transfers.
// Needs the 2026-04 Admin schema (ADMIN_SCHEMA_PATH, or @shopify/dev-mcp >= 1.16 once wt-fidelity lands).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "~/emulator/server.server";
import { inventoryStore } from "~/emulator/inventory.server";
import { adjustAvailable, createDraftTransfer, readAvailable, INVENTORY_ADJUST } from "~/shopify/inventory.server";
import { adminDocument } from "~/shopify/document.server";
import { emulatorFor, gatewayFor, smallShop } from "./support";

let emulator: Emulator;
let item: string;
let location: string;
let other: string;

beforeAll(async () => {
  emulator = await emulatorFor(smallShop());
  const level = emulator.state.levels[0];
  item = level.inventoryItemId;
  location = level.locationId;
  other = emulator.state.locations.find((l) => l.id !== location)!.id;
});
afterAll(async () => {
  await emulator.stop();
});

const available = async () =>
  (await readAvailable(gatewayFor(emulator), location, [item])) as { ok: true; available: Map<string, number | null> };
const change = (delta: number, changeFromQuantity: number | null) => ({
  inventoryItemId: item,
  locationId: location,
  delta,
  changeFromQuantity,
});
const uri = "gid://pilotage/PurchaseOrder/PO-0001";

describe("inventoryAdjustQuantities (2026-04)", () => {
  it("applies a change once per idempotency key, however often it is sent", async () => {
    // GIVEN the available units at a location
    const before = (await available()).available.get(item)!;
    // WHEN +5 is sent three times with the same key and the quantity read before
    const send = () =>
      adjustAvailable(gatewayFor(emulator), {
        key: "rcpt-a:1",
        reason: "received",
        referenceDocumentUri: uri,
        changes: [change(5, before)],
      });
    const results = [await send(), await send(), await send()];
    // THEN every answer is the same adjustment, and the quantity rose by 5 once
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => r.ok && r.groupId)).size).toBe(1);
    expect(results[0].ok && results[0].after.get(item)).toBe(before + 5);
    expect((await available()).available.get(item)).toBe(before + 5);
    expect(inventoryStore(emulator.state).groups.at(-1)).toMatchObject({
      reason: "received",
      referenceDocumentUri: uri,
    });
  });

  it("refuses a change whose changeFromQuantity is stale, and the key stays burnt", async () => {
    // GIVEN the quantity now
    const now = (await available()).available.get(item)!;
    // WHEN a change expects one unit less than Shopify holds
    const stale = await adjustAvailable(gatewayFor(emulator), {
      key: "rcpt-b:1",
      reason: "received",
      referenceDocumentUri: uri,
      changes: [change(3, now - 1)],
    });
    // THEN it is refused as stale and nothing moved
    expect(stale).toMatchObject({ ok: false, kind: "stale", code: "CHANGE_FROM_QUANTITY_STALE" });
    expect((await available()).available.get(item)).toBe(now);
    // AND the same key with the right quantity is refused (a new attempt needs a new key)
    const reused = await adjustAvailable(gatewayFor(emulator), {
      key: "rcpt-b:1",
      reason: "received",
      referenceDocumentUri: uri,
      changes: [change(3, now)],
    });
    expect(reused).toMatchObject({ ok: false, code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH" });
    const fresh = await adjustAvailable(gatewayFor(emulator), {
      key: "rcpt-b:2",
      reason: "received",
      referenceDocumentUri: uri,
      changes: [change(3, now)],
    });
    expect(fresh.ok).toBe(true);
  });

  it("names an unknown location and an unknown reason", async () => {
    const now = (await available()).available.get(item)!;
    const badLocation = await adjustAvailable(gatewayFor(emulator), {
      key: "rcpt-c:1",
      reason: "received",
      referenceDocumentUri: uri,
      changes: [{ ...change(1, now), locationId: "gid://shopify/Location/999999" }],
    });
    expect(badLocation).toMatchObject({ ok: false, kind: "rejected", code: "INVALID_LOCATION" });
    const badReason = await adjustAvailable(gatewayFor(emulator), {
      key: "rcpt-c:2",
      reason: "bought",
      referenceDocumentUri: uri,
      changes: [change(1, now)],
    });
    expect(badReason).toMatchObject({ ok: false, code: "INVALID_REASON" });
  });

  it("refuses the mutation without @idempotent, and a change without changeFromQuantity", async () => {
    // GIVEN the same mutation without the directive
    const bare = adminDocument<unknown, unknown>(`#graphql
      mutation InventoryAdjustBare($input: InventoryAdjustQuantitiesInput!) {
        inventoryAdjustQuantities(input: $input) {
          userErrors {
            code
          }
        }
      }
    `);
    const res = await gatewayFor(emulator).request(bare, {
      input: { name: "available", reason: "received", changes: [change(1, null)] },
    });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error.message).toMatch(/idempotency key/i);
    // AND a change that omits changeFromQuantity altogether
    const missing = await gatewayFor(emulator).request(INVENTORY_ADJUST, {
      key: "rcpt-d:1",
      input: {
        name: "available",
        reason: "received",
        referenceDocumentUri: uri,
        changes: [{ inventoryItemId: item, locationId: location, delta: 1 } as never],
      },
    });
    expect(missing.ok && missing.value.inventoryAdjustQuantities?.userErrors[0].field).toEqual([
      "input",
      "changes",
      "0",
      "changeFromQuantity",
    ]);
  });
});

describe("inventoryTransferCreate (2026-04)", () => {
  it("creates one draft per idempotency key and moves no stock", async () => {
    const before = (await available()).available.get(item)!;
    const input = {
      originLocationId: location,
      destinationLocationId: other,
      lineItems: [{ inventoryItemId: item, quantity: 4 }],
      referenceName: "Pilotage",
      note: "n",
      tags: ["pilotage"],
    };
    const a = await createDraftTransfer(gatewayFor(emulator), { key: "tr-1", input });
    const b = await createDraftTransfer(gatewayFor(emulator), { key: "tr-1", input });
    expect(a).toMatchObject({ ok: true, status: "DRAFT" });
    expect(b.ok && a.ok && b.id).toBe(a.ok && a.id);
    expect(inventoryStore(emulator.state).transfers).toHaveLength(1);
    expect((await available()).available.get(item)).toBe(before);
    const same = await createDraftTransfer(gatewayFor(emulator), {
      key: "tr-2",
      input: { ...input, destinationLocationId: location },
    });
    expect(same).toMatchObject({ ok: false, code: "TRANSFER_ORIGIN_CANNOT_BE_THE_SAME_AS_DESTINATION" });
  });
});
