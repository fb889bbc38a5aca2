import { afterEach, describe, expect, it } from "vitest";
import { log, setLogShop, setLogSink, withLogContext } from "~/logger.server";

describe("structured logging", () => {
  const lines: string[] = [];
  const previous = setLogSink((l) => lines.push(l));
  afterEach(() => {
    lines.length = 0;
  });

  it("writes one JSON object per line with the shop on every line", () => {
    // GIVEN a request context that learns its shop after authentication
    // WHEN lines are logged before and after
    withLogContext({ requestId: "r1" }, () => {
      log.info("before auth");
      setLogShop("a.myshopify.com");
      log.warn("after auth", { topic: "orders/create" });
    });
    log.error("outside", { err: new Error("boom") });
    // THEN every line parses and has a shop key (null when unknown)
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed.map((p) => p.shop)).toEqual([null, "a.myshopify.com", null]);
    expect(parsed[1]).toMatchObject({ level: "warn", msg: "after auth", requestId: "r1", topic: "orders/create" });
    expect(parsed[2].err.message).toBe("boom");
  });

  it("keeps concurrent shops apart", async () => {
    // GIVEN two interleaved requests for two shops
    const run = (shop: string) =>
      withLogContext({}, async () => {
        setLogShop(shop);
        await new Promise((r) => setTimeout(r, 5));
        log.info("done");
      });
    // WHEN they run concurrently
    await Promise.all([run("a.myshopify.com"), run("b.myshopify.com")]);
    // THEN each line names its own shop
    expect(lines.map((l) => JSON.parse(l).shop).sort()).toEqual(["a.myshopify.com", "b.myshopify.com"]);
  });

  it("restores the sink", () => {
    setLogSink(previous);
    expect(typeof previous).toBe("function");
  });
});
