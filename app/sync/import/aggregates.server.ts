// Set-based rebuild, from the stored lines' contributed* columns, of what the orders phase touched: the orders'
// subtotal and discounts, DailySales and CustomerDailySales. Same sums and roundings as recomputeAggregates
// (app/sync/webhooks/orders.server.ts): money summed in integer thousandths (SQLite stores Decimal as REAL),
// avgPrice = round((gross - discounts) / units) thousandths.
import { randomBytes } from "node:crypto";
import { quote, type Dialect, type SqlStep } from "~/db/bulk-upsert.server";

/**
 * The rebuild's steps in groups that may run as concurrent transactions on their own connections: on PostgreSQL,
 * DailySales, and the orders' sums with CustomerDailySales (the split that balances the two), each bound by one
 * server process's CPU (docs/decisions/0032); on SQLite (one writer at a time) a single group.
 * `touchedSince` null: every variant of the shop (full import); else variants of lines written since then.
 * `scanLines` (SQLite, full rebuild): read the lines by one sequential scan of the table rather than through the
 * (shopId, variantId, day) index, which visits the rows in random order (3x slower at 1M lines); right when most
 * lines are this shop's (see linesMostlyOf). docs/decisions/0026.
 */
export function rebuildGroups(
  dialect: Dialect,
  shopId: string,
  touchedSince: Date | null,
  now: Date,
  options: { scanLines?: boolean } = {},
): SqlStep[][] {
  const q = quote;
  const lines = `${q("OrderLine")}${dialect === "sqlite" && options.scanLines && !touchedSince ? " NOT INDEXED" : ""}`;
  const milli = (col: string) =>
    dialect === "sqlite" ? `CAST(ROUND(${col} * 1000) AS INTEGER)` : `ROUND(${col} * 1000)`;
  const money = (milliExpr: string) => (dialect === "sqlite" ? `(${milliExpr}) / 1000.0` : `(${milliExpr}) / 1000.0`);
  // Ids = prefix + a stem unique to this rebuild + the row's rank: inserted in ascending order, so the primary-key
  // index is appended to, not split at random places (random ids cost a third of the rebuild at 1M lines).
  const stem = `${Date.now().toString(36).padStart(9, "0")}${randomBytes(4).readUInt32BE(0).toString(36).padStart(7, "0")}`;
  // PostgreSQL groups by hashing, in no order: the groups are sorted by the unique key first, so that index (and the
  // primary key, numbered in the same order) is appended to rather than written at random pages (SQLite's grouping
  // already sorts). docs/decisions/0026.
  const newId = (prefix: string, order: string) =>
    dialect === "sqlite"
      ? `'${prefix}${stem}' || printf('%010d', row_number() OVER ())`
      : `'${prefix}${stem}' || lpad((row_number() OVER (ORDER BY ${order}))::text, 10, '0')`;
  const sorted = (order: string) => (dialect === "sqlite" ? "" : ` ORDER BY ${order}`);
  const touched = touchedSince
    ? ` AND ${q("variantId")} IN (SELECT DISTINCT ${q("variantId")} FROM ${q("OrderLine")} WHERE ${q("shopId")} = ? AND ${q("updatedAt")} >= ? AND ${q("variantId")} IS NOT NULL)`
    : "";
  const touchedParams = touchedSince ? [shopId, touchedSince] : [];
  const orderScope = touchedSince ? ` AND ${q("updatedAt")} >= ?` : "";
  const avg =
    dialect === "sqlite"
      ? `CASE WHEN units > 0 THEN ROUND(CAST(g - d AS REAL) / units) / 1000.0 ELSE NULL END`
      : `CASE WHEN units > 0 THEN ROUND((g - d)::numeric / units) / 1000.0 ELSE NULL END`;
  // PostgreSQL: sort and hash the groups in memory (the default 4 MB spills a large shop's lines to disk).
  const memory: SqlStep[] = dialect === "postgres" ? [{ sql: "SET LOCAL work_mem = '128MB'" }] : [];
  const [orders, deleteDaily, deleteCustomer, insertDaily, insertCustomer] = [
    {
      // One grouped pass over the lines (UPDATE ... FROM: SQLite 3.33+, PostgreSQL), not two lookups per order.
      sql:
        `UPDATE ${q("Order")} SET ${q("subtotal")} = ${money("t.s")}, ${q("totalDiscounts")} = ${money("t.d")} FROM (` +
        `SELECT ${q("orderId")} AS oid, SUM(${milli(q("unitPrice"))} * ${q("quantity")}) AS s, SUM(${milli(q("discount"))}) AS d FROM ${q("OrderLine")} ` +
        `WHERE ${q("shopId")} = ?${touchedSince ? ` AND ${q("orderId")} IN (SELECT ${q("id")} FROM ${q("Order")} WHERE ${q("shopId")} = ?${orderScope})` : ""} ` +
        `GROUP BY ${q("orderId")}) t WHERE ${q("Order")}.${q("id")} = t.oid AND ${q("Order")}.${q("shopId")} = ? ` +
        // The import wrote the sums of the lines it saw: only orders whose stored lines disagree are rewritten.
        `AND (${q("Order")}.${q("subtotal")} <> ${money("t.s")} OR ${q("Order")}.${q("totalDiscounts")} <> ${money("t.d")})`,
      params: touchedSince ? [shopId, shopId, touchedSince, shopId] : [shopId, shopId],
    },
    { sql: `DELETE FROM ${q("DailySales")} WHERE ${q("shopId")} = ?${touched}`, params: [shopId, ...touchedParams] },
    {
      sql: `DELETE FROM ${q("CustomerDailySales")} WHERE ${q("shopId")} = ?${touched}`,
      params: [shopId, ...touchedParams],
    },
    {
      sql:
        `INSERT INTO ${q("DailySales")} (${["id", "shopId", "variantId", "day", "units", "refundedUnits", "lines", "grossRevenue", "discounts", "refunds", "netRevenue", "avgPrice", "updatedAt"].map(q).join(", ")}) ` +
        `SELECT ${newId("ds", `${q("variantId")}, day`)}, ${q("shopId")}, ${q("variantId")}, day, units, ru, n, ${money("g")}, ${money("d")}, ${money("r")}, ${money("g - d - r")}, ${avg}, ? FROM (` +
        `SELECT ${q("shopId")}, ${q("variantId")}, ${q("contributedDay")} AS day, SUM(${q("contributedUnits")}) AS units, SUM(${q("contributedRefundedUnits")}) AS ru, COUNT(*) AS n, ` +
        `SUM(${milli(q("contributedGross"))}) AS g, SUM(${milli(q("contributedDiscount"))}) AS d, SUM(${milli(q("contributedRefunded"))}) AS r ` +
        `FROM ${lines} WHERE ${q("shopId")} = ? AND ${q("contributedDay")} IS NOT NULL AND ${q("variantId")} IS NOT NULL${touched} ` +
        `GROUP BY ${q("shopId")}, ${q("variantId")}, ${q("contributedDay")}${sorted(`${q("variantId")}, ${q("contributedDay")}`)}) t`,
      params: [now, shopId, ...touchedParams],
    },
    {
      sql:
        `INSERT INTO ${q("CustomerDailySales")} (${["id", "shopId", "customerKey", "variantId", "day", "units", "netRevenue"].map(q).join(", ")}) ` +
        `SELECT ${newId("cd", `ck, ${q("variantId")}, day`)}, ${q("shopId")}, ck, ${q("variantId")}, day, units, ${money("net")} FROM (` +
        `SELECT ${q("shopId")}, ${q("contributedCustomerKey")} AS ck, ${q("variantId")}, ${q("contributedDay")} AS day, SUM(${q("contributedUnits")}) AS units, ` +
        `SUM(${milli(q("contributedGross"))} - ${milli(q("contributedDiscount"))} - ${milli(q("contributedRefunded"))}) AS net ` +
        `FROM ${lines} WHERE ${q("shopId")} = ? AND ${q("contributedDay")} IS NOT NULL AND ${q("contributedCustomerKey")} IS NOT NULL AND ${q("variantId")} IS NOT NULL${touched} ` +
        `GROUP BY ${q("shopId")}, ${q("contributedCustomerKey")}, ${q("variantId")}, ${q("contributedDay")}${sorted(`${q("contributedCustomerKey")}, ${q("variantId")}, ${q("contributedDay")}`)}) t`,
      params: [shopId, ...touchedParams],
    },
  ];
  return dialect === "sqlite"
    ? [[orders, deleteDaily, deleteCustomer, insertDaily, insertCustomer]]
    : [
        [...memory, deleteDaily, insertDaily],
        [...memory, orders, deleteCustomer, insertCustomer],
      ];
}

/** rebuildGroups' steps as one transaction. */
export function rebuildSteps(...args: Parameters<typeof rebuildGroups>): SqlStep[] {
  const groups = rebuildGroups(...args);
  return groups.length === 1 ? groups[0] : [...groups[0], ...groups[1].filter((st) => !groups[0].includes(st))];
}

/** SQLite: whether at least half of the database's order lines are the shop's (then a table scan reads fewer pages). */
export const linesMostlyOfSql = `SELECT (SELECT COUNT(*) FROM ${quote("OrderLine")} WHERE ${quote("shopId")} = ?) * 2 >= (SELECT COUNT(*) FROM ${quote("OrderLine")}) AS "mostly"`;
