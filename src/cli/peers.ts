import fs from 'node:fs/promises';
import type { Config } from '../server/config.js';
import { trustEntrySchema } from '../domain/trust.schema.js';
import { loadOrCreateNodeKeys, rotateNodeKey } from '../server/modules/exchange/trust/node-keys.usecase.js';
import {
  exportOwnTrustEntry,
  listPeers,
  registerOwnKeys,
  revokeKey,
  upsertPeer,
} from '../server/modules/exchange/trust/trust.repository.js';
import { CliError, withDatabase, type CliIo } from './cli-context.js';
import { formatTable } from './table.js';

/** `casebridge peers list`: the trusted nodes (this one included) and their keys. */
export async function runPeersList(config: Config, io: CliIo): Promise<number> {
  const peers = await withDatabase(config, 'require-migrated', ({ db }) => listPeers(db));
  const rows = peers.flatMap((p) =>
    p.keys.map((k) => [
      p.nodeId === config.nodeId ? `${p.nodeId} (this node)` : p.nodeId,
      p.baseUrl ?? '—',
      k.kid,
      k.revoked ? 'revoked' : 'valid',
    ]),
  );
  for (const line of formatTable(['NODE', 'URL', 'KEY ID', 'STATE'], rows)) io.out(line);
  return 0;
}

/**
 * `casebridge peers export [--url URL] [--out FILE]`: this node's trust entry (node id, URL, public
 * keys, organisations), to hand to the operators of another node.
 */
export async function runPeersExport(
  config: Config,
  options: { url?: string | undefined; out?: string | undefined },
  io: CliIo,
): Promise<number> {
  const url = options.url ?? `http://${config.host}:${config.port}`;
  const entry = await withDatabase(config, 'prepare', async ({ db }) => {
    const keys = await loadOrCreateNodeKeys({ dataDir: config.dataDir, nodeId: config.nodeId });
    await registerOwnKeys(db, config.nodeId, keys);
    return exportOwnTrustEntry(db, { nodeId: config.nodeId, baseUrl: url, keys });
  });
  const text = `${JSON.stringify(entry, null, 2)}\n`;
  if (options.out) {
    await fs.writeFile(options.out, text);
    io.out(`trust entry of ${config.nodeId} written to ${options.out}`);
  } else io.out(text.trimEnd());
  return 0;
}

/** `casebridge peers add --file FILE`: trusts another node from its trust entry. */
export async function runPeersAdd(config: Config, options: { file: string }, io: CliIo): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(options.file, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read ${options.file}: ${(error as Error).message}`);
  }
  const parsed = trustEntrySchema.safeParse(raw);
  if (!parsed.success)
    throw new CliError(
      `not a trust entry: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  if (parsed.data.nodeId === config.nodeId) throw new CliError('that is this node’s own trust entry');
  const result = await withDatabase(config, 'prepare', ({ db }) => upsertPeer(db, parsed.data));
  io.out(
    `trusted ${parsed.data.nodeId} at ${parsed.data.baseUrl ?? '—'}: ${result.keysAdded} new key(s), ${result.organisations} organisation(s)`,
  );
  return 0;
}

/** `casebridge keys revoke KID`: nothing signed with that key is accepted any more. */
export async function runKeysRevoke(config: Config, kid: string, io: CliIo): Promise<number> {
  const done = await withDatabase(config, 'require-migrated', ({ db }) => revokeKey(db, kid, new Date()));
  if (!done) throw new CliError(`no valid key ${kid} in the trust store`, 2);
  io.out(`key ${kid} revoked`);
  return 0;
}

/** `casebridge keys rotate`: a new signing key for this node; the old one stays valid for old signatures. */
export async function runKeysRotate(config: Config, io: CliIo): Promise<number> {
  const rotated = await rotateNodeKey({ dataDir: config.dataDir });
  await withDatabase(config, 'prepare', async ({ db }) =>
    registerOwnKeys(
      db,
      config.nodeId,
      await loadOrCreateNodeKeys({ dataDir: config.dataDir, nodeId: config.nodeId }),
    ),
  );
  io.out(`new signing key ${rotated.kid}; ${rotated.retired} retired (still verifies old signatures)`);
  io.out('give the other nodes the new trust entry: casebridge peers export');
  return 0;
}
