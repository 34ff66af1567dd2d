import fs from 'node:fs/promises';
import path from 'node:path';
import tls from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestPki, type TestPki } from '../../../test/tls.js';
import { ConfigError } from './config-error.js';
import { readPeerCa, readServerTls } from './tls-files.js';

describe('the TLS files a node is given', () => {
  let pki: TestPki;
  beforeAll(async () => {
    pki = await useTestPki();
  });

  it('reads a certificate and its key', async () => {
    const served = await readServerTls({ tls: { certFile: pki.certFile, keyFile: pki.keyFile } });
    expect(served?.cert).toBe(await fs.readFile(pki.certFile, 'utf8'));
    expect(served?.key).toBe(await fs.readFile(pki.keyFile, 'utf8'));
    expect(await readServerTls({ tls: null })).toBeNull();
  });

  it('stops the node at start, naming the variable: a missing file, a file that is not PEM, a key of another certificate', async () => {
    const missing = path.join(path.dirname(pki.certFile), 'absent.crt');
    await expect(readServerTls({ tls: { certFile: missing, keyFile: pki.keyFile } })).rejects.toThrow(
      /TLS_CERT_FILE: cannot read .*absent\.crt \(ENOENT\)/,
    );
    await expect(readServerTls({ tls: { certFile: pki.keyFile, keyFile: pki.keyFile } })).rejects.toThrow(
      /TLS_CERT_FILE: is not a PEM certificate/,
    );
    await expect(readServerTls({ tls: { certFile: pki.certFile, keyFile: pki.certFile } })).rejects.toThrow(
      /TLS_KEY_FILE: is not a PEM private key/,
    );
    const mismatch = readServerTls({ tls: { certFile: pki.certFile, keyFile: pki.otherKeyFile } });
    await expect(mismatch).rejects.toThrow(/TLS_KEY_FILE: is not the private key of the certificate/);
    await expect(mismatch).rejects.toBeInstanceOf(ConfigError);
  });

  it('trusts an intranet CA besides Node\u2019s roots, and refuses a CA file without a certificate', async () => {
    const ca = await readPeerCa({ tlsCaFile: pki.caFile });
    expect(ca).toHaveLength(tls.rootCertificates.length + 1);
    expect(ca?.at(-1)?.trim()).toBe((await fs.readFile(pki.caFile, 'utf8')).trim());
    expect(await readPeerCa({ tlsCaFile: null })).toBeNull();
    await expect(readPeerCa({ tlsCaFile: pki.keyFile })).rejects.toThrow(
      /TLS_CA_FILE: holds no PEM certificate/,
    );
  });
});
