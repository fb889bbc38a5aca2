// The emulator's productVariants(query: "sku:...") honours the SKU filter, as the Admin API does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimShop } from "~/demo/simulator";
import type { Emulator } from "~/emulator/server.server";
import { emulatorFor, gatewayFor, smallShop } from "./support";

let sim: SimShop;
let emulator: Emulator;

beforeAll(async () => {
  sim = smallShop();
  emulator = await emulatorFor(sim);
});
afterAll(async () => {
  await emulator.stop();
});

const QUERY = "query Skus($q: String) { productVariants(first: 50, query: $q) { nodes { id sku } } }";

async function skusFor(q: string | null): Promise<string[]> {
  const result = await gatewayFor(emulator).request<
    { productVariants: { nodes: { sku: string }[] } },
    { q: string | null }
  >({ query: QUERY, name: "Skus" }, { q });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.productVariants.nodes.map((n) => n.sku);
}

describe("emulator search", () => {
  it("GIVEN a SKU WHEN productVariants is searched with sku:<SKU> THEN only that variant comes back, in any letter case", async () => {
    // GIVEN two SKUs of the simulated shop
    const all = sim.products.flatMap((p) => p.variants.map((v) => v.sku)).filter((s): s is string => !!s);
    const [one, two] = all;
    // WHEN / THEN
    expect(await skusFor(`sku:${one}`)).toEqual([one]);
    expect(await skusFor(`sku:${one.toLowerCase()}`)).toEqual([one]);
    expect(await skusFor(`sku:"${two}"`)).toEqual([two]);
    expect(await skusFor("sku:NO-SUCH-SKU")).toEqual([]);
    // AND a prefix with * matches every SKU that starts with it; no query lists every variant
    const prefix = one.slice(0, 4);
    expect((await skusFor(`sku:${prefix}*`)).sort()).toEqual(
      all
        .filter((s) => s.toLowerCase().startsWith(prefix.toLowerCase()))
        .slice(0, 50)
        .sort(),
    );
    expect((await skusFor(null)).length).toBe(Math.min(50, all.length));
  });
});
