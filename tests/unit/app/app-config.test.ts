import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "smol-toml";
import { API_VERSION, SCOPES } from "~/scopes";

const root = path.resolve(__dirname, "../../..");
const toml = readFileSync(path.join(root, "shopify.app.toml"), "utf8");
const config = parse(toml) as {
  access_scopes: { scopes: string };
  webhooks: { api_version: string; subscriptions: { topics?: string[]; compliance_topics?: string[]; uri: string }[] };
  app_proxy: { prefix: string; subpath: string };
};

/** Remix flat routes: /webhooks/orders/create -> app/routes/webhooks.orders.create.tsx */
const routeFile = (uri: string) =>
  path.join(root, "app", "routes", `${uri.replace(/^\//, "").replaceAll("/", ".")}.tsx`);

describe("shopify.app.toml", () => {
  it("asks for the scopes the app declares, and at least the foundation's", () => {
    // GIVEN the toml and app/scopes.ts
    const scopes = config.access_scopes.scopes.split(",");
    // THEN they are the same set, including the required ones
    expect(new Set(scopes)).toEqual(new Set(SCOPES));
    for (const s of [
      "read_products",
      "write_products",
      "read_orders",
      "read_all_orders",
      "read_inventory",
      "read_locations",
      "write_app_proxy",
    ]) {
      expect(scopes).toContain(s);
    }
  });

  it("subscribes every topic the app handles, each to an existing route named in a comment", () => {
    // GIVEN the subscriptions
    const subs = config.webhooks.subscriptions;
    const topics = subs.flatMap((s) => [...(s.topics ?? []), ...(s.compliance_topics ?? [])]);
    // THEN the API version is the app's, all topics are there, and each uri has its route file and comment
    expect(config.webhooks.api_version).toBe(API_VERSION);
    expect(topics.sort()).toEqual(
      [
        "orders/create",
        "orders/updated",
        "orders/cancelled",
        "refunds/create",
        "products/create",
        "products/update",
        "products/delete",
        "inventory_levels/update",
        "inventory_items/update",
        "bulk_operations/finish",
        "app/uninstalled",
        "app/scopes_update",
        "customers/data_request",
        "customers/redact",
        "shop/redact",
      ].sort(),
    );
    for (const s of subs) {
      const file = routeFile(s.uri);
      expect(existsSync(file), file).toBe(true);
      expect(toml).toContain(`# ${path.relative(root, file)}`);
    }
  });

  it("declares the app proxy at /apps/pilotage", () => {
    expect(config.app_proxy).toMatchObject({ prefix: "apps", subpath: "pilotage" });
  });
});
