// The demo's recompute output as a digest: seeds the demo shop (seed 42, 600 variants) in a temp SQLite
// database, runs a full recompute, then a one-variant recompute of a few variants, and writes every forecast
// and recommendation (without ids and timestamps) to a JSON file. Comparing the files of two commits shows
// whether a change to the recompute pipeline changed the recommendations.
// Run: npx tsx tests/bench/recompute-snapshot.ts <out.json>
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "~/db.server";
import { migrateDatabase } from "~/db/migrate.server";
import { seedDemoShop } from "~/demo/seed.server";
import { generateShop } from "~/demo/simulator";
import { recomputeShop } from "~/sync/recompute/recompute.server";
import { recomputeRows } from "../support/recompute-rows";

export function digest(rows: unknown): string {
  return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
}

async function main() {
  const out = process.argv[2] ?? "recompute-snapshot.json";
  const dir = mkdtempSync(path.join(os.tmpdir(), "pilotage-recompute-snapshot-"));
  const url = `file:${path.join(dir, "snap.db")}`;
  try {
    await migrateDatabase(url);
    const db = createPrismaClient(url);
    const seed = await seedDemoShop(db, generateShop({ seed: 42 }));
    await recomputeShop(db, seed.shopId);
    const full = await recomputeRows(db, seed.shopId);
    const ids = (
      await db.variant.findMany({ where: { shopId: seed.shopId }, select: { id: true }, orderBy: { id: "asc" } })
    )
      .map((v) => v.id)
      .filter((_, i) => i % 97 === 3);
    for (const id of ids) await recomputeShop(db, seed.shopId, { variantIds: [id] });
    const one = await recomputeRows(db, seed.shopId);
    writeFileSync(out, JSON.stringify({ full, one }, null, 1));
    console.log(`full ${digest(full)}\none-variant ${digest(one)} (${ids.length} variants)\nwritten to ${out}`);
    await db.$disconnect();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("recompute-snapshot.ts")) await main();
