/* global console, process */
// Theme Check on the theme app extension, with Shopify's theme-app-extension configuration (asset budgets,
// app block rules). `npm run lint:theme`; CI runs it. Exits 1 on any error (severity 0), prints everything.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { check } from "@shopify/theme-check-node";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const extension = path.join(root, "extensions", "availability-signal");
const config = path.join(root, "node_modules", "@shopify", "theme-check-node", "configs", "theme-app-extension.yml");
const SEVERITY = ["error", "warning", "info"];

const offenses = await check(extension, config);
for (const o of offenses) {
  const file = path.relative(root, fileURLToPath(o.uri));
  console.log(`${SEVERITY[o.severity] ?? o.severity} ${o.check} ${file}:${(o.start?.line ?? 0) + 1} ${o.message}`);
}
const errors = offenses.filter((o) => o.severity === 0).length;
console.log(`theme-check: ${offenses.length} offenses, ${errors} errors (${path.relative(root, extension)})`);
process.exit(errors > 0 ? 1 : 0);
