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

/**
 * SHA-256 of JSON.stringify(rows), hashed piece by piece: the same digest, without building one string (a 100k
 * variant shop's rows are longer than the longest string V8 allows).
 */
export function digest(rows: unknown): string {
  const hash = createHash("sha256");
  const feed = (v: unknown): void => {
    if (Array.isArray(v)) {
      hash.update("[");
      v.forEach((item, i) => {
        if (i > 0) hash.update(",");
        if (item === undefined || typeof item === "function" || typeof item === "symbol") hash.update("null");
        else feed(item);
      });
      hash.update("]");
    } else if (
      v !== null &&
      typeof v === "object" &&
      !("toJSON" in v) &&
      Object.getPrototypeOf(v) === Object.prototype
    ) {
      hash.update("{");
      let first = true;
      for (const [k, item] of Object.entries(v)) {
        const text = item !== null && typeof item === "object" ? null : JSON.stringify(item);
        if (text === undefined) continue; // undefined, functions and symbols are left out, as JSON.stringify does
        hash.update(`${first ? "" : ","}${JSON.stringify(k)}:`);
        first = false;
        if (text === null) feed(item);
        else hash.update(text);
      }
      hash.update("}");
    } else hash.update(JSON.stringify(v) ?? "null");
  };
  feed(rows);
  return hash.digest("hex");
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
