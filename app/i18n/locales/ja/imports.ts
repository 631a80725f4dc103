// Japanese strings of the imports screens.
import type { Messages } from "../en.ts";

export const imports = {} satisfies Messages["imports"];
