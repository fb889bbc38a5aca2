// Query cost and the leaky bucket, after Shopify's published rules ("Shopify API rate limits", calculated query
// cost), approximated:
//   scalar and enum fields 0; an object field 1 + its selection; a list of objects `first` (else 1) x that;
//   a connection 2 + first (or last) x the cost of one node (edges.node / nodes; pageInfo free);
//   each top-level mutation field 10.
// The requested cost uses the page sizes asked for; the actual cost walks the response with the real sizes,
// and the difference is refunded to the bucket, as Shopify does.
import {
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { ThrottleStatus } from "~/shopify/throttle.server";

export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

const MUTATION_COST = 10;

function argValue(field: FieldNode, name: string, variables: Record<string, unknown>): unknown {
  const arg = field.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value, variables) : undefined;
}

function fieldsOf(
  input: CostInput,
  type: GraphQLCompositeType,
  set: SelectionSetNode,
  out: FieldNode[] = [],
): FieldNode[] {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) fieldsOf(input, type, sel.selectionSet, out);
    else {
      const fragment = input.fragments[sel.name.value];
      if (fragment) fieldsOf(input, type, fragment.selectionSet, out);
    }
  }
  return out;
}

function fieldDef(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return "getFields" in type ? type.getFields()[name] : undefined;
}

const unwrapNonNull = (t: GraphQLType): GraphQLType => (isNonNullType(t) ? t.ofType : t);

/** Cost of a selection on `type`; with `data` the real sizes are used (actual cost), else the requested ones. */
function selectionCost(
  input: CostInput,
  type: GraphQLCompositeType,
  set: SelectionSetNode,
  data: unknown,
  actual: boolean,
): number {
  let total = 0;
  for (const field of fieldsOf(input, type, set)) {
    const def = fieldDef(type, field.name.value);
    if (!def || !field.selectionSet) continue;
    const named = getNamedType(def.type);
    if (!isCompositeType(named)) continue;
    const key = field.alias?.value ?? field.name.value;
    const value = actual ? (data as Record<string, unknown> | null)?.[key] : undefined;
    if (actual && (value === null || value === undefined)) continue;
    total += fieldCost(input, field, def.type, named, value, actual);
  }
  return total;
}

function fieldCost(
  input: CostInput,
  field: FieldNode,
  type: GraphQLType,
  named: GraphQLCompositeType,
  value: unknown,
  actual: boolean,
): number {
  const set = field.selectionSet!;
  if (named.name.endsWith("Connection") && "getFields" in named) {
    // 2 for the connection, plus each node's cost.
    const first = (argValue(field, "first", input.variables) ??
      argValue(field, "last", input.variables) ??
      0) as number;
    let nodes = 0;
    for (const inner of fieldsOf(input, named, set)) {
      const innerDef = fieldDef(named, inner.name.value);
      if (!innerDef || !inner.selectionSet || inner.name.value === "pageInfo") continue;
      const innerNamed = getNamedType(innerDef.type) as GraphQLCompositeType;
      const innerKey = inner.alias?.value ?? inner.name.value;
      if (inner.name.value === "edges") {
        const nodeField = fieldsOf(input, innerNamed, inner.selectionSet).find((f) => f.name.value === "node");
        const nodeDef = nodeField && fieldDef(innerNamed, "node");
        if (!nodeField?.selectionSet || !nodeDef) continue;
        const nodeType = getNamedType(nodeDef.type) as GraphQLCompositeType;
        if (actual) {
          const edges = ((value as Record<string, unknown>)[innerKey] as { [k: string]: unknown }[]) ?? [];
          nodes = Math.max(
            nodes,
            edges.reduce(
              (a, e) =>
                a +
                1 +
                selectionCost(input, nodeType, nodeField.selectionSet!, e[nodeField.alias?.value ?? "node"], true),
              0,
            ),
          );
        } else {
          nodes = Math.max(
            nodes,
            first * (1 + selectionCost(input, nodeType, nodeField.selectionSet, undefined, false)),
          );
        }
      } else if (inner.name.value === "nodes") {
        if (actual) {
          const list = ((value as Record<string, unknown>)[innerKey] as unknown[]) ?? [];
          nodes = Math.max(
            nodes,
            list.reduce<number>((a, n) => a + 1 + selectionCost(input, innerNamed, inner.selectionSet!, n, true), 0),
          );
        } else {
          nodes = Math.max(nodes, first * (1 + selectionCost(input, innerNamed, inner.selectionSet, undefined, false)));
        }
      }
    }
    return 2 + nodes;
  }
  if (isListType(unwrapNonNull(type))) {
    if (actual) {
      return ((value as unknown[]) ?? []).reduce<number>(
        (a, item) => a + 1 + selectionCost(input, named, set, item, true),
        0,
      );
    }
    const first = (argValue(field, "first", input.variables) as number | undefined) ?? 1;
    return first * (1 + selectionCost(input, named, set, undefined, false));
  }
  return 1 + selectionCost(input, named, set, value, actual);
}

/** Requested cost of an operation (before execution). */
export function requestedCost(input: CostInput): number {
  if (input.operation.operation === "mutation") {
    return fieldsOf(input, input.schema.getMutationType()!, input.operation.selectionSet).length * MUTATION_COST;
  }
  return selectionCost(input, input.schema.getQueryType()!, input.operation.selectionSet, undefined, false);
}

/** Actual cost from the response data (never above the requested cost). */
export function actualCost(input: CostInput, data: unknown, requested: number): number {
  if (input.operation.operation === "mutation") return requested;
  return Math.min(
    requested,
    selectionCost(input, input.schema.getQueryType()!, input.operation.selectionSet, data, true),
  );
}

export interface BucketConfig {
  /** Bucket size in points (default 2000) and restore rate per second (default 100). */
  maximumAvailable?: number;
  restoreRate?: number;
  /** Largest cost a single query may request (default 1000). */
  maxQueryCost?: number;
}

/** The server's leaky bucket for one shop. */
export class LeakyBucket {
  readonly max: number;
  readonly restoreRate: number;
  readonly maxQueryCost: number;
  private available: number;
  private at: number;

  constructor(
    config: BucketConfig = {},
    private readonly now: () => number = Date.now,
  ) {
    this.max = config.maximumAvailable ?? 2000;
    this.restoreRate = config.restoreRate ?? 100;
    this.maxQueryCost = config.maxQueryCost ?? Math.min(1000, this.max);
    this.available = this.max;
    this.at = now();
  }

  private restore(): void {
    const t = this.now();
    this.available = Math.min(this.max, this.available + ((t - this.at) / 1000) * this.restoreRate);
    this.at = t;
  }

  /** Takes `cost` points if available. */
  take(cost: number): boolean {
    this.restore();
    if (this.available < cost) return false;
    this.available -= cost;
    return true;
  }

  refund(points: number): void {
    this.restore();
    this.available = Math.min(this.max, this.available + points);
  }

  status(): ThrottleStatus {
    this.restore();
    return {
      maximumAvailable: this.max,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }
}
