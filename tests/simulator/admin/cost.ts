// Admin GraphQL query cost and the leaky bucket that spends it (shopify-platform.md §9.1, from
// shopify.dev "rate limits"): scalars and enums 0, objects 1, connections 2 + page size × the cost
// of one node, mutations 10. The bucket must hold the requested cost; the unused part is refunded.
import {
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

export const SINGLE_QUERY_MAX_COST = 1000;
const MUTATION_FIELD_COST = 10;
const CONNECTION_BASE_COST = 2;

type CostContext = {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
};

function isConnectionTypeName(name: string): boolean {
  return name.endsWith("Connection");
}

function readIntArgument(field: FieldNode, name: string, variables: Record<string, unknown>): number | null {
  const argument = field.arguments?.find((candidate) => candidate.name.value === name);
  if (!argument) return null;
  const value: ValueNode = argument.value;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const bound = variables[value.name.value];
    return typeof bound === "number" ? bound : null;
  }
  return null;
}

/** The page size a connection field asks for: `first` or `last`, 0 when neither is given. */
export function readPageSize(field: FieldNode, variables: Record<string, unknown>): number {
  return readIntArgument(field, "first", variables) ?? readIntArgument(field, "last", variables) ?? 0;
}

function* collectFields(selectionSet: SelectionSetNode, context: CostContext): Generator<{ field: FieldNode; typeCondition: string | null }> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) yield { field: selection, typeCondition: null };
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      for (const inner of collectFields(selection.selectionSet, context)) {
        yield { field: inner.field, typeCondition: inner.typeCondition ?? selection.typeCondition?.name.value ?? null };
      }
    } else {
      const fragment = context.fragments[selection.name.value];
      if (!fragment) continue;
      for (const inner of collectFields(fragment.selectionSet, context)) {
        yield { field: inner.field, typeCondition: inner.typeCondition ?? fragment.typeCondition.name.value };
      }
    }
  }
}

function resolveFieldType(parent: GraphQLCompositeType, field: FieldNode, typeCondition: string | null, schema: GraphQLSchema) {
  const owner = typeCondition ? schema.getType(typeCondition) : parent;
  if (!owner || !(isObjectType(owner) || isInterfaceType(owner))) return null;
  const definition = owner.getFields()[field.name.value];
  return definition ? getNamedType(definition.type) : null;
}

/** The cost of one node of a connection: its `edges { node }` and `nodes` selections. */
function costConnectionNode(connectionType: GraphQLCompositeType, selectionSet: SelectionSetNode, context: CostContext): number {
  let cost = 0;
  for (const { field, typeCondition } of collectFields(selectionSet, context)) {
    const fieldType = resolveFieldType(connectionType, field, typeCondition, context.schema);
    if (!fieldType || !isCompositeType(fieldType) || !field.selectionSet) continue;
    if (field.name.value === "nodes") cost += 1 + costSelection(fieldType, field.selectionSet, context);
    if (field.name.value === "edges") {
      for (const edgeField of collectFields(field.selectionSet, context)) {
        if (edgeField.field.name.value !== "node" || !edgeField.field.selectionSet) continue;
        const nodeType = resolveFieldType(fieldType, edgeField.field, edgeField.typeCondition, context.schema);
        if (nodeType && isCompositeType(nodeType)) cost += 1 + costSelection(nodeType, edgeField.field.selectionSet, context);
      }
    }
  }
  return cost;
}

function costSelection(parentType: GraphQLCompositeType, selectionSet: SelectionSetNode, context: CostContext): number {
  let cost = 0;
  for (const { field, typeCondition } of collectFields(selectionSet, context)) {
    const fieldType = resolveFieldType(parentType, field, typeCondition, context.schema);
    if (!fieldType || !isCompositeType(fieldType) || !field.selectionSet) continue;
    if (isConnectionTypeName(fieldType.name)) {
      cost += CONNECTION_BASE_COST + readPageSize(field, context.variables) * costConnectionNode(fieldType, field.selectionSet, context);
    } else {
      cost += 1 + costSelection(fieldType, field.selectionSet, context);
    }
  }
  return cost;
}

/** Shopify's `requestedQueryCost`, computed from the document alone before anything runs. */
export function calculateRequestedCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  if (operation.operation === "mutation") {
    return operation.selectionSet.selections.filter((selection) => selection.kind === Kind.FIELD).length * MUTATION_FIELD_COST;
  }
  const rootType = schema.getQueryType();
  if (!rootType) return 0;
  return costSelection(rootType, operation.selectionSet, { schema, fragments, variables });
}

function costReturnedNodes(connection: Record<string, unknown>, connectionType: GraphQLCompositeType, selectionSet: SelectionSetNode, context: CostContext): number {
  let cost = 0;
  for (const { field, typeCondition } of collectFields(selectionSet, context)) {
    const fieldType = resolveFieldType(connectionType, field, typeCondition, context.schema);
    const returned = connection[field.alias?.value ?? field.name.value];
    if (!fieldType || !isCompositeType(fieldType) || !field.selectionSet || !Array.isArray(returned)) continue;
    if (field.name.value === "nodes") {
      for (const node of returned) cost += 1 + costReturnedObject(node, fieldType, field.selectionSet, context);
    }
    if (field.name.value === "edges") {
      for (const edgeField of collectFields(field.selectionSet, context)) {
        if (edgeField.field.name.value !== "node" || !edgeField.field.selectionSet) continue;
        const nodeType = resolveFieldType(fieldType, edgeField.field, edgeField.typeCondition, context.schema);
        if (!nodeType || !isCompositeType(nodeType)) continue;
        for (const edge of returned as Record<string, unknown>[]) {
          const node = edge[edgeField.field.alias?.value ?? "node"];
          cost += 1 + costReturnedObject(node, nodeType, edgeField.field.selectionSet, context);
        }
      }
    }
  }
  return cost;
}

function costReturnedObject(value: unknown, parentType: GraphQLCompositeType, selectionSet: SelectionSetNode, context: CostContext): number {
  if (value === null || typeof value !== "object") return 0;
  const record = value as Record<string, unknown>;
  let cost = 0;
  for (const { field, typeCondition } of collectFields(selectionSet, context)) {
    const fieldType = resolveFieldType(parentType, field, typeCondition, context.schema);
    const returned = record[field.alias?.value ?? field.name.value];
    if (!fieldType || !isCompositeType(fieldType) || !field.selectionSet || returned === null || returned === undefined) continue;
    if (isConnectionTypeName(fieldType.name)) {
      cost += CONNECTION_BASE_COST + costReturnedNodes(returned as Record<string, unknown>, fieldType, field.selectionSet, context);
    } else if (Array.isArray(returned)) {
      // A plain list is priced like one object, as the requested cost prices it.
      const selection = field.selectionSet;
      if (returned.length > 0) cost += 1 + Math.max(...returned.map((item) => costReturnedObject(item, fieldType, selection, context)));
    } else {
      cost += 1 + costReturnedObject(returned, fieldType, field.selectionSet, context);
    }
  }
  return cost;
}

/** Shopify's `actualQueryCost`: the same rules applied to what the query really returned. */
export function calculateActualCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  data: Record<string, unknown> | null | undefined,
): number {
  if (operation.operation === "mutation") return calculateRequestedCost(schema, operation, fragments, variables);
  const rootType = schema.getQueryType();
  if (!rootType || !data) return 0;
  return costReturnedObject(data, rootType, operation.selectionSet, { schema, fragments, variables });
}

export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };

/** One leaky bucket per shop and app; `now` is passed in so tests control time. */
export class CostBucket {
  maximumAvailable: number;
  restoreRate: number;
  private available: number;
  private updatedAtMs: number;

  constructor({ maximumAvailable, restoreRate }: { maximumAvailable: number; restoreRate: number }, now: Date) {
    this.maximumAvailable = maximumAvailable;
    this.restoreRate = restoreRate;
    this.available = maximumAvailable;
    this.updatedAtMs = now.getTime();
  }

  status(now: Date): ThrottleStatus {
    this.restore(now);
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }

  /** Takes `cost` points when the bucket holds them; returns false (and takes nothing) otherwise. */
  take(cost: number, now: Date): boolean {
    this.restore(now);
    if (this.available < cost) return false;
    this.available -= cost;
    return true;
  }

  refund(points: number, now: Date): void {
    this.restore(now);
    this.available = Math.min(this.maximumAvailable, this.available + points);
  }

  configure(settings: Partial<ThrottleStatus>, now: Date): void {
    this.restore(now);
    if (settings.maximumAvailable !== undefined) this.maximumAvailable = settings.maximumAvailable;
    if (settings.restoreRate !== undefined) this.restoreRate = settings.restoreRate;
    this.available = Math.min(this.maximumAvailable, settings.currentlyAvailable ?? this.available);
  }

  private restore(now: Date): void {
    const elapsedSeconds = Math.max(0, now.getTime() - this.updatedAtMs) / 1000;
    this.available = Math.min(this.maximumAvailable, this.available + elapsedSeconds * this.restoreRate);
    this.updatedAtMs = now.getTime();
  }
}
