import { hash, verify } from '@node-rs/argon2';

// OWASP's Argon2id recommendation (m = 19 MiB, t = 2, p = 1). `algorithm: 2` is Argon2id
// (the package's const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with Argon2id; the result carries its own salt and parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Checks a password against an Argon2id hash. */
export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

// A real hash to verify against when the user does not exist, so that timing does not reveal usernames.
let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, for unknown usernames. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('casebridge-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}
