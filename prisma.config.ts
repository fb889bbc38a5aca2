// Prisma CLI configuration. `engine: "js"` makes the CLI use its bundled WebAssembly schema engine,
// so generate / migrate diff work offline (no engine download). The provider follows DATABASE_URL,
// exactly as app/db.server.ts does: postgres(ql):// selects the PostgreSQL schema copy and migrations.
// Migrations are APPLIED by app/db/migrate.server.ts, not by `prisma migrate deploy` (see
// docs/decisions/0001-database-providers-and-migrations.md).
import path from "node:path";
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? "";
const isPostgres = /^postgres(ql)?:\/\//i.test(url);

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: isPostgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: isPostgres ? "prisma/migrations/postgres" : "prisma/migrations/sqlite" },
  async adapter() {
    if (isPostgres) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url });
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    const file = url.startsWith("file:") ? url.slice("file:".length) : path.join("prisma", "pilotage.db");
    return new PrismaBetterSQLite3({ url: file });
  },
});
