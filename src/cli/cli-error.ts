/** Where a command writes: its normal output and its complaints. Tests and `main.ts` pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** A failure the operator can act on: printed as one line (no stack) with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
