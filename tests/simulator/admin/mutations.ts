// Admin mutations Kizuna uses (shopify-platform.md §9.3, §9.4): each runs a shop command, so the
// write and its webhooks come from one code path, and turns a rejected command into Shopify's
// `userErrors` (field, message, code) instead of a top-level error.
import { ShopCommandError, changeTags, findMetafieldProblems, setMetafields, type MetafieldsSetEntry } from "../shop/commands.ts";
import type { AdminContext, MetafieldAccessRecord, MetafieldDefinitionRecord, Views } from "./resolvers.ts";
import { isAppNamespace, ownerTypeOf, resolveNamespace } from "./resolvers.ts";

const MAX_METAFIELDS_PER_CALL = 25;
/** Definitions are shell state (ShopState has no counter for them); ids stay far below 2^53. */
const FIRST_DEFINITION_ID = 1800000001;

type UserError = { field: string[] | null; message: string; code?: string | null; elementIndex?: number | null };

type MetafieldsSetInput = { ownerId: string; namespace?: string | null; key: string; type?: string | null; value: string; compareDigest?: string | null };

type MetafieldDefinitionInput = {
  name: string;
  namespace?: string | null;
  key: string;
  type: string;
  description?: string | null;
  ownerType: string;
  access?: { admin?: string | null; storefront?: string | null; customerAccount?: string | null } | null;
};

/** The metafield types a definition may have (Shopify's list, less the reference and list types). */
const DEFINITION_TYPES = new Set([
  "boolean",
  "color",
  "date",
  "date_time",
  "dimension",
  "json",
  "money",
  "multi_line_text_field",
  "number_decimal",
  "number_integer",
  "rating",
  "rich_text_field",
  "single_line_text_field",
  "url",
  "volume",
  "weight",
]);

function userErrorOf(error: unknown): UserError {
  if (!(error instanceof ShopCommandError)) throw error;
  return { field: error.field.length > 0 ? error.field : null, message: error.message, code: error.code };
}

export function createMutationResolvers(context: AdminContext, views: Views) {
  const { state } = context;

  function nodeViewOf(id: string) {
    return views.findNode(id);
  }

  return {
    metafieldsSet: ({ metafields }: { metafields: MetafieldsSetInput[] }) => {
      if (metafields.length > MAX_METAFIELDS_PER_CALL) {
        return {
          metafields: [],
          userErrors: [{ field: ["metafields"], message: `Exceeded the maximum metafields input limit of ${MAX_METAFIELDS_PER_CALL}.`, code: "LESS_THAN_OR_EQUAL_TO", elementIndex: null }],
        };
      }
      // Every element is checked and every problem reported, each with its elementIndex; one problem
      // and nothing of the call is written.
      const userErrors: UserError[] = [];
      const entries: MetafieldsSetEntry[] = metafields.map((input, index) => {
        const namespace = resolveNamespace(input.namespace, context.appId);
        const ownerType = ownerTypeOf(input.ownerId);
        const definedType = context.metafieldDefinitions.find(
          (definition) => definition.ownerType === ownerType && definition.namespace === namespace && definition.key === input.key,
        )?.type;
        const existingType = state.metafields.get(input.ownerId)?.get(`${namespace}.${input.key}`)?.type;
        const type = input.type ?? definedType ?? existingType ?? "";
        if (type === "") userErrors.push({ field: ["metafields", String(index), "type"], message: "Type can't be blank", code: "BLANK", elementIndex: index });
        else if (definedType && definedType !== type) {
          userErrors.push({ field: ["metafields", String(index), "type"], message: `Type must be ${definedType}`, code: "INVALID_TYPE", elementIndex: index });
        }
        return {
          ownerId: input.ownerId,
          namespace,
          key: input.key,
          type,
          value: input.value,
          ...(input.compareDigest !== undefined ? { compareDigest: input.compareDigest } : {}),
        };
      });
      for (const problem of findMetafieldProblems(state, entries)) {
        userErrors.push({ field: problem.field, message: problem.message, code: problem.code, elementIndex: problem.index });
      }
      if (userErrors.length > 0) return { metafields: [], userErrors: userErrors.sort((left, right) => (left.elementIndex ?? 0) - (right.elementIndex ?? 0)) };
      const { events, result } = setMetafields(state, { metafields: entries }, context.now);
      context.emit(events);
      return { metafields: result.map(views.metafieldView), userErrors: [] };
    },

    metafieldDefinitionCreate: ({ definition }: { definition: MetafieldDefinitionInput }) => {
      const namespace = resolveNamespace(definition.namespace, context.appId);
      const appOwned = isAppNamespace(namespace, context.appId);
      const userErrors: UserError[] = [];
      if (definition.key.length < 2) userErrors.push({ field: ["definition", "key"], message: "Key is too short (minimum is 2 characters)", code: "TOO_SHORT" });
      if (definition.key.length > 64) userErrors.push({ field: ["definition", "key"], message: "Key is too long (maximum is 64 characters)", code: "TOO_LONG" });
      if (!/^[a-zA-Z0-9_-]*$/.test(definition.key)) {
        userErrors.push({ field: ["definition", "key"], message: "Key contains one or more invalid characters.", code: "INVALID" });
      }
      if (definition.name.trim() === "") userErrors.push({ field: ["definition", "name"], message: "Name can't be blank", code: "BLANK" });
      if (!DEFINITION_TYPES.has(definition.type)) userErrors.push({ field: ["definition", "type"], message: "Type name is not included in the list", code: "INCLUSION" });
      if (definition.access?.admin && !appOwned) {
        userErrors.push({
          field: ["definition", "access", "admin"],
          message: "Admin access can only be specified for app-owned metafield definitions.",
          code: "ADMIN_ACCESS_INPUT_NOT_ALLOWED",
        });
      }
      const taken = context.metafieldDefinitions.some(
        (existing) => existing.ownerType === definition.ownerType && existing.namespace === namespace && existing.key === definition.key,
      );
      if (taken) userErrors.push({ field: ["definition", "key"], message: `Key is in use for ${definition.ownerType.toLowerCase()} metafields on the '${namespace}' namespace.`, code: "TAKEN" });
      if (userErrors.length > 0) return { createdDefinition: null, userErrors };
      // Defaults as documented: an app-owned definition is readable by the merchant; nothing is
      // exposed to the storefront or customer accounts unless asked for.
      const access: MetafieldAccessRecord = {
        admin: definition.access?.admin ?? (appOwned ? "MERCHANT_READ" : "PUBLIC_READ_WRITE"),
        storefront: definition.access?.storefront ?? "NONE",
        customerAccount: definition.access?.customerAccount ?? "NONE",
      };
      const record: MetafieldDefinitionRecord = {
        id: `gid://shopify/MetafieldDefinition/${FIRST_DEFINITION_ID + context.metafieldDefinitions.length}`,
        name: definition.name,
        namespace,
        key: definition.key,
        type: definition.type,
        description: definition.description ?? null,
        ownerType: definition.ownerType,
        access,
      };
      context.metafieldDefinitions.push(record);
      return { createdDefinition: views.metafieldDefinitionView(record), userErrors: [] };
    },

    tagsAdd: ({ id, tags }: { id: string; tags: string[] }) => runTagChange(id, { add: tags }),
    tagsRemove: ({ id, tags }: { id: string; tags: string[] }) => runTagChange(id, { remove: tags }),

    bulkOperationRunQuery: ({ query, groupObjects }: { query: string; groupObjects: boolean }) => {
      const { bulkOperation, userErrors } = context.startBulkQuery(query, groupObjects);
      return { bulkOperation: bulkOperation ? views.bulkOperationView(bulkOperation) : null, userErrors };
    },

    bulkOperationCancel: ({ id }: { id: string }) => {
      const { bulkOperation, userErrors } = context.cancelBulkOperation(id);
      return {
        bulkOperation: bulkOperation ? views.bulkOperationView(bulkOperation) : null,
        userErrors: userErrors.map(({ field, message }) => ({ field, message })),
      };
    },
  };

  function runTagChange(id: string, change: { add?: string[]; remove?: string[] }) {
    try {
      const { events } = changeTags(state, { id, ...change }, context.now);
      context.emit(events);
      return { node: nodeViewOf(id), userErrors: [] };
    } catch (error) {
      const userError = userErrorOf(error);
      return { node: null, userErrors: [{ field: userError.field, message: userError.message }] };
    }
  }
}
