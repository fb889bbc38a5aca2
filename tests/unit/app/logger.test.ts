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

  it("logs an error-like object's message, never [object Object]", () => {
    // GIVEN things thrown that are not Error instances: a GraphQL-style error, a Response, a plain object
    log.error("graphql", { err: { message: "Field 'nam' doesn't exist", extensions: { code: "BAD" } } });
    log.error("response", { err: new Response("gone", { status: 410, statusText: "Gone" }) });
    log.error("plain", { err: { code: "X", detail: [1, 2] } });
    // WHEN the lines are read THEN each names what went wrong
    const errs = lines.map((l) => JSON.parse(l).err as { message: string; status?: number });
    expect(errs[0].message).toBe("Field 'nam' doesn't exist");
    expect(errs[1]).toMatchObject({ message: "410 Gone", status: 410 });
    expect(errs[2].message).toBe('{"code":"X","detail":[1,2]}');
    for (const line of lines) expect(line).not.toContain("[object Object]");
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
