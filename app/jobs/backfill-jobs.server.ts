// History backfill jobs (bulk operation polling and JSONL import): job name → handler, merged into jobHandlers.
import type { JobHandlers } from "./worker.server.ts";

export const backfillJobHandlers: JobHandlers = {};
