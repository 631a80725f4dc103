// Bulk query operations (shopify-platform.md §9.2): validate the query (one top-level connection,
// at most 5 connections nested at most 2 levels, no top-level node/nodes, parents of nested
// connections select `id`), run it over the whole shop in chunks, write JSONL where each nested
// connection's nodes are separate lines carrying `__parentId`, then finish with bulk_operations/finish.
// With groupObjects: false (the default from 2026-01) a child line comes after its parent but not
// necessarily next to it: here the children of one chunk of root nodes follow the next chunk's roots.
import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  validate,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { ShopEvent } from "../shop/events.ts";
import { finishBulkOperation, ShopCommandError, startBulkOperation, type FinishBulkOperationInput } from "../shop/commands.ts";
import type { ShopState, SimBulkOperation } from "../shop/state.ts";
import type { Connection } from "./connection.ts";
import { adminSchema, type BulkRunResult, type View } from "./resolvers.ts";

const MAX_CONNECTIONS = 5;
const MAX_CONNECTION_DEPTH = 2;
const ROOT_NODES_PER_CHUNK = 500;

type QueryPlan = { operation: OperationDefinitionNode; fragments: Record<string, FragmentDefinitionNode>; rootField: FieldNode };

type FieldWithCondition = { field: FieldNode; typeCondition: string | null };

function collectFields(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>): FieldWithCondition[] {
  const fields: FieldWithCondition[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.push({ field: selection, typeCondition: null });
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      for (const inner of collectFields(selection.selectionSet, fragments)) {
        fields.push({ field: inner.field, typeCondition: inner.typeCondition ?? selection.typeCondition?.name.value ?? null });
      }
    } else {
      const fragment = fragments[selection.name.value];
      if (!fragment) continue;
      for (const inner of collectFields(fragment.selectionSet, fragments)) {
        fields.push({ field: inner.field, typeCondition: inner.typeCondition ?? fragment.typeCondition.name.value });
      }
    }
  }
  return fields;
}

function fieldTypeOf(parent: GraphQLNamedType, field: FieldNode, typeCondition: string | null): GraphQLNamedType | null {
  const owner = typeCondition ? adminSchema.getType(typeCondition) : parent;
  if (!owner || !(isObjectType(owner) || isInterfaceType(owner))) return null;
  const definition = owner.getFields()[field.name.value];
  return definition ? getNamedType(definition.type) : null;
}

function isConnection(type: GraphQLNamedType | null): type is GraphQLCompositeType {
  return type !== null && isCompositeType(type) && type.name.endsWith("Connection");
}

/** The selection applied to each node of a connection field: `edges { node { … } }` or `nodes { … }`. */
function nodeSelectionOf(connectionField: FieldNode, fragments: Record<string, FragmentDefinitionNode>): SelectionSetNode | null {
  for (const { field } of collectFields(connectionField.selectionSet!, fragments)) {
    if (field.name.value === "nodes" && field.selectionSet) return field.selectionSet;
    if (field.name.value === "edges" && field.selectionSet) {
      const node = collectFields(field.selectionSet, fragments).find((inner) => inner.field.name.value === "node");
      if (node?.field.selectionSet) return node.field.selectionSet;
    }
  }
  return null;
}

function nodeTypeOf(connectionType: GraphQLCompositeType): GraphQLNamedType | null {
  if (!isObjectType(connectionType)) return null;
  const nodes = connectionType.getFields().nodes;
  return nodes ? getNamedType(nodes.type) : null;
}

type ValidationState = { connections: number; errors: string[] };

function checkNodeSelection(
  parentType: GraphQLNamedType,
  selectionSet: SelectionSetNode,
  depth: number,
  fragments: Record<string, FragmentDefinitionNode>,
  validation: ValidationState,
): void {
  const fields = collectFields(selectionSet, fragments);
  for (const { field, typeCondition } of fields) {
    const fieldType = fieldTypeOf(parentType, field, typeCondition);
    if (!field.selectionSet || !fieldType) continue;
    if (isConnection(fieldType)) {
      validation.connections += 1;
      if (depth + 1 > MAX_CONNECTION_DEPTH) validation.errors.push(`Bulk queries cannot contain connections with a nesting depth greater than ${MAX_CONNECTION_DEPTH}.`);
      if (!fields.some((candidate) => candidate.field.name.value === "id" && !candidate.field.alias)) {
        validation.errors.push(`The parent 'node' field for a nested connection must select the 'id' field without an alias. Connection field without 'id': ${field.name.value}.`);
      }
      const nodeSelection = nodeSelectionOf(field, fragments);
      const nodeType = nodeTypeOf(fieldType);
      if (nodeSelection && nodeType) checkNodeSelection(nodeType, nodeSelection, depth + 1, fragments, validation);
    } else if (isCompositeType(fieldType)) {
      checkNodeSelection(fieldType, field.selectionSet, depth, fragments, validation);
    }
  }
}

/** Checks a bulk query against the documented restrictions; returns the plan or the userError messages. */
export function planBulkQuery(query: string): { ok: true; plan: QueryPlan } | { ok: false; messages: string[] } {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { ok: false, messages: [`Invalid bulk query: ${(error as Error).message}`] };
  }
  const validationErrors = validate(adminSchema, document);
  if (validationErrors.length > 0) return { ok: false, messages: validationErrors.map((error) => `Invalid bulk query: ${error.message}`) };
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const fragments = Object.fromEntries(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const operation = operations[0];
  if (operations.length !== 1 || !operation || operation.operation !== "query") {
    return { ok: false, messages: ["Bulk queries must contain exactly one query operation."] };
  }
  const rootFields = collectFields(operation.selectionSet, fragments);
  const queryType = adminSchema.getQueryType()!;
  if (rootFields.some(({ field }) => field.name.value === "node" || field.name.value === "nodes")) {
    return { ok: false, messages: ["Bulk queries cannot use the top-level 'node' or 'nodes' fields."] };
  }
  const rootField = rootFields[0]?.field;
  const rootType = rootField ? fieldTypeOf(queryType, rootField, null) : null;
  if (rootFields.length !== 1 || !rootField || !isConnection(rootType)) {
    return { ok: false, messages: ["Bulk queries must contain exactly one top-level connection field."] };
  }
  const validation: ValidationState = { connections: 1, errors: [] };
  const nodeSelection = nodeSelectionOf(rootField, fragments);
  const nodeType = nodeTypeOf(rootType);
  if (!nodeSelection || !nodeType) return { ok: false, messages: ["Bulk queries must select the nodes of their connection."] };
  checkNodeSelection(nodeType, nodeSelection, 1, fragments, validation);
  if (validation.connections > MAX_CONNECTIONS) validation.errors.push(`Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.`);
  if (validation.errors.length > 0) return { ok: false, messages: [...new Set(validation.errors)] };
  return { ok: true, plan: { operation, fragments, rootField } };
}

function readArguments(field: FieldNode): Record<string, unknown> {
  return Object.fromEntries((field.arguments ?? []).map((argument) => [argument.name.value, valueFromASTUntyped(argument.value)]));
}

export type Line = Record<string, unknown>;

/** Serialises one object; the nodes of nested connections become separate lines handed to `emitLines`. */
function serializeNode(
  view: Record<string, unknown>,
  declaredType: GraphQLNamedType,
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  emitLines: (lines: Line[]) => void,
): Line {
  const line: Line = {};
  const nestedLines: Line[] = [];
  const typeName = typeof view.__typename === "string" ? view.__typename : declaredType.name;
  const viewType = adminSchema.getType(typeName) ?? declaredType;
  for (const { field, typeCondition } of collectFields(selectionSet, fragments)) {
    if (typeCondition && typeCondition !== typeName && !isInterfaceType(adminSchema.getType(typeCondition))) continue;
    const responseKey = field.alias?.value ?? field.name.value;
    if (field.name.value === "__typename") {
      line[responseKey] = typeName;
      continue;
    }
    const property = view[field.name.value];
    const value = typeof property === "function" ? (property as (args: Record<string, unknown>) => unknown)(readArguments(field)) : property;
    const fieldType = fieldTypeOf(viewType, field, typeCondition);
    if (!field.selectionSet || !fieldType || value === null || value === undefined) {
      line[responseKey] = value ?? null;
    } else if (isConnection(fieldType)) {
      const nodeSelection = nodeSelectionOf(field, fragments)!;
      const nodeType = nodeTypeOf(fieldType)!;
      for (const node of (value as Connection<View>).nodes) {
        const nested: Line[] = [];
        const child = serializeNode(node, nodeType, nodeSelection, fragments, (lines) => nested.push(...lines));
        nestedLines.push({ ...child, __parentId: view.id }, ...nested);
      }
    } else if (Array.isArray(value)) {
      line[responseKey] = value.map((item: Record<string, unknown>) => serializeNode(item, fieldType, field.selectionSet!, fragments, ignoreLines));
    } else {
      line[responseKey] = serializeNode(value as Record<string, unknown>, fieldType, field.selectionSet, fragments, ignoreLines);
    }
  }
  emitLines(nestedLines);
  return line;
}

/** Connections below plain objects and lists are not part of a bulk query's output. */
function ignoreLines(): void {}

/** What one chunk of the run writes, and how many root nodes it read. */
export type BulkChunk = { lines: Line[]; rootObjects: number };

/**
 * The JSONL lines of a planned bulk query over `rootValue`, ROOT_NODES_PER_CHUNK root nodes at a
 * time. Grouped, each root is followed by its children; ungrouped, a chunk's children are written
 * after the next chunk's roots, so a child is later than its parent but usually not adjacent.
 */
export function* bulkQueryChunks(plan: QueryPlan, rootValue: Record<string, unknown>, groupObjects: boolean): Generator<BulkChunk> {
  const rootResolver = rootValue[plan.rootField.name.value] as (args: Record<string, unknown>) => Connection<View>;
  const nodeSelection = nodeSelectionOf(plan.rootField, plan.fragments)!;
  const nodeType = nodeTypeOf(fieldTypeOf(adminSchema.getQueryType()!, plan.rootField, null) as GraphQLCompositeType)!;
  let chunk: Line[] = [];
  let children: Line[] = [];
  let deferredChildren: Line[] = [];
  let rootObjects = 0;
  for (const root of rootResolver(readArguments(plan.rootField)).nodes) {
    const nested: Line[] = [];
    const line = serializeNode(root, nodeType, nodeSelection, plan.fragments, (lines) => nested.push(...lines));
    if (groupObjects) chunk.push(line, ...nested);
    else {
      chunk.push(line);
      children.push(...nested);
    }
    rootObjects += 1;
    if (rootObjects === ROOT_NODES_PER_CHUNK) {
      yield { lines: [...chunk, ...deferredChildren], rootObjects };
      [chunk, deferredChildren, children, rootObjects] = [[], children, [], 0];
    }
  }
  yield { lines: [...chunk, ...deferredChildren, ...children], rootObjects };
}

export type { QueryPlan };

export type BulkRunnerOptions = {
  directory: string;
  origin: () => string;
  now: () => Date;
  emit: (shop: string, events: readonly ShopEvent[]) => void;
};

export type BulkStartInput = {
  shop: string;
  state: ShopState;
  query: string;
  groupObjects: boolean;
  /** The root value built for an unbounded read (bulk operations read every node). */
  rootValue: Record<string, unknown>;
};

/** Runs bulk operations in the background and keeps their JSONL files until reset. */
export class BulkRunner {
  private readonly options: BulkRunnerOptions;
  private readonly files = new Map<string, string>();
  private readonly running = new Set<Promise<void>>();
  /** Shops whose operations wait before their next chunk, as long-running exports do on Shopify; each waiter resumes them. */
  private readonly held = new Map<string, (() => void)[]>();

  constructor(options: BulkRunnerOptions) {
    this.options = options;
    mkdirSync(options.directory, { recursive: true });
  }

  start(input: BulkStartInput): BulkRunResult {
    const planned = planBulkQuery(input.query);
    if (!planned.ok) {
      return { bulkOperation: null, userErrors: planned.messages.map((message) => ({ field: ["query"], message, code: "INVALID" })) };
    }
    let operation: SimBulkOperation;
    try {
      operation = startBulkOperation(input.state, { query: input.query, groupObjects: input.groupObjects }, this.options.now()).result;
    } catch (error) {
      if (!(error instanceof ShopCommandError)) throw error;
      return { bulkOperation: null, userErrors: [{ field: error.field, message: error.message, code: error.code }] };
    }
    const run = this.run(input, operation, planned.plan).finally(() => this.running.delete(run));
    this.running.add(run);
    return { bulkOperation: operation, userErrors: [] };
  }

  cancel(state: ShopState, id: string): BulkRunResult {
    const operation = state.bulkOperations.get(id);
    if (!operation) return { bulkOperation: null, userErrors: [{ field: ["id"], message: "Bulk operation does not exist", code: "INVALID" }] };
    if (operation.status !== "CREATED" && operation.status !== "RUNNING") {
      return {
        bulkOperation: operation,
        userErrors: [{ field: null, message: `A bulk operation cannot be canceled when it is ${operation.status.toLowerCase()}`, code: "INVALID" }],
      };
    }
    // Cancelling is a request the running operation notices between chunks, so it is shell state.
    operation.status = "CANCELING";
    return { bulkOperation: operation, userErrors: [] };
  }

  /** The JSONL file of a finished operation, by shop and numeric id. */
  filePath(shop: string, numericId: string): string | undefined {
    return this.files.get(`${shop}/${numericId}`);
  }

  /** Keeps the shop's operations RUNNING (no further chunk is written) until released. */
  hold(shop: string, held: boolean): void {
    const waiters = this.held.get(shop);
    if (held) {
      if (!waiters) this.held.set(shop, []);
      return;
    }
    this.held.delete(shop);
    for (const resume of waiters ?? []) resume();
  }

  isHolding(): boolean {
    return this.held.size > 0;
  }

  async settle(): Promise<void> {
    await Promise.all([...this.running]);
  }

  async clear(): Promise<void> {
    for (const shop of [...this.held.keys()]) this.hold(shop, false);
    await this.settle();
    for (const path of this.files.values()) rmSync(path, { force: true });
    this.files.clear();
  }

  private async run(input: BulkStartInput, operation: SimBulkOperation, plan: QueryPlan): Promise<void> {
    const numericId = operation.id.slice(operation.id.lastIndexOf("/") + 1);
    const path = join(this.options.directory, `${input.shop}-${numericId}.jsonl`);
    const stream = createWriteStream(path);
    let fileSize = 0;
    const chunks = bulkQueryChunks(plan, input.rootValue, input.groupObjects);
    let failed = false;
    try {
      for (;;) {
        // Yield so that a shop of 200,000 customers does not hold the event loop, and so that
        // node(id:) sees objectCount grow while the operation is RUNNING.
        await new Promise((resolve) => setImmediate(resolve));
        const waiters = this.held.get(input.shop);
        if (waiters) await new Promise<void>((resume) => waiters.push(resume));
        if (operation.status === "CANCELING") break;
        const next = chunks.next();
        if (next.done) break;
        for (const line of next.value.lines) {
          const text = `${JSON.stringify(line)}\n`;
          fileSize += Buffer.byteLength(text);
          stream.write(text);
        }
        // Progress is shell state the running operation reports, like CANCELING.
        operation.objectCount += next.value.lines.length;
        operation.rootObjectCount += next.value.rootObjects;
      }
    } catch {
      failed = true;
    }
    const { objectCount, rootObjectCount } = operation;
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    this.files.set(`${input.shop}/${numericId}`, path);
    const bulkOperationId = operation.id;
    let finish: FinishBulkOperationInput;
    if (operation.status === "CANCELING") finish = { bulkOperationId, status: "CANCELED" };
    else if (failed) finish = { bulkOperationId, status: "FAILED", errorCode: "INTERNAL_SERVER_ERROR" };
    else {
      const url = `${this.options.origin()}/bulk/${input.shop}/${numericId}.jsonl`;
      finish = { bulkOperationId, status: "COMPLETED", objectCount, rootObjectCount, fileSize, url };
    }
    const finished = finishBulkOperation(input.state, finish, this.options.now());
    // Shopify gives no file when the query matched nothing.
    if (finished.result.objectCount === 0) {
      finished.result.url = null;
      finished.result.fileSize = null;
    }
    this.options.emit(input.shop, finished.events);
  }

  /** Removes the directory the files live in. */
  dispose(): void {
    rmSync(this.options.directory, { recursive: true, force: true });
  }
}
