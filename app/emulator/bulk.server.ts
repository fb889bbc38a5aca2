// Bulk queries: validate, run in the background with unbounded connections, and write the JSONL file Shopify
// would: one row per node of the root connection; nodes of connections nested in a row become their own rows
// with `__parentId` (the row's id). Connections nested deeper (inside a plain object or list) stay inline.
// A row's children are written after the NEXT root row, so consumers meet children after unrelated rows
// (Shopify documents no ordering guarantee; the app must join by `__parentId`).
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  execute,
  getNamedType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { queryRoot, type BulkOperationRecord, type EmulatorContext } from "./views.server";
import { nextTurn } from "~/lib/yield";

interface Pending {
  type: GraphQLCompositeType;
  set: SelectionSetNode;
  node: Record<string, unknown>;
  parentId: string | undefined;
}

function fieldsIn(set: SelectionSetNode): FieldNode[] {
  const out: FieldNode[] = [];
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) out.push(...fieldsIn(sel.selectionSet));
  }
  return out;
}

const isConnection = (t: GraphQLCompositeType) => t.name.endsWith("Connection");

/** The node type, node selection and node values of a connection field's value. */
function connectionNodes(type: GraphQLCompositeType, field: FieldNode, value: Record<string, unknown> | null) {
  const fields = "getFields" in type ? type.getFields() : {};
  for (const inner of fieldsIn(field.selectionSet!)) {
    const key = inner.alias?.value ?? inner.name.value;
    if (inner.name.value === "nodes" && inner.selectionSet) {
      const nodeType = getNamedType(fields.nodes.type) as GraphQLCompositeType;
      return { nodeType, set: inner.selectionSet, nodes: (value?.[key] as Record<string, unknown>[]) ?? [] };
    }
    if (inner.name.value === "edges" && inner.selectionSet) {
      const edgeType = getNamedType(fields.edges.type) as GraphQLCompositeType;
      const nodeField = fieldsIn(inner.selectionSet).find((f) => f.name.value === "node");
      if (!nodeField?.selectionSet || !("getFields" in edgeType)) continue;
      const nodeType = getNamedType(edgeType.getFields().node.type) as GraphQLCompositeType;
      const nodeKey = nodeField.alias?.value ?? "node";
      const edges = (value?.[key] as Record<string, unknown>[]) ?? [];
      return { nodeType, set: nodeField.selectionSet, nodes: edges.map((e) => e[nodeKey] as Record<string, unknown>) };
    }
  }
  return null;
}

/** Splits a node into its row and its child nodes (nodes of connections directly in its selection). */
function split(item: Pending): { row: Record<string, unknown>; children: Pending[] } {
  const row: Record<string, unknown> = {};
  const children: Pending[] = [];
  const fields = "getFields" in item.type ? item.type.getFields() : {};
  for (const field of fieldsIn(item.set)) {
    const key = field.alias?.value ?? field.name.value;
    const def = fields[field.name.value];
    const named = def ? getNamedType(def.type) : null;
    if (named && field.selectionSet && isConnection(named as GraphQLCompositeType)) {
      const found = connectionNodes(
        named as GraphQLCompositeType,
        field,
        item.node[key] as Record<string, unknown> | null,
      );
      if (found) {
        for (const node of found.nodes)
          children.push({ type: found.nodeType, set: found.set, node, parentId: item.node.id as string });
      }
      continue;
    }
    row[key] = item.node[key];
  }
  if (item.parentId !== undefined) row.__parentId = item.parentId;
  return { row, children };
}

export interface BulkRunnerOptions {
  schema: GraphQLSchema;
  context: () => EmulatorContext;
  baseUrl: () => string;
  now: () => Date;
  /** How long an operation stays CREATED/RUNNING before it executes (default 200 ms), as a real one takes time. */
  latencyMs?: number;
}

export class BulkRunner {
  private current: BulkOperationRecord | null = null;
  private readonly dir = mkdtempSync(path.join(tmpdir(), "pilotage-emulator-"));
  private counter = 0;
  private running: Promise<void> | null = null;
  private timer: { handle: ReturnType<typeof setTimeout>; resolve: () => void } | null = null;
  private disposed = false;

  constructor(private readonly opts: BulkRunnerOptions) {}

  currentOperation(): BulkOperationRecord | null {
    return this.current;
  }

  /** Resolves when the running operation (if any) has finished. */
  async settled(): Promise<void> {
    await this.running;
  }

  filePath(numericId: string): string | null {
    const file = path.join(this.dir, `${numericId}.jsonl`);
    try {
      statSync(file);
      return file;
    } catch {
      return null;
    }
  }

  run(query: string): { bulkOperation: BulkOperationRecord | null; userErrors: object[] } {
    const invalid = (message: string) => ({
      bulkOperation: null,
      userErrors: [{ field: ["query"], message, code: "INVALID" }],
    });
    if (this.current && (this.current.status === "CREATED" || this.current.status === "RUNNING")) {
      return {
        bulkOperation: null,
        userErrors: [
          {
            field: null,
            message: `A bulk query operation for this app and shop is already in progress: ${this.current.id}.`,
            code: "OPERATION_IN_PROGRESS",
          },
        ],
      };
    }
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (err) {
      return invalid(`Invalid bulk query: ${(err as Error).message}`);
    }
    const errors = validate(this.opts.schema, document);
    if (errors.length > 0) return invalid(`Invalid bulk query: ${errors.map((e) => e.message).join("; ")}`);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    if (!operation || operation.operation !== "query") return invalid("Bulk queries must be a query operation.");
    const root = fieldsIn(operation.selectionSet);
    const queryFields = this.opts.schema.getQueryType()!.getFields();
    if (root.length !== 1 || !getNamedType(queryFields[root[0].name.value].type).name.endsWith("Connection")) {
      return invalid("Bulk queries must contain exactly one top-level connection field.");
    }
    const id = ++this.counter;
    const op: BulkOperationRecord = {
      id: `gid://shopify/BulkOperation/${id}`,
      status: "CREATED",
      errorCode: null,
      query,
      objectCount: 0,
      rootObjectCount: 0,
      fileSize: null,
      url: null,
      createdAt: this.stamp(),
      completedAt: null,
    };
    this.current = op;
    op.status = "RUNNING";
    this.running = new Promise((resolve) => {
      const handle = setTimeout(() => {
        this.timer = null;
        if (this.disposed) return resolve();
        this.execute(op, document, root[0], String(id))
          .catch((err: Error) => {
            op.status = "FAILED";
            op.errorCode = "INTERNAL_SERVER_ERROR";
            op.completedAt = this.stamp();
            process.stderr.write(`emulator: bulk operation ${op.id} failed: ${err.message}\n`);
          })
          .finally(resolve);
      }, this.opts.latencyMs ?? 200);
      this.timer = { handle, resolve };
    });
    return { bulkOperation: { ...op, status: "CREATED" }, userErrors: [] };
  }

  private stamp(): string {
    return this.opts
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z");
  }

  /** Executes the query in windows of root nodes, yielding to the event loop between them (polls stay answered). */
  private async execute(
    op: BulkOperationRecord,
    document: DocumentNode,
    rootField: FieldNode,
    numericId: string,
  ): Promise<void> {
    const file = path.join(this.dir, `${numericId}.jsonl`);
    const fd = openSync(file, "w");
    let buffer = "";
    const write = (row: Record<string, unknown>) => {
      buffer += `${JSON.stringify(row)}\n`;
      op.objectCount++;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = "";
      }
    };
    const writeTree = (item: Pending) => {
      const { row, children } = split(item);
      write(row);
      for (const child of children) writeTree(child);
    };
    try {
      const rootType = getNamedType(
        this.opts.schema.getQueryType()!.getFields()[rootField.name.value].type,
      ) as GraphQLCompositeType;
      const key = rootField.alias?.value ?? rootField.name.value;
      const slice = { start: 0, size: 2000, total: Infinity };
      const memo = new Map<string, unknown[]>();
      let pending: Pending[] = [];
      while (slice.start < slice.total && !this.disposed) {
        const ctx = { ...this.opts.context(), bulk: true, bulkSlice: slice, memo };
        const result = execute({ schema: this.opts.schema, document, rootValue: queryRoot(ctx), contextValue: ctx });
        if ("then" in result || result.errors?.length) {
          const message = "then" in result ? "asynchronous resolver" : result.errors!.map((e) => e.message).join("; ");
          throw new Error(message);
        }
        const found = connectionNodes(
          rootType,
          rootField,
          (result.data as Record<string, unknown>)[key] as Record<string, unknown>,
        );
        for (const node of found?.nodes ?? []) {
          const { row, children } = split({ type: found!.nodeType, set: found!.set, node, parentId: undefined });
          write(row);
          op.rootObjectCount++;
          for (const child of pending) writeTree(child);
          pending = children;
        }
        slice.start += slice.size;
        await nextTurn();
      }
      for (const child of pending) writeTree(child);
      writeSync(fd, buffer);
    } finally {
      closeSync(fd);
    }
    if (this.disposed) return;
    op.fileSize = statSync(file).size;
    op.url = `${this.opts.baseUrl()}/emulator/bulk/${numericId}.jsonl`;
    op.status = "COMPLETED";
    op.completedAt = this.stamp();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) {
      clearTimeout(this.timer.handle);
      this.timer.resolve();
      this.timer = null;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
