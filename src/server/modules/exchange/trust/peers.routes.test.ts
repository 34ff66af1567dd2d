import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../../test/app.js';
import { useTestDatabase } from '../../../../../test/db.js';
import { makeOrganisation, makeUser } from '../../../../../test/factories.js';
import type { App } from '../../../platform/http/fastify-app.js';
import { exportPublicJwk, generateSigningKeyPair } from '../../../platform/crypto/signing.js';

const { db } = await useTestDatabase();

/** A trust entry of a node `nodeId` with the keys given and one station. */
const entryOf = (nodeId: string, keys: object[]) => ({
  nodeId,
  baseUrl: null,
  keys,
  organisations: [
    {
      code: `${nodeId}-st`,
      kind: 'station',
      nameFa: 'کلانتری ۱۲',
      nameEn: 'Station 12',
      provinceCode: 'IR-23',
      countyCode: `${nodeId}-county`,
    },
  ],
});

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The last character of a 32-byte key's base64url `x` carries four bits of the key and two spare bits, zero
 * in every encoder's output; setting one gives the same bytes under a spelling no encoder writes — a key
 * that parses but is not the `x` it claims.
 */
const misspelt = (x: string) => x.slice(0, -1) + BASE64URL[BASE64URL.indexOf(x.at(-1)!) + 1];

describe('adding a peer', () => {
  let app: App;
  let admin: string;
  beforeAll(async () => {
    ({ app } = await useTestApp(db));
    const hq = await makeOrganisation(db, { kind: 'hq' });
    admin = await signIn(app, (await makeUser(db, hq.id, 'admin')).username);
  });

  const post = (payload: object) =>
    app.inject({ method: 'POST', url: '/api/peers', headers: { cookie: admin }, payload });
  const countRows = async () => ({
    peers: (await db.selectFrom('peers').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow())
      .n,
    keys: (
      await db.selectFrom('peer_keys').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    ).n,
  });

  it('refuses a key that is not an Ed25519 public key with a 400 naming it, and writes nothing', async () => {
    const good = exportPublicJwk(generateSigningKeyPair().publicKey);
    const bad = { ...exportPublicJwk(generateSigningKeyPair().publicKey) };
    bad.x = misspelt(bad.x);
    const before = await countRows();

    const res = await post(entryOf('node-bad-key', [good, bad]));

    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid');
    expect(res.json().error.issues).toEqual([
      expect.objectContaining({ path: 'body.keys.1.x', code: 'validation.invalid_format' }),
    ]);
    expect(await countRows()).toEqual(before);
  });

  it('refuses an organisation in a province the reference tables do not know, and writes nothing', async () => {
    const entry = entryOf('node-nowhere', [exportPublicJwk(generateSigningKeyPair().publicKey)]);
    entry.organisations[0]!.provinceCode = 'IR-99';
    const before = await countRows();

    const res = await post(entry);

    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([
      expect.objectContaining({ path: 'body.organisations.0.provinceCode', code: 'reference.unknown' }),
    ]);
    expect(await countRows()).toEqual(before);
  });

  it('adds a node with good keys, its keys and its organisations at once', async () => {
    const keys = [generateSigningKeyPair(), generateSigningKeyPair()].map((k) =>
      exportPublicJwk(k.publicKey),
    );
    const res = await post(entryOf('node-good', keys));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ keysAdded: 2, organisations: 1 });
    const stored = await db
      .selectFrom('peer_keys')
      .select('kid')
      .where('node_id', '=', 'node-good')
      .execute();
    expect(stored).toHaveLength(2);
  });
});
