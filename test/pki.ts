import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs `openssl` with the options written out in `options` (split at spaces), then the file arguments. */
const openssl = (options: string, ...files: string[]) => run('openssl', [...options.split(' '), ...files]);

const NEW_P256_KEY = '-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes';

/** Files of a throwaway PKI, as an intranet would have: its CA, and one node's certificate signed by it. */
export interface TestPki {
  caFile: string;
  certFile: string;
  keyFile: string;
  /** A CA that signed nothing here: trusting it alone must not make the node's certificate valid. */
  otherCaFile: string;
  /** A key that is not the certificate's. */
  otherKeyFile: string;
}

async function makeCa(dir: string, name: string): Promise<{ crt: string; key: string }> {
  const crt = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  await openssl(`req -x509 ${NEW_P256_KEY} -days 2 -subj /CN=${name} -keyout`, key, '-out', crt);
  return { crt, key };
}

/** Makes, with the machine's `openssl`, a CA and a certificate for 127.0.0.1 and localhost signed by it, in `dir`. */
export async function makeTestPki(dir: string): Promise<TestPki> {
  const ca = await makeCa(dir, 'casebridge-test-ca');
  const other = await makeCa(dir, 'another-ca');
  const [keyFile, csr, certFile, extensions] = ['node.key', 'node.csr', 'node.crt', 'node.ext'].map((f) =>
    path.join(dir, f),
  ) as [string, string, string, string];
  await fs.writeFile(extensions, 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  await openssl(`req ${NEW_P256_KEY} -subj /CN=127.0.0.1 -keyout`, keyFile, '-out', csr);
  await openssl(
    'x509 -req -days 2 -CAcreateserial -in',
    csr,
    '-CA',
    ca.crt,
    '-CAkey',
    ca.key,
    '-out',
    certFile,
    '-extfile',
    extensions,
  );
  return { caFile: ca.crt, certFile, keyFile, otherCaFile: other.crt, otherKeyFile: other.key };
}
