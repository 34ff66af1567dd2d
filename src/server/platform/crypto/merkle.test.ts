import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './hash.js';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  merkleTreeHead,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';

const hex = (h: string): Uint8Array => {
  const bytes = fromHex(h);
  if (!bytes) throw new Error(`bad hex ${h}`);
  return bytes;
};

// The RFC 6962 reference tree used by every Certificate Transparency implementation, taken as data from
// transparency-dev/merkle (proof/verify_test.go, Apache-2.0; the same values are in certificate-transparency-go).
const ENTRIES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(hex);
const LEAVES = ENTRIES.map(leafHash);
/** ROOTS[n] is the tree head of the first n entries. */
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const rootOf = (n: number): Uint8Array => hex(ROOTS[n] ?? '');
/** Inclusion proofs of the reference tree (index is 0-based here; the Go file counts leaves from 1). */
const INCLUSION = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const CONSISTENCY = [
  { m: 1, n: 1, proof: [] },
  {
    m: 1,
    n: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    m: 6,
    n: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    m: 2,
    n: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    m: 6,
    n: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];
const SOME_HASH = hex('abacaba000000000000000000000000000000000000000000060061e00123456');

function flipBit(hashes: readonly Uint8Array[], bit: number): Uint8Array[] {
  const copy = hashes.map((h) => new Uint8Array(h));
  const target = copy[Math.floor(bit / 256)];
  if (!target) throw new Error('bit out of range');
  target[Math.floor((bit % 256) / 8)] = (target[Math.floor((bit % 256) / 8)] ?? 0) ^ (1 << (bit % 8));
  return copy;
}

describe('Merkle tree head', () => {
  it('is SHA-256 of the empty string for the empty tree', () => {
    expect(toHex(merkleTreeHead([]))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('hashes a leaf with the 0x00 prefix and a node with the 0x01 prefix', () => {
    expect(toHex(leafHash(new Uint8Array()))).toBe(ROOTS[1]);
    expect(toHex(nodeHash(leafHash(hex('')), leafHash(hex('00'))))).toBe(ROOTS[2]);
  });

  it.each(ROOTS.map((root, n) => [n, root] as const))(
    'matches the RFC 6962 reference root for the first %i entries',
    (n, root) => {
      expect(toHex(merkleTreeHead(LEAVES.slice(0, n)))).toBe(root);
    },
  );
});

describe('inclusion proofs', () => {
  it.each(INCLUSION)(
    'gives the reference proof for leaf $index of $size, and it verifies',
    ({ index, size, proof }) => {
      const leaves = LEAVES.slice(0, size);
      expect(inclusionProof(leaves, index).map(toHex)).toEqual(proof);
      expect(
        verifyInclusion({
          leafHash: leafHash(ENTRIES[index] ?? hex('')),
          index,
          treeSize: size,
          proof: proof.map(hex),
          rootHash: rootOf(size),
        }),
      ).toBe(true);
    },
  );

  it.each(INCLUSION.filter(({ size }) => size > 1))(
    'refuses the reference proof for leaf $index of $size once anything about it is wrong',
    ({ index, size, proof: hexProof }) => {
      const proof = hexProof.map(hex);
      const leaf = leafHash(ENTRIES[index] ?? hex(''));
      const root = rootOf(size);
      const wrong = [
        { leafHash: leaf, index: index - 1, treeSize: size, proof, rootHash: root },
        { leafHash: leaf, index: index + 1, treeSize: size, proof, rootHash: root },
        { leafHash: leaf, index: index ^ 2, treeSize: size, proof, rootHash: root },
        { leafHash: leaf, index, treeSize: size * 2, proof, rootHash: root },
        { leafHash: leaf, index, treeSize: Math.floor(size / 2), proof, rootHash: root },
        { leafHash: SOME_HASH, index, treeSize: size, proof, rootHash: root },
        { leafHash: leaf, index, treeSize: size, proof, rootHash: rootOf(0) },
        { leafHash: leaf, index, treeSize: size, proof, rootHash: SOME_HASH },
        { leafHash: leaf, index, treeSize: size, proof: [...proof, root], rootHash: root },
        { leafHash: leaf, index, treeSize: size, proof: [root, ...proof], rootHash: root },
        { leafHash: leaf, index, treeSize: size, proof: [...proof, new Uint8Array()], rootHash: root },
        { leafHash: leaf, index, treeSize: size, proof: proof.slice(0, -1), rootHash: root },
        {
          leafHash: leaf,
          index,
          treeSize: size,
          proof: [proof[0] ?? root, SOME_HASH, ...proof.slice(1)],
          rootHash: root,
        },
        ...proof.map((_, i) => ({
          leafHash: leaf,
          index,
          treeSize: size,
          proof: flipBit(proof, i * 256 + 3),
          rootHash: root,
        })),
      ];
      for (const probe of wrong) expect(verifyInclusion(probe)).toBe(false);
    },
  );

  it('refuses an index outside the tree, when asked for a proof or to verify one', () => {
    expect(() => inclusionProof(LEAVES, 8)).toThrow(RangeError);
    expect(() => inclusionProof(LEAVES, -1)).toThrow(RangeError);
    expect(() => inclusionProof([], 0)).toThrow(RangeError);
    for (const [index, treeSize] of [
      [0, 0],
      [1, 0],
      [2, 1],
    ] as const) {
      expect(verifyInclusion({ leafHash: SOME_HASH, index, treeSize, proof: [], rootHash: rootOf(0) })).toBe(
        false,
      );
    }
  });
});

describe('consistency proofs', () => {
  it.each(CONSISTENCY)('gives the reference proof from $m to $n, and it verifies', ({ m, n, proof }) => {
    expect(consistencyProof(LEAVES.slice(0, n), m).map(toHex)).toEqual(proof);
    expect(verifyConsistency({ m, n, proof: proof.map(hex), oldRoot: rootOf(m), newRoot: rootOf(n) })).toBe(
      true,
    );
  });

  it.each(CONSISTENCY.filter(({ m, n }) => m < n))(
    'refuses the reference proof from $m to $n once anything about it is wrong',
    ({ m, n, proof: hexProof }) => {
      const proof = hexProof.map(hex);
      const oldRoot = rootOf(m);
      const newRoot = rootOf(n);
      const wrongRoot = SOME_HASH;
      const wrong = [
        { m: m - 1, n, proof, oldRoot, newRoot },
        { m: m + 1, n, proof, oldRoot, newRoot },
        { m: m ^ 2, n, proof, oldRoot, newRoot },
        { m, n: n * 2, proof, oldRoot, newRoot },
        { m, n: Math.floor(n / 2), proof, oldRoot, newRoot },
        { m, n, proof, oldRoot: wrongRoot, newRoot },
        { m, n, proof, oldRoot, newRoot: wrongRoot },
        { m, n, proof, oldRoot: newRoot, newRoot: oldRoot },
        { m, n, proof: [], oldRoot, newRoot },
        { m, n, proof: [...proof, new Uint8Array()], oldRoot, newRoot },
        { m, n, proof: [...proof, oldRoot], oldRoot, newRoot },
        { m, n, proof: [...proof, newRoot], oldRoot, newRoot },
        { m, n, proof: [new Uint8Array(), ...proof], oldRoot, newRoot },
        { m, n, proof: [oldRoot, ...proof], oldRoot, newRoot },
        { m, n, proof: [newRoot, ...proof], oldRoot, newRoot },
        { m, n, proof: [proof[0] ?? oldRoot, ...proof], oldRoot, newRoot },
        { m, n, proof: proof.slice(0, -1), oldRoot, newRoot },
        ...proof.map((_, i) => ({ m, n, proof: flipBit(proof, i * 256 + 4), oldRoot, newRoot })),
      ];
      for (const probe of wrong) expect(verifyConsistency(probe)).toBe(false);
    },
  );

  it('treats equal sizes and the empty tree as the RFC 6962 implementations do', () => {
    const a = hex('00'.repeat(32));
    const b = hex('11'.repeat(32));
    expect(verifyConsistency({ m: 0, n: 0, proof: [], oldRoot: a, newRoot: a })).toBe(true);
    expect(verifyConsistency({ m: 0, n: 0, proof: [], oldRoot: a, newRoot: b })).toBe(false);
    expect(verifyConsistency({ m: 0, n: 1, proof: [], oldRoot: a, newRoot: b })).toBe(true);
    expect(verifyConsistency({ m: 1, n: 1, proof: [], oldRoot: b, newRoot: b })).toBe(true);
    expect(verifyConsistency({ m: 1, n: 1, proof: [], oldRoot: a, newRoot: b })).toBe(false);
    expect(verifyConsistency({ m: 1, n: 0, proof: [], oldRoot: a, newRoot: b })).toBe(false);
    expect(verifyConsistency({ m: 2, n: 1, proof: [], oldRoot: a, newRoot: b })).toBe(false);
    expect(verifyConsistency({ m: 1, n: 2, proof: [], oldRoot: a, newRoot: b })).toBe(false);
    expect(
      verifyConsistency({ m: 1, n: 1, proof: [rootOf(0)], oldRoot: rootOf(0), newRoot: rootOf(0) }),
    ).toBe(false);
    expect(
      verifyConsistency({ m: 0, n: 1, proof: [rootOf(0)], oldRoot: rootOf(0), newRoot: rootOf(0) }),
    ).toBe(false);
    expect(consistencyProof(LEAVES, 0)).toEqual([]);
    expect(consistencyProof(LEAVES, 8)).toEqual([]);
    expect(() => consistencyProof(LEAVES, 9)).toThrow(RangeError);
  });
});

describe('Merkle proofs: properties', () => {
  // A random tree of 1 to 70 leaves (every split shape up to 64, plus ragged edges). Entries start with their
  // index so that leaves are distinct: with equal leaves a proof for one index is honestly a proof for another.
  const tree = fc
    .array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 70 })
    .map((entries) => entries.map((entry, i) => leafHash(Uint8Array.of(i, ...entry))));
  const treeAndIndex = tree.chain((leaves) =>
    fc.record({ leaves: fc.constant(leaves), index: fc.nat({ max: leaves.length - 1 }) }),
  );

  it('verifies every inclusion proof of every leaf', () => {
    fc.assert(
      fc.property(treeAndIndex, ({ leaves, index }) => {
        const root = merkleTreeHead(leaves);
        const proof = inclusionProof(leaves, index);
        const leaf = leaves[index] ?? new Uint8Array();
        expect(
          verifyInclusion({ leafHash: leaf, index, treeSize: leaves.length, proof, rootHash: root }),
        ).toBe(true);
      }),
    );
  });

  it('refuses an inclusion proof with any one bit of the leaf, the proof or the root flipped', () => {
    const probe = treeAndIndex.chain(({ leaves, index }) => {
      const hashes = 2 + inclusionProof(leaves, index).length;
      return fc.record({
        leaves: fc.constant(leaves),
        index: fc.constant(index),
        bit: fc.nat({ max: hashes * 256 - 1 }),
      });
    });
    fc.assert(
      fc.property(probe, ({ leaves, index, bit }) => {
        const all = [
          leaves[index] ?? new Uint8Array(),
          merkleTreeHead(leaves),
          ...inclusionProof(leaves, index),
        ];
        const [leaf, root, ...proof] = flipBit(all, bit) as [Uint8Array, Uint8Array, ...Uint8Array[]];
        expect(
          verifyInclusion({ leafHash: leaf, index, treeSize: leaves.length, proof, rootHash: root }),
        ).toBe(false);
      }),
    );
  });

  it('refuses an inclusion proof presented for another index', () => {
    const probe = treeAndIndex.chain(({ leaves, index }) =>
      fc.record({
        leaves: fc.constant(leaves),
        index: fc.constant(index),
        other: fc.nat({ max: leaves.length }),
      }),
    );
    fc.assert(
      fc.property(
        probe.filter(({ index, other }) => index !== other),
        ({ leaves, index, other }) => {
          const proof = inclusionProof(leaves, index);
          const leaf = leaves[index] ?? new Uint8Array();
          const rootHash = merkleTreeHead(leaves);
          expect(
            verifyInclusion({ leafHash: leaf, index: other, treeSize: leaves.length, proof, rootHash }),
          ).toBe(false);
        },
      ),
    );
  });

  it('verifies every consistency proof between a prefix and the whole tree', () => {
    fc.assert(
      fc.property(treeAndIndex, ({ leaves, index }) => {
        const m = index + 1;
        const proof = consistencyProof(leaves, m);
        const oldRoot = merkleTreeHead(leaves.slice(0, m));
        const newRoot = merkleTreeHead(leaves);
        expect(verifyConsistency({ m, n: leaves.length, proof, oldRoot, newRoot })).toBe(true);
      }),
    );
  });

  it('refuses a consistency proof with any one bit of the old root, the new root or the proof flipped', () => {
    const probe = treeAndIndex.chain(({ leaves, index }) => {
      const hashes = 2 + consistencyProof(leaves, index + 1).length;
      return fc.record({
        leaves: fc.constant(leaves),
        m: fc.constant(index + 1),
        bit: fc.nat({ max: hashes * 256 - 1 }),
      });
    });
    fc.assert(
      fc.property(probe, ({ leaves, m, bit }) => {
        const all = [
          merkleTreeHead(leaves.slice(0, m)),
          merkleTreeHead(leaves),
          ...consistencyProof(leaves, m),
        ];
        const [oldRoot, newRoot, ...proof] = flipBit(all, bit) as [Uint8Array, Uint8Array, ...Uint8Array[]];
        expect(verifyConsistency({ m, n: leaves.length, proof, oldRoot, newRoot })).toBe(false);
      }),
    );
  });

  it('refuses a consistency proof between trees that do not share the prefix', () => {
    fc.assert(
      fc.property(
        treeAndIndex.filter(({ leaves, index }) => index + 1 < leaves.length),
        ({ leaves, index }) => {
          const m = index + 1;
          const forked = [
            ...leaves.slice(0, index),
            leafHash(new Uint8Array(10).fill(0xff)),
            ...leaves.slice(m),
          ];
          const proof = consistencyProof(forked, m);
          const oldRoot = merkleTreeHead(leaves.slice(0, m));
          const newRoot = merkleTreeHead(forked);
          expect(verifyConsistency({ m, n: leaves.length, proof, oldRoot, newRoot })).toBe(false);
        },
      ),
    );
  });

  it('computes the same tree head as a naive level-by-level construction', () => {
    const naive = (leaves: readonly Uint8Array[]): Uint8Array => {
      // RFC 9162 §2.1.1 written as its definition: split at the largest power of two below n.
      if (leaves.length === 1) return leaves[0] ?? new Uint8Array();
      let k = 1;
      while (k * 2 < leaves.length) k *= 2;
      return nodeHash(naive(leaves.slice(0, k)), naive(leaves.slice(k)));
    };
    fc.assert(
      fc.property(tree, (leaves) => {
        expect(toHex(merkleTreeHead(leaves))).toBe(toHex(naive(leaves)));
      }),
    );
  });
});
