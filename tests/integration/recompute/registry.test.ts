// The recompute handlers are part of the app's handler set (what the web process and the worker run).
// handlers.server.ts is imported first, as the worker does: its feature imports must not form a cycle.
import { describe, expect, it } from "vitest";
import { registerAppHandlers } from "~/jobs/handlers.server";
import { JOB_TYPES } from "~/jobs/standard";
import type { JobQueue } from "~/jobs/types";

describe("app handler registry", () => {
  it("GIVEN the app's handler modules WHEN registered on a queue THEN both recompute job types are handled", () => {
    const types: string[] = [];
    const queue = { registerHandler: (type: string) => void types.push(type) } as unknown as JobQueue;
    registerAppHandlers(queue);
    expect(types).toEqual(expect.arrayContaining([JOB_TYPES.recomputeVariant, JOB_TYPES.recomputeShop]));
  });
});
