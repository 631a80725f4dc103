// English strings of the imports screens; ja/imports.ts mirrors them key for key.
export const imports = {};
