// Vitest global setup: one test run's scratch, removed when the run ends. The workers inherit TMPDIR (a directory of
// this run: the suites' SQLite files and temp directories go there) and PILOTAGE_TEST_RUN (the prefix of the
// PostgreSQL schemas the suites create, `t_<run>_...`). Without it every run left its schemas in the `test`
// database and its directories in /tmp.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";

export default function setup(): (() => Promise<void>) | undefined {
  if (process.env.PILOTAGE_TEST_RUN) return undefined; // set up once per run, whatever the number of projects
  const run = randomBytes(4).readUInt32BE(0).toString(36);
  const dir = mkdtempSync(path.join(tmpdir(), `pilotage-test-${run}-`));
  process.env.PILOTAGE_TEST_RUN = run;
  process.env.TMPDIR = dir;
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    const base = process.env.DATABASE_URL;
    if (!base || !/^postgres(ql)?:\/\//i.test(base)) return;
    await dropSchemas(base, { prefix: `t_${run}_` }); // the suites' own drops may not have run, e.g. after a failure
  };
}

/** Drops schemas of `databaseUrl`'s database (its `schema` parameter aside): the one named, or all with the prefix. */
export async function dropSchemas(databaseUrl: string, which: { name: string } | { prefix: string }): Promise<void> {
  const url = new URL(databaseUrl);
  url.searchParams.delete("schema");
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const names =
      "name" in which
        ? [which.name]
        : (
            await client.query<{ name: string }>(
              `SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)`,
              [which.prefix],
            )
          ).rows.map((r) => r.name);
    for (const name of names) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** The schema-name prefix of this run's PostgreSQL test schemas. */
export const testRunPrefix = (): string => `t_${process.env.PILOTAGE_TEST_RUN ?? "local"}_`;
