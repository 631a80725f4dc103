// What the simulator reads from the app's shopify.app.toml, as Shopify reads it at deploy time
// (shopify-platform.md §4.2): the webhook API version, the app-specific subscriptions (topics and
// compliance topics, relative URIs resolved against the app URL) and the granted access scopes.
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import type { WebhookSubscription } from "./delivery/outbox.ts";

export type AppConfig = { apiVersion: string; subscriptions: WebhookSubscription[]; accessScopes: string[] };

type TomlSubscription = { topics?: string[]; compliance_topics?: string[]; uri?: string; name?: string };

export function readAppConfig(path: string): AppConfig {
  const toml = parse(readFileSync(path, "utf8")) as {
    webhooks?: { api_version?: string; subscriptions?: TomlSubscription[] };
    access_scopes?: { scopes?: string };
  };
  const apiVersion = toml.webhooks?.api_version;
  if (!apiVersion) throw new Error(`${path} has no [webhooks] api_version`);
  const subscriptions: WebhookSubscription[] = [];
  for (const entry of toml.webhooks?.subscriptions ?? []) {
    if (!entry.uri) throw new Error(`${path}: a [[webhooks.subscriptions]] entry has no uri`);
    const uri = entry.uri.replace(/\/$/, "");
    for (const topic of [...(entry.topics ?? []), ...(entry.compliance_topics ?? [])]) {
      subscriptions.push({ topic, uri, name: entry.name ?? null });
    }
  }
  const accessScopes = (toml.access_scopes?.scopes ?? "")
    .split(",")
    .map((scope) => scope.trim())
    .filter(Boolean);
  return { apiVersion, subscriptions, accessScopes };
}
