// The structure of a database as sorted text lines (tables, columns, indexes, foreign keys), so two
// databases can be compared: the one built by the committed migrations and the one built from the
// schema. Excludes Prisma's own `_prisma_migrations` table.
import Database from "better-sqlite3";
import pg from "pg";
import { parseDatabaseUrl } from "~/db/url.server";

export async function catalogOf(url: string): Promise<string[]> {
  const target = parseDatabaseUrl(url);
  if (target.provider === "sqlite") return sqliteCatalog(target.file);
  return postgresCatalog(target.connectionString, target.schema);
}

function sqliteCatalog(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const lines: string[] = [];
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
      )
      .all() as { name: string }[];
    for (const { name } of tables) {
      lines.push(`table ${name}`);
      for (const c of db.pragma(`table_info("${name}")`) as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: unknown;
        pk: number;
      }[]) {
        lines.push(
          `column ${name}.${c.name} ${c.type} notnull=${c.notnull} default=${String(c.dflt_value)} pk=${c.pk}`,
        );
      }
      for (const i of db.pragma(`index_list("${name}")`) as { name: string; unique: number; origin: string }[]) {
        const cols = (db.pragma(`index_info("${i.name}")`) as { name: string }[]).map((c) => c.name).join(",");
        lines.push(`index ${name} ${i.name} unique=${i.unique} (${cols})`);
      }
      const fks = db.pragma(`foreign_key_list("${name}")`) as {
        id: number;
        table: string;
        from: string;
        to: string;
        on_update: string;
        on_delete: string;
      }[];
      const byId = new Map<number, typeof fks>();
      for (const fk of fks) byId.set(fk.id, [...(byId.get(fk.id) ?? []), fk]);
      for (const group of byId.values()) {
        const f = group[0];
        lines.push(
          `fk ${name}(${group.map((g) => g.from).join(",")}) -> ${f.table}(${group.map((g) => g.to).join(",")}) update=${f.on_update} delete=${f.on_delete}`,
        );
      }
    }
    return lines.sort();
  } finally {
    db.close();
  }
}

async function postgresCatalog(connectionString: string, schema: string): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const lines: string[] = [];
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, udt_name, character_maximum_length, numeric_precision, numeric_scale,
              datetime_precision, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = $1 AND table_name <> '_prisma_migrations'`,
      [schema],
    );
    for (const c of columns.rows) {
      lines.push(
        `column ${c.table_name}.${c.column_name} ${c.udt_name}(${c.character_maximum_length},${c.numeric_precision},${c.numeric_scale},${c.datetime_precision}) nullable=${c.is_nullable} default=${c.column_default}`,
      );
    }
    const indexes = await client.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename <> '_prisma_migrations'`,
      [schema],
    );
    for (const i of indexes.rows)
      lines.push(`index ${i.tablename} ${i.indexname} ${String(i.indexdef).replaceAll(`${schema}.`, "")}`);
    const constraints = await client.query(
      `SELECT rel.relname AS table_name, con.conname, pg_get_constraintdef(con.oid) AS def
         FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
        WHERE ns.nspname = $1 AND rel.relname <> '_prisma_migrations'`,
      [schema],
    );
    for (const c of constraints.rows)
      lines.push(`constraint ${c.table_name} ${c.conname} ${String(c.def).replaceAll(`${schema}.`, "")}`);
    return lines.sort();
  } finally {
    await client.end();
  }
}

/** Lines only in `a` (prefixed "-") and only in `b` (prefixed "+"). */
export function catalogDiff(a: string[], b: string[]): string[] {
  const setA = new Set(a);
  const setB = new Set(b);
  return [...a.filter((l) => !setB.has(l)).map((l) => `- ${l}`), ...b.filter((l) => !setA.has(l)).map((l) => `+ ${l}`)];
}
