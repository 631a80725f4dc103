import { existsSync } from "node:fs";
import { join } from "node:path";
import { ensureTemplateDatabase, projectRoot } from "../support/database.ts";

// Server and browser tests run the built app, as production does; `npm test` builds it first.
export default function setup(): void {
  if (!existsSync(join(projectRoot, "build/server/index.js"))) {
    throw new Error("No build found: run `npm run build` before the server and e2e tests.");
  }
  ensureTemplateDatabase();
}
