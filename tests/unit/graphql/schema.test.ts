import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { GraphQLSchema } from "graphql";
import { ApiVersion } from "@shopify/shopify-api";
import { parse as parseToml } from "smol-toml";
import { adminSchema, adminSchemaPath } from "~/emulator/admin-schema.server";
import { adminEndpoint } from "~/shopify/admin-gateway.server";
import { API_VERSION } from "~/scopes";
import { documentProblems, findGraphqlDocuments } from "./documents";

let schema: GraphQLSchema;
beforeAll(() => {
  schema = adminSchema();
});

describe("the Admin schema is the one of the version the app declares", () => {
  it("uses one version for requests, webhooks, the library and the schema file", () => {
    // GIVEN the declared version, the toml's webhook version, the gateway's endpoint and the schema file loaded
    const toml = parseToml(readFileSync(path.resolve("shopify.app.toml"), "utf8")) as {
      webhooks: { api_version: string };
    };
    const file = path.basename(adminSchemaPath());
    // THEN they are all the same version, and the library knows it
    expect(toml.webhooks.api_version).toBe(API_VERSION);
    expect(adminEndpoint("a.myshopify.com")).toContain(`/admin/api/${API_VERSION}/`);
    expect(Object.values(ApiVersion)).toContain(API_VERSION);
    expect(file).toBe(`admin_${API_VERSION}.json.gz`);
  });

  it("is that version's content: it has what the version added and what the next one removed", () => {
    // GIVEN mutations that tell versions apart (a new declared version needs its line here)
    const fingerprint: Record<string, { added: string[]; removedNext: string[] }> = {
      "2026-04": { added: ["cashDrawerCreate", "channelFullSync"], removedNext: ["inventorySetScheduledChanges"] },
    };
    const mark = fingerprint[API_VERSION];
    expect(mark, `no fingerprint for ${API_VERSION}`).toBeDefined();
    // WHEN looking them up in the loaded schema THEN all are there, and so is the @idempotent directive (2026-01+)
    const mutations = schema.getMutationType()!.getFields();
    for (const name of [...mark.added, ...mark.removedNext]) expect(mutations[name], name).toBeDefined();
    expect(schema.getDirective("idempotent")).toBeDefined();
  });
});

describe(`every #graphql document in app/ against Shopify's Admin schema (${API_VERSION}, @shopify/dev-mcp)`, () => {
  const documents = findGraphqlDocuments(path.resolve("app"));

  it("finds the gateway's documents", () => {
    // GIVEN the app's sources WHEN scanned THEN the gateway's operations are among the documents found
    const names = documents.map((d) => /\b(?:query|mutation)\s+(\w+)/.exec(d.source)?.[1]);
    for (const expected of [
      "ShopInfo",
      "ProductsPage",
      "ProductVariantsPage",
      "LocationsPage",
      "InventoryLevelsPage",
      "OrdersPage",
      "OrderLineItemsPage",
      "BulkRunQuery",
      "CurrentBulkOperation",
      "BulkCatalog",
      "BulkInventory",
      "BulkOrders",
      "VariantPricesUpdate",
      "AppMetafieldsSet",
    ]) {
      expect(names).toContain(expected);
    }
  });

  it.each(documents.map((d) => [`${d.file}:${d.line}`, d] as const))("%s is valid", (_where, doc) => {
    // GIVEN a document found in app/ WHEN validated against the Admin schema THEN there is no problem
    expect(documentProblems(schema, doc.source)).toEqual([]);
  });

  it("rejects a field that does not exist, a bad argument and interpolation", () => {
    // GIVEN documents with mistakes WHEN validated THEN each is reported (the check above has teeth)
    expect(documentProblems(schema, "query A { shop { name currencyCodee } }")[0]).toMatch(/currencyCodee/);
    expect(documentProblems(schema, "query B { products(frist: 5) { nodes { id } } }").join(" ")).toMatch(/frist/);
    expect(documentProblems(schema, "query C { shop { ${'name'} } }")[0]).toMatch(/interpolation/);
    expect(documentProblems(schema, "query D { shop { name }")[0]).toMatch(/syntax/);
  });
});
