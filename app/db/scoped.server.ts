// Shop-scoped access: `forShop(db, shopId)` returns a client on which every read and write of a
// shop-owned model is filtered and stamped with that shop. Anything that could reach another shop
// (a different shopId, nested relation writes, raw SQL, the Session table) throws ScopeViolationError:
// that is a programming error, never an expected failure.
// Children also reference their parents through (shopId, id) foreign keys, so even a scalar id of
// another shop's row is refused by the database.
import { Prisma, type PrismaClient } from "@prisma/client";

export class ScopeViolationError extends Error {
  readonly code = "DB.SCOPE_VIOLATION";
  constructor(message: string) {
    super(message);
    this.name = "ScopeViolationError";
  }
}

const models = Prisma.dmmf.datamodel.models;
/** Models with a `shopId` column: every row belongs to one shop. */
export const SHOP_OWNED_MODELS: ReadonlySet<string> = new Set(
  models.filter((m) => m.fields.some((f) => f.name === "shopId" && f.kind === "scalar")).map((m) => m.name),
);
const RELATION_FIELDS = new Map(
  models.map((m) => [m.name, new Set(m.fields.filter((f) => f.kind === "object").map((f) => f.name))]),
);

type Args = Record<string, unknown>;
const isObject = (value: unknown): value is Args =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const WHERE_OPERATIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
]);
const CREATE_OPERATIONS = new Set(["create", "createMany", "createManyAndReturn"]);

function scopeWhere(model: string, where: unknown, key: "shopId" | "id", shopId: string): Args {
  const base = isObject(where) ? { ...where } : {};
  if (key in base && base[key] !== shopId) {
    throw new ScopeViolationError(`${model}.where.${key} must be the scoped shop, got ${JSON.stringify(base[key])}`);
  }
  // Compound unique inputs such as { shopId_shopifyId: { shopId, shopifyId } }.
  for (const [name, value] of Object.entries(base)) {
    if (name.startsWith("shopId_") && isObject(value) && value.shopId !== shopId) {
      throw new ScopeViolationError(`${model}.where.${name}.shopId must be the scoped shop`);
    }
  }
  base[key] = shopId; // ANDed with every other condition, including OR / NOT
  return base;
}

function checkData(model: string, data: unknown, shopId: string, stamp: boolean): Args {
  if (!isObject(data)) throw new ScopeViolationError(`${model}: data must be an object`);
  const relations = RELATION_FIELDS.get(model) ?? new Set<string>();
  for (const field of Object.keys(data)) {
    if (relations.has(field)) {
      throw new ScopeViolationError(
        `${model}.${field}: nested relation writes are not allowed through forShop(); write the ids (scalars) instead`,
      );
    }
  }
  if ("shopId" in data && data.shopId !== shopId) {
    throw new ScopeViolationError(`${model}.data.shopId must be the scoped shop, got ${JSON.stringify(data.shopId)}`);
  }
  return stamp ? { ...data, shopId } : data;
}

function scopeArgs(model: string, operation: string, rawArgs: unknown, shopId: string): Args {
  const args: Args = isObject(rawArgs) ? { ...rawArgs } : {};
  if (model === "Shop") {
    if (CREATE_OPERATIONS.has(operation)) {
      throw new ScopeViolationError("Shop: create shops through the root client at install, not through forShop()");
    }
    if (WHERE_OPERATIONS.has(operation)) args.where = scopeWhere(model, args.where, "id", shopId);
    for (const part of ["data", "update"] as const) {
      if (part in args) {
        const data = checkData(model, args[part], shopId, false);
        if ("id" in data && data.id !== shopId) throw new ScopeViolationError("Shop.id cannot change");
      }
    }
    if (operation === "upsert") throw new ScopeViolationError("Shop: upsert is not allowed through forShop()");
    return args;
  }
  if (!SHOP_OWNED_MODELS.has(model)) {
    throw new ScopeViolationError(
      `${model} is not owned by a shop; use its own service (sessions: the Shopify session storage)`,
    );
  }
  if (WHERE_OPERATIONS.has(operation)) args.where = scopeWhere(model, args.where, "shopId", shopId);
  if (CREATE_OPERATIONS.has(operation)) {
    args.data = Array.isArray(args.data)
      ? args.data.map((row) => checkData(model, row, shopId, true))
      : checkData(model, args.data, shopId, true);
  } else if (operation === "upsert") {
    args.create = checkData(model, args.create, shopId, true);
    args.update = checkData(model, args.update, shopId, false);
  } else if ("data" in args) {
    args.data = checkData(model, args.data, shopId, false);
  }
  if (!WHERE_OPERATIONS.has(operation) && !CREATE_OPERATIONS.has(operation)) {
    throw new ScopeViolationError(`${model}.${operation} is not supported through forShop()`);
  }
  return args;
}

function refuseRaw(): never {
  throw new ScopeViolationError(
    "raw SQL cannot be scoped to a shop; use the root client in a reviewed *.server.ts service",
  );
}

/** A client that can only see and change rows of `shopId`. Use `.$transaction(...)` on it for atomic work. */
export function forShop(db: PrismaClient, shopId: string) {
  if (typeof shopId !== "string" || shopId === "") throw new ScopeViolationError("forShop() needs a shop id");
  return db.$extends({
    name: `shop-scope`,
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          return query(scopeArgs(model, operation, args, shopId) as typeof args);
        },
      },
      $queryRaw: refuseRaw,
      $executeRaw: refuseRaw,
      $queryRawUnsafe: refuseRaw,
      $executeRawUnsafe: refuseRaw,
    },
  });
}

export type ShopDb = ReturnType<typeof forShop>;

const MODEL_OF_DELEGATE = new Map(models.map((m) => [m.name.charAt(0).toLowerCase() + m.name.slice(1), m.name]));

/**
 * An interactive transaction on the root client whose model calls go through the same shop scope as forShop()
 * (a transaction client cannot be extended), plus the root transaction for a reviewed raw statement that must run
 * in the same transaction and names the shop itself (e.g. a bulk UPDATE ... FROM (VALUES ...)).
 */
export function shopTransaction<T>(
  db: PrismaClient,
  shopId: string,
  fn: (tx: ShopDb, root: Prisma.TransactionClient) => Promise<T>,
  options?: { maxWait?: number; timeout?: number },
): Promise<T> {
  if (typeof shopId !== "string" || shopId === "") throw new ScopeViolationError("shopTransaction() needs a shop id");
  return db.$transaction((root) => {
    const scoped = new Proxy(root, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof property !== "string") return value;
        if (/^\$(queryRaw|executeRaw)/.test(property)) return refuseRaw;
        const model = MODEL_OF_DELEGATE.get(property);
        if (!model || typeof value !== "object" || value === null) return value;
        return new Proxy(value as object, {
          get(delegate, operation, r) {
            const method = Reflect.get(delegate, operation, r);
            if (typeof operation !== "string" || typeof method !== "function") return method;
            return (args: unknown) => method.call(delegate, scopeArgs(model, operation, args, shopId));
          },
        });
      },
    });
    return fn(scoped as unknown as ShopDb, root);
  }, options);
}
