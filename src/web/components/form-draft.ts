/**
 * A form's unsaved content, kept in the browser's localStorage per user and form until it is saved or
 * discarded, so that a reload, a crash or a new sign-in loses nothing (decision 0024). Drafts older than
 * `DRAFT_MAX_AGE_MS` are dropped when read: they hold personal data on a shared computer.
 */
export interface StoredDraft<T> {
  /** ISO instant of the last change. */
  savedAt: string;
  values: T;
}

const PREFIX = 'casebridge.draft.';
export const DRAFT_MAX_AGE_MS = 3 * 24 * 60 * 60_000;

export const draftKey = (userId: string, formId: string) => `${PREFIX}${userId}.${formId}`;

/** Storage that may be missing or full: a draft not kept is a loss of convenience, never an error. */
function attempt<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

export function keepDraft(storage: Storage, key: string, values: unknown, now: Date): void {
  attempt(() => storage.setItem(key, JSON.stringify({ savedAt: now.toISOString(), values })), undefined);
}

export function readDraft<T>(storage: Storage, key: string, now: Date): StoredDraft<T> | null {
  const text = attempt(() => storage.getItem(key), null);
  if (text === null) return null;
  const draft = attempt(() => JSON.parse(text) as Partial<StoredDraft<T>>, null);
  const savedAt = typeof draft?.savedAt === 'string' ? Date.parse(draft.savedAt) : Number.NaN;
  if (
    !draft ||
    draft.values === undefined ||
    Number.isNaN(savedAt) ||
    now.getTime() - savedAt > DRAFT_MAX_AGE_MS
  ) {
    dropDraft(storage, key);
    return null;
  }
  return { savedAt: draft.savedAt!, values: draft.values };
}

export function dropDraft(storage: Storage, key: string): void {
  attempt(() => storage.removeItem(key), undefined);
}
