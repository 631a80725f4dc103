// CSV order import jobs: job name → handler, merged into jobHandlers.
import type { JobHandlers } from "./worker.server.ts";

export const importJobHandlers: JobHandlers = {};
