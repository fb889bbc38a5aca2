import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Three projects: `npm test` runs unit + integration (SQLite, no network); e2e needs Chromium.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // Every cached query plan is checked against a fresh compile (app/db/plan-cache.ts).
    env: { PRISMA_PLAN_CACHE: process.env.PRISMA_PLAN_CACHE ?? "verify" },
    // This run's temp directory and PostgreSQL schema prefix, removed at its end (tests/support/test-run.ts).
    globalSetup: ["tests/support/test-run.ts"],
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 180_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
