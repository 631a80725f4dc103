// The contract of a `kizuna` subcommand (docs/cli.md). A problem with what the user gave it (a flag, a
// file, its contents) is an InputError: one line on stderr and exit code 2. Anything else is a defect.
export class InputError extends Error {
  override name = "InputError";
}

export const INPUT_ERROR_EXIT_CODE = 2;

export type CommandIo = {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
};

export type Command = {
  /** One line for `kizuna --help`. */
  readonly summary: string;
  readonly usage: string;
  readonly run: (args: readonly string[], io: CommandIo) => Promise<void>;
};
