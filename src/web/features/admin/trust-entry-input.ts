import { trustEntrySchema, type TrustEntry } from '../../../domain/trust.schema.js';

/** What a pasted trust entry turned out to be: the entry to send, or the i18n keys of what is wrong. */
export type TrustEntryInput = { ok: true; entry: TrustEntry } | { ok: false; errors: string[] };

/** The top-level field of a trust entry → the sentence that explains a problem in it. */
const fieldErrors: Record<string, string> = {
  nodeId: 'errors.trust.node_id',
  baseUrl: 'errors.trust.base_url',
  keys: 'errors.trust.keys',
  organisations: 'errors.trust.organisations',
};

/**
 * Reads another node's trust entry pasted as JSON and checks it with the server's own schema before
 * anything is sent: one sentence per wrong field (in field order), and this node's own entry is refused.
 */
export function parseTrustEntryInput(text: string, ownNodeId: string | undefined): TrustEntryInput {
  if (!text.trim()) return { ok: false, errors: ['errors.trust.empty'] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, errors: ['errors.trust.not_json'] };
  }
  const parsed = trustEntrySchema.safeParse(json);
  if (!parsed.success) {
    const keys = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      keys.add((typeof field === 'string' && fieldErrors[field]) || 'errors.trust.invalid');
    }
    const order = [...Object.values(fieldErrors), 'errors.trust.invalid'];
    return { ok: false, errors: [...keys].sort((a, b) => order.indexOf(a) - order.indexOf(b)) };
  }
  if (ownNodeId && parsed.data.nodeId === ownNodeId) return { ok: false, errors: ['errors.trust.own_node'] };
  return { ok: true, entry: parsed.data };
}
