// Writes a Shopify-format orders and products export of the simulated shop, to try the CLI on realistic volumes:
//   npx tsx tests/bench/shopify-export.ts /tmp/sim 5
//   npm run cli -- forecast --orders /tmp/sim/orders_export.csv --products /tmp/sim/products_export.csv --out /tmp/sim/forecast.json
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateShop } from "~/demo/simulator";
import { ordersCsv, productsCsv } from "../factories/shopify-csv";

const [dir = "/tmp/pilotage-export", seed = "5"] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
const shop = generateShop({ seed: Number(seed), variants: 600, days: 730 });
writeFileSync(path.join(dir, "orders_export.csv"), ordersCsv(shop));
writeFileSync(path.join(dir, "products_export.csv"), productsCsv(shop));
process.stderr.write(`wrote ${shop.orders.length} orders and ${shop.products.length} products to ${dir}\n`);
