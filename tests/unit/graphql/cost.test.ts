import { getOperationAST, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { adminSchema } from "~/emulator/admin-schema.server";
import { actualCost, LeakyBucket, requestedCost, type CostInput } from "~/emulator/cost.server";
import { ORDERS_PAGE } from "~/shopify/orders.server";
import { PRODUCTS_PAGE } from "~/shopify/catalog.server";
import { CostBucket } from "~/shopify/throttle.server";

const input = (query: string, variables: Record<string, unknown> = {}): CostInput => {
  const document = parse(query);
  return { schema: adminSchema(), operation: getOperationAST(document)!, fragments: {}, variables };
};

describe("emulator query cost (Shopify's rules, approximated)", () => {
  it("charges 1 per object, 2 + first x node per connection, 10 per mutation", () => {
    // GIVEN small documents WHEN costed THEN the documented rules apply
    expect(requestedCost(input("query { shop { name } }"))).toBe(1);
    expect(requestedCost(input("query { products(first: 5) { nodes { id } pageInfo { hasNextPage } } }"))).toBe(
      2 + 5 * 1,
    );
    expect(
      requestedCost(
        input("query($n: Int!) { products(first: $n) { edges { node { id variants(first: 3) { nodes { id } } } } } }", {
          n: 4,
        }),
      ),
    ).toBe(2 + 4 * (1 + 2 + 3 * 1));
    expect(requestedCost(input("mutation { metafieldsSet(metafields: []) { userErrors { message } } }"))).toBe(10);
  });

  it("keeps the gateway's page documents under the 1000-point single-query limit", () => {
    // GIVEN the default page sizes WHEN costed THEN each fits one query
    expect(requestedCost(input(PRODUCTS_PAGE.query, { first: 10, variantsFirst: 20 }))).toBeLessThanOrEqual(1000);
    expect(requestedCost(input(ORDERS_PAGE.query, { first: 3, linesFirst: 10 }))).toBeLessThanOrEqual(1000);
  });

  it("the actual cost counts what came back", () => {
    // GIVEN a request for 5 products of which 2 came back WHEN the actual cost is taken THEN 2 + 2
    const i = input("query { products(first: 5) { nodes { id } } }");
    expect(actualCost(i, { products: { nodes: [{ id: "a" }, { id: "b" }] } }, requestedCost(i))).toBe(4);
  });
});

describe("leaky buckets", () => {
  it("the server bucket refuses what it lacks and restores at its rate", () => {
    // GIVEN a 100-point bucket restoring 10/s
    let t = 0;
    const bucket = new LeakyBucket({ maximumAvailable: 100, restoreRate: 10 }, () => t);
    // WHEN 80 then 30 points are taken THEN the second is refused until 1 s has passed
    expect(bucket.take(80)).toBe(true);
    expect(bucket.take(30)).toBe(false);
    t = 1000;
    expect(bucket.take(30)).toBe(true);
    expect(bucket.status()).toEqual({ maximumAvailable: 100, currentlyAvailable: 0, restoreRate: 10 });
  });

  it("the client mirror waits exactly the restore time, and not at all before it knows the bucket", () => {
    // GIVEN a fresh mirror THEN no wait; WHEN the server reports 20 of 100 at 10/s THEN a 50-point query waits 3 s
    let t = 0;
    const mirror = new CostBucket(() => t);
    expect(mirror.waitMs(500)).toBe(0);
    mirror.observe({ maximumAvailable: 100, currentlyAvailable: 20, restoreRate: 10 });
    expect(mirror.waitMs(50)).toBe(3000);
    // AND a reservation in flight delays the next caller until released; a cost above the bucket waits for a full one
    mirror.reserve(20);
    expect(mirror.waitMs(50)).toBe(5000);
    t = 10_000;
    expect(mirror.waitMs(500)).toBe(2000);
    mirror.release(20);
    expect(mirror.waitMs(500)).toBe(0);
    expect(CostBucket.refillMs({ maximumAvailable: 100, currentlyAvailable: 40, restoreRate: 20 }, 90)).toBe(2500);
  });
});
