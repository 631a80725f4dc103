import { createTestDatabase } from "../support/database.ts";
import { TEST_API_KEY, TEST_API_SECRET } from "../support/app.ts";

// In-process server tests import app modules, which validate the environment at import time;
// each test file gets its own copy of the migrated database.
process.env.DATABASE_URL = createTestDatabase().url;
process.env.SHOPIFY_API_KEY ??= TEST_API_KEY;
process.env.SHOPIFY_API_SECRET ??= TEST_API_SECRET;
process.env.SHOPIFY_APP_URL ??= "http://127.0.0.1:9";
process.env.LOG_LEVEL ??= "error";
