import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { GraphQLSchema } from "graphql";
import { adminSchema } from "~/emulator/admin-schema.server";
import { documentProblems, findGraphqlDocuments } from "./documents";

let schema: GraphQLSchema;
beforeAll(() => {
  schema = adminSchema();
});

describe("every #graphql document in app/ against Shopify's Admin schema (2025-01, @shopify/dev-mcp@1.1.0)", () => {
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
