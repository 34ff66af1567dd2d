/**
 * The error a bad setting stops the node with. It lives below `config.ts` so that the platform code that checks a
 * setting's files at start (`tls-files.ts`) can raise it without importing the configuration.
 */

/** Thrown when the environment is invalid; the message names each bad variable. */
export class ConfigError extends Error {}

/** The configuration's problems, one line each (`VARIABLE: problem`), as one error. */
export function invalidConfiguration(lines: string[]): ConfigError {
  return new ConfigError(`Invalid configuration:\n${lines.map((l) => `  ${l}`).join('\n')}`);
}

/** A setting that parsed but does not work (a file that cannot be read, a key that fits no certificate). */
export function invalidSetting(variable: string, problem: string): ConfigError {
  return invalidConfiguration([`${variable}: ${problem}`]);
}
