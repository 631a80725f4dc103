import { json } from "@remix-run/node";
import { checkHealth } from "../services/health.server.ts";

export async function loader() {
  const health = await checkHealth();
  return json(health, { status: health.ok ? 200 : 503 });
}
