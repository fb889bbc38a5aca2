// Settings shows the shop's full recompute: its progress while a run is under way and when the last one finished
// (GET /app/recompute, read by the RecomputeCard), for the signed-in shop only.
import { beforeAll, describe, expect, it } from "vitest";
import { harness, type Harness } from "../replenishment/support";

const SHOP = "recompute-progress.myshopify.com";
const OTHER = "recompute-other.myshopify.com";
let h: Harness;
let shopId: string;

async function status(shop: string) {
  const res = await h.call("app.recompute", "loader", h.request(shop, "/app/recompute"));
  expect(res.status).toBe(200);
  return ((await res.json()) as { status: Record<string, unknown> | null }).status;
}

beforeAll(async () => {
  h = await harness();
  await h.install(SHOP);
  await h.install(OTHER);
  shopId = (await h.seedCatalogue(SHOP)).shopId;
});

describe("recompute progress in Settings", () => {
  it("GIVEN a shop never recomputed WHEN Settings reads the progress THEN there is none", async () => {
    // GIVEN / WHEN / THEN
    expect(await status(SHOP)).toBeNull();
  });

  it("GIVEN a chunked run half done after a published one WHEN read THEN it shows the parts and variants done and when the last run finished", async () => {
    // GIVEN a published run and a newer one with 2 of 4 chunks written
    const publishedAt = new Date("2026-12-04T02:10:00Z");
    await h.prisma.recomputeRun.create({
      data: { shopId, version: 1, status: "published", variants: 400, variantsDone: 400, publishedAt },
    });
    await h.prisma.recomputeRun.create({
      data: { shopId, version: 2, status: "deciding", variants: 400, variantsDone: 200, chunksTotal: 4, chunksDone: 2 },
    });
    // WHEN
    const s = await status(SHOP);
    // THEN
    expect(s).toMatchObject({
      version: 2,
      status: "deciding",
      variants: 400,
      variantsDone: 200,
      chunksTotal: 4,
      chunksDone: 2,
      lastPublishedAt: publishedAt.toISOString(),
    });
    // AND another shop sees nothing of it
    expect(await status(OTHER)).toBeNull();
  });

  it("GIVEN a chunked run still reading histories WHEN read THEN it shows the context parts read", async () => {
    // GIVEN a newer run building its context in 8 parts, 3 of them done
    await h.prisma.recomputeRun.create({
      data: { shopId, version: 3, status: "building", variants: 16000, partsTotal: 8, partsDone: 3 },
    });
    // WHEN
    const s = await status(SHOP);
    // THEN
    expect(s).toMatchObject({ version: 3, status: "building", partsTotal: 8, partsDone: 3, variantsDone: 0 });
  });
});
