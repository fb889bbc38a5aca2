// One actorOf for every admin action (issue 17): the audit names the same actor whichever route acted.
import { describe, expect, it } from "vitest";
import { actorOf } from "~/lib/actor";

describe("actorOf", () => {
  it("GIVEN an online session with a staff user WHEN asked THEN the user's id is the actor, before the token's sub", () => {
    // GIVEN
    const auth = { session: { onlineAccessInfo: { associated_user: { id: 4242 } } }, sessionToken: { sub: "77" } };
    // WHEN / THEN
    expect(actorOf(auth)).toBe("4242");
  });

  it("GIVEN an offline session WHEN asked THEN the session token's sub is the actor", () => {
    // GIVEN
    const auth = { session: { onlineAccessInfo: null }, sessionToken: { sub: "77" } };
    // WHEN / THEN
    expect(actorOf(auth)).toBe("77");
  });

  it('GIVEN no user and an empty or missing sub WHEN asked THEN the actor is "merchant", never an empty string', () => {
    // GIVEN
    const cases = [
      { session: {}, sessionToken: { sub: "" } },
      { session: { onlineAccessInfo: { associated_user: { id: "" } } } },
      { session: {}, sessionToken: null },
    ];
    // WHEN / THEN
    for (const auth of cases) expect(actorOf(auth)).toBe("merchant");
  });
});
