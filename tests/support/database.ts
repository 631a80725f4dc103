import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { randomUUID } from "node:crypto";
import { createClient, type Client } from "@libsql/client";

export const projectRoot = resolve(import.meta.dirname, "../..");
export const APP_TOML_PATH = join(projectRoot, "shopify.app.toml");
const artifactsDir = join(projectRoot, "tests/.artifacts");
const templatePath = join(artifactsDir, "template.sqlite");

/** Migrates one template database per run; rebuilt only when a migration is newer than it. */
export function ensureTemplateDatabase(): string {
  mkdirSync(artifactsDir, { recursive: true });
  const migrationsChanged = statSync(join(projectRoot, "prisma/migrations")).mtimeMs;
  if (!existsSync(templatePath) || statSync(templatePath).mtimeMs < migrationsChanged) {
    execFileSync(join(projectRoot, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: `file:${templatePath}`, CHECKPOINT_DISABLE: "1" },
      stdio: "pipe",
    });
  }
  return templatePath;
}

/** A fresh copy of the migrated template, so every app under test starts from an empty database. */
export function createTestDatabase(): { path: string; url: string } {
  const dir = join(artifactsDir, "databases");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.sqlite`);
  copyFileSync(ensureTemplateDatabase(), path);
  return { path, url: `file:${path}` };
}

/** Direct SQL access to an app's database, for arranging rows and asserting what was stored. */
export function openDatabase(url: string): Client {
  return createClient({ url });
}

export type PatientDatabase = Pick<Client, "execute"> & { close: () => void };

/**
 * Reads a running app's SQLite file from the test process. A read that meets the app's commit is
 * refused at once (libsql sets no busy timeout), so it is simply asked again.
 */
export function openPatientDatabase(url: string): PatientDatabase {
  const client = openDatabase(url);
  const execute = async (statement: Parameters<Client["execute"]>[0]) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await client.execute(statement);
      } catch (error) {
        if (attempt >= 40 || !String(error).includes("database is locked")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  };
  return { execute: execute as Client["execute"], close: () => client.close() };
}
