#!/usr/bin/env node
// The `kizuna` command (docs/cli.md): one entry in COMMANDS per subcommand. Input problems exit 2 with
// one line on stderr; anything else is a defect and keeps its stack trace (exit 1).
import { ANALYZE_USAGE, runAnalyze } from "./analyze.ts";
import { INPUT_ERROR_EXIT_CODE, InputError } from "./command.ts";
import { IMPORT_USAGE, runImport } from "./import.ts";
import type { Command, CommandIo } from "./command.ts";

const COMMANDS: Readonly<Record<string, Command>> = {
  analyze: {
    summary:
      "RFM, segments and CLV predictions per customer from an orders file",
    usage: ANALYZE_USAGE,
    run: runAnalyze,
  },
  import: {
    summary: "Import an orders file into a store's Kizuna database",
    usage: IMPORT_USAGE,
    run: runImport,
  },
};

function describeCommands(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((name) => name.length));
  return [
    "Usage: kizuna <command> [options]",
    "",
    ...names.map(
      (name) =>
        `  ${name.padEnd(width)}  ${(COMMANDS[name] as Command).summary}`,
    ),
    "",
    "Run kizuna <command> --help for its options.",
    "",
  ].join("\n");
}

async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    (name === undefined ? io.stderr : io.stdout).write(describeCommands());
    return name === undefined ? INPUT_ERROR_EXIT_CODE : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.stderr.write(
      `kizuna: unknown command "${name}"\n\n${describeCommands()}`,
    );
    return INPUT_ERROR_EXIT_CODE;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(command.usage);
    return 0;
  }
  try {
    await command.run(args, io);
    return 0;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.stderr.write(`kizuna ${name}: ${error.message}\n`);
    return INPUT_ERROR_EXIT_CODE;
  }
}

// A reader that stops early (`| head`) closes the pipe; that ends the output, it is not a failure.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});
