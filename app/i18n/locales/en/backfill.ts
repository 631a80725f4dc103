// English strings of the backfill screens; ja/backfill.ts mirrors them key for key.
export const backfill = {};
