import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import tls from 'node:tls';
import { invalidSetting } from './config-error.js';

/** What the node serves HTTPS with. */
export interface ServerTls {
  cert: string;
  key: string;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

async function readSetting(variable: string, file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    throw invalidSetting(
      variable,
      `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

function parseCertificate(variable: string, pem: string): crypto.X509Certificate {
  try {
    return new crypto.X509Certificate(pem);
  } catch {
    throw invalidSetting(variable, 'is not a PEM certificate');
  }
}

/**
 * The certificate (with its chain) and private key the node serves HTTPS with, read at start and checked
 * to be a pair, so that a wrong file stops the node with a message naming it instead of failing every
 * handshake later. Null when TLS_CERT_FILE/TLS_KEY_FILE are not set (plain HTTP).
 */
export async function readServerTls(config: {
  tls: { certFile: string; keyFile: string } | null;
}): Promise<ServerTls | null> {
  if (!config.tls) return null;
  const cert = await readSetting('TLS_CERT_FILE', config.tls.certFile);
  const key = await readSetting('TLS_KEY_FILE', config.tls.keyFile);
  const certificate = parseCertificate('TLS_CERT_FILE', cert);
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey(key);
  } catch {
    throw invalidSetting('TLS_KEY_FILE', 'is not a PEM private key');
  }
  if (!certificate.checkPrivateKey(privateKey))
    throw invalidSetting('TLS_KEY_FILE', 'is not the private key of the certificate in TLS_CERT_FILE');
  return { cert, key };
}

/**
 * The certificate authorities the node trusts when it calls peer nodes over HTTPS: Node's bundled roots
 * plus each certificate of TLS_CA_FILE (an intranet's own CA). Null when TLS_CA_FILE is not set (the
 * bundled roots alone).
 */
export async function readPeerCa(config: { tlsCaFile: string | null }): Promise<string[] | null> {
  if (!config.tlsCaFile) return null;
  const certificates = (await readSetting('TLS_CA_FILE', config.tlsCaFile)).match(PEM_CERTIFICATE) ?? [];
  if (certificates.length === 0) throw invalidSetting('TLS_CA_FILE', 'holds no PEM certificate');
  for (const pem of certificates) parseCertificate('TLS_CA_FILE', pem);
  return [...tls.rootCertificates, ...certificates];
}
