import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "smol-toml";
import { projectRoot } from "./database.ts";

export type WebhookSubscription = { topic: string; uri: string; compliance: boolean };

type TomlSubscription = { topics?: string[]; compliance_topics?: string[]; uri: string };

/** The webhook subscriptions and API version that shopify.app.toml declares. */
export function readWebhookConfig(tomlPath = join(projectRoot, "shopify.app.toml")): {
  apiVersion: string;
  subscriptions: WebhookSubscription[];
} {
  const toml = parse(readFileSync(tomlPath, "utf8")) as { webhooks: { api_version: string; subscriptions: TomlSubscription[] } };
  const subscriptions = toml.webhooks.subscriptions.flatMap((entry) => [
    ...(entry.topics ?? []).map((topic) => ({ topic, uri: entry.uri, compliance: false })),
    ...(entry.compliance_topics ?? []).map((topic) => ({ topic, uri: entry.uri, compliance: true })),
  ]);
  return { apiVersion: toml.webhooks.api_version, subscriptions };
}
