import { describe, expect, it } from 'vitest';
import { documentKinds } from './documents.schema.js';
import { kindFitsContent } from './kind-fit.js';

describe('which content a kind of document may have', () => {
  it('follows the table written out by hand', () => {
    const types = [
      'image/png',
      'application/pdf',
      'video/quicktime',
      'video/3gpp',
      'audio/amr',
      'text/plain',
    ];
    const table: Record<(typeof documentKinds)[number], string> = {
      //           png pdf mov 3gp amr txt
      complaint: ' x   x   .   .   .   x',
      report: '    x   x   .   .   .   x',
      medical: '   x   x   .   .   .   x',
      id_document: 'x   x   .   .   .   .',
      photo: '     x   .   .   .   .   .',
      video: '     .   .   x   x   .   .',
      audio: '     .   .   .   x   x   .',
      evidence: '  x   x   x   x   x   x',
      other: '     x   x   x   x   x   x',
    };
    for (const kind of documentKinds) {
      const expected = table[kind].trim().split(/\s+/);
      expect(
        types.map((t) => (kindFitsContent(kind, t) ? 'x' : '.')),
        kind,
      ).toEqual(expected);
    }
  });
});
