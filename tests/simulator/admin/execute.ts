// One Admin GraphQL request, priced and throttled as Shopify does (shopify-platform.md §3.4, §9.1):
// over 1000 requested points → MAX_COST_EXCEEDED; not enough points in the bucket → THROTTLED;
// both as HTTP 200 with errors[].extensions.code, and every answer carries extensions.cost.
import { execute, Kind, parse, validate, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { calculateActualCost, calculateRequestedCost, SINGLE_QUERY_MAX_COST, type CostBucket } from "./cost.ts";
import { adminSchema, createRootValue, type AdminContext } from "./resolvers.ts";

const RATE_LIMITS_DOCUMENTATION = "https://shopify.dev/api/usage/rate-limits";

export type GraphqlRequestBody = { query?: unknown; variables?: unknown; operationName?: unknown };

export type GraphqlOutcome = "ok" | "errors" | "throttled" | "max-cost-exceeded";

export type GraphqlAnswer = {
  body: Record<string, unknown>;
  outcome: GraphqlOutcome;
  operationName: string | null;
  variables: Record<string, unknown>;
};

function selectOperation(document: DocumentNode, operationName: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((operation) => operation.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/** The name of the operation a request would run, read from the document when the body names none. */
export function readOperationName(request: GraphqlRequestBody): string | null {
  const requestedName = typeof request.operationName === "string" ? request.operationName : null;
  if (typeof request.query !== "string") return requestedName;
  try {
    return selectOperation(parse(request.query), requestedName)?.name?.value ?? requestedName;
  } catch {
    return requestedName;
  }
}

export async function answerGraphqlRequest(
  request: GraphqlRequestBody,
  { context, bucket }: { context: AdminContext; bucket: CostBucket },
): Promise<GraphqlAnswer> {
  const variables = request.variables && typeof request.variables === "object" ? (request.variables as Record<string, unknown>) : {};
  const requestedName = typeof request.operationName === "string" ? request.operationName : null;
  const fail = (message: string, operationName: string | null): GraphqlAnswer => ({
    body: { errors: [{ message }] },
    outcome: "errors",
    operationName,
    variables,
  });
  if (typeof request.query !== "string") return fail("No query string was present", requestedName);
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    return fail((error as Error).message, requestedName);
  }
  const operation = selectOperation(document, requestedName);
  const operationName = operation?.name?.value ?? requestedName;
  const validationErrors = validate(adminSchema, document);
  if (validationErrors.length > 0 || !operation) {
    return {
      body: { errors: validationErrors.length > 0 ? validationErrors.map((error) => error.toJSON()) : [{ message: "An operation name is required" }] },
      outcome: "errors",
      operationName,
      variables,
    };
  }
  const fragments = Object.fromEntries(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const requestedQueryCost = calculateRequestedCost(adminSchema, operation, fragments, variables);
  const costExtension = (actualQueryCost: number | null) => ({
    cost: { requestedQueryCost, actualQueryCost, throttleStatus: bucket.status(context.now) },
  });
  if (requestedQueryCost > SINGLE_QUERY_MAX_COST) {
    return {
      body: {
        errors: [
          {
            message: `Query cost is ${requestedQueryCost}, which exceeds the single query max cost limit (${SINGLE_QUERY_MAX_COST}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
            extensions: { code: "MAX_COST_EXCEEDED", cost: requestedQueryCost, maxCost: SINGLE_QUERY_MAX_COST, documentation: RATE_LIMITS_DOCUMENTATION },
          },
        ],
        extensions: costExtension(null),
      },
      outcome: "max-cost-exceeded",
      operationName,
      variables,
    };
  }
  if (!bucket.take(requestedQueryCost, context.now)) {
    return {
      body: {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: RATE_LIMITS_DOCUMENTATION } }],
        extensions: costExtension(null),
      },
      outcome: "throttled",
      operationName,
      variables,
    };
  }
  const result = await execute({
    schema: adminSchema,
    document,
    rootValue: createRootValue(context),
    contextValue: context,
    variableValues: variables,
    operationName: operation.name?.value,
  });
  const data = (result.data ?? null) as Record<string, unknown> | null;
  const actualQueryCost = Math.min(requestedQueryCost, calculateActualCost(adminSchema, operation, fragments, variables, data));
  bucket.refund(requestedQueryCost - actualQueryCost, context.now);
  const body: Record<string, unknown> = {};
  if (result.errors) body.errors = result.errors.map((error) => error.toJSON());
  body.data = data;
  body.extensions = costExtension(actualQueryCost);
  return { body, outcome: result.errors ? "errors" : "ok", operationName, variables };
}
