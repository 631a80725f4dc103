import { baseEnv } from "./base-env.server.ts";

// Structured one-line JSON logs. Callers pass identifiers (shop, topic, eventKey, jobId), never
// payloads, names, e-mails or tokens: those are protected customer data or secrets.
type Level = "debug" | "info" | "warn" | "error";
type Fields = Record<string, string | number | boolean | null | undefined>;

const LEVELS: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function write(level: Level, message: string, fields: Fields): void {
  if (LEVELS[level] < LEVELS[baseEnv.LOG_LEVEL]) return;
  const line = JSON.stringify({ level, message, ...fields, at: new Date().toISOString() });
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const log = {
  debug: (message: string, fields: Fields = {}) => write("debug", message, fields),
  info: (message: string, fields: Fields = {}) => write("info", message, fields),
  warn: (message: string, fields: Fields = {}) => write("warn", message, fields),
  error: (message: string, fields: Fields = {}) => write("error", message, fields),
};
