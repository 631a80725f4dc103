// Japanese strings of the backfill screens.
import type { Messages } from "../en.ts";

export const backfill = {} satisfies Messages["backfill"];
