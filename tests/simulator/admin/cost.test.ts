import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { calculateActualCost, calculateRequestedCost, CostBucket } from "./cost.ts";
import { adminSchema } from "./resolvers.ts";

function requestedCostOf(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return calculateRequestedCost(adminSchema, operation, fragments, variables);
}

describe("calculateRequestedCost", () => {
  it.each([
    ["a scalar on the root object", "{ shop { name } }", 1],
    ["scalars and enums only", "{ shop { name currencyCode ianaTimezone enabledPresentmentCurrencies } }", 1],
    ["a nested object", "{ currentAppInstallation { accessScopes { handle } } }", 2],
    ["a connection of 10 nodes with scalars", "{ customers(first: 10) { edges { node { id email } } } }", 12],
    ["a connection through `nodes`", "{ customers(first: 10) { nodes { id } } }", 12],
    ["a connection with an object per node", "{ customers(first: 10) { nodes { id amountSpent { amount } } } }", 22],
    ["a nested connection", "{ orders(first: 50) { nodes { id lineItems(first: 10) { nodes { id } } } } }", 652],
    ["money bags", "{ orders(first: 5) { nodes { totalPriceSet { shopMoney { amount } presentmentMoney { amount } } } } }", 22],
    ["fragments", "query { customers(first: 2) { nodes { ...Customer } } } fragment Customer on Customer { id amountSpent { amount } }", 6],
    ["a mutation", "mutation { tagsAdd(id: \"gid://shopify/Customer/1\", tags: [\"vip\"]) { userErrors { message } } }", 10],
  ])("prices %s", (_label, query, expected) => {
    expect(requestedCostOf(query)).toBe(expected);
  });

  it("reads the page size from variables", () => {
    expect(requestedCostOf("query ($first: Int) { customers(first: $first) { nodes { id } } }", { first: 250 })).toBe(252);
  });
});

describe("calculateActualCost", () => {
  it("prices the nodes that came back, not the page size asked for", () => {
    const document = parse("{ customers(first: 10) { nodes { id amountSpent { amount } } } }");
    const operation = document.definitions[0] as OperationDefinitionNode;
    const data = { customers: { nodes: [{ id: "a", amountSpent: { amount: "1" } }, { id: "b", amountSpent: { amount: "2" } }] } };
    expect(calculateActualCost(adminSchema, operation, {}, {}, data)).toBe(6);
  });
});

describe("CostBucket", () => {
  const start = new Date("2026-11-20T10:00:00Z");
  const after = (seconds: number) => new Date(start.getTime() + seconds * 1000);

  it("refuses a cost larger than what is left and takes nothing", () => {
    const bucket = new CostBucket({ maximumAvailable: 100, restoreRate: 10 }, start);
    expect(bucket.take(80, start)).toBe(true);
    expect(bucket.take(30, start)).toBe(false);
    expect(bucket.status(start)).toEqual({ maximumAvailable: 100, currentlyAvailable: 20, restoreRate: 10 });
  });

  it("restores points at the restore rate up to the maximum", () => {
    const bucket = new CostBucket({ maximumAvailable: 100, restoreRate: 10 }, start);
    bucket.take(100, start);
    expect(bucket.status(after(3)).currentlyAvailable).toBe(30);
    expect(bucket.status(after(60)).currentlyAvailable).toBe(100);
  });

  it("gives back refunded points without exceeding the maximum", () => {
    const bucket = new CostBucket({ maximumAvailable: 100, restoreRate: 10 }, start);
    bucket.take(50, start);
    bucket.refund(70, start);
    expect(bucket.status(start).currentlyAvailable).toBe(100);
  });
});
