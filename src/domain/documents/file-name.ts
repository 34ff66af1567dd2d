/** The longest file name kept, in characters (code points, so that no character is cut in two). */
export const MAX_FILE_NAME_LENGTH = 200;
const DEFAULT_FILE_NAME = 'document';
/** Longest extension kept whole when a name is shortened. */
const MAX_EXTENSION_LENGTH = 16;

/**
 * C0 and C1 control characters (DEL included), and the bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) that can make `gpj.exe` look like `exe.jpg`. Marks such as ZWNJ (U+200C),
 * which Persian spelling needs, are kept.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name a user gave a file, made safe to show and to offer for download, and otherwise kept as typed
 * (Persian names are not normalised): the directory part is dropped (`../../etc/passwd` → `passwd`, `C:\x\a.pdf`
 * → `a.pdf`), control characters and bidi overrides are removed, the ends are trimmed, the length is capped
 * at 200 characters (keeping a short extension), and an empty result becomes `document`. The name is never
 * used as a path: documents are stored by hash.
 */
export function safeFileName(input: string | null | undefined): string {
  const cleaned = (input ?? '').replace(UNSAFE_CHARACTERS, '');
  const base = (cleaned.split(/[/\\]/).pop() ?? '').trim();
  if (base === '' || base === '.' || base === '..') return DEFAULT_FILE_NAME;
  const chars = Array.from(base);
  if (chars.length <= MAX_FILE_NAME_LENGTH) return base;
  const dot = base.lastIndexOf('.');
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArrayDeclaration: equivalent — a dot at 0, or none, gives an extension of the whole name or one character, which the next line never keeps
  const extension = dot > 0 ? Array.from(base.slice(dot)) : [];
  const keep = extension.length > 1 && extension.length <= MAX_EXTENSION_LENGTH ? extension : [];
  const stem = Array.from(keep.length > 0 ? base.slice(0, dot) : base).slice(
    0,
    MAX_FILE_NAME_LENGTH - keep.length,
  );
  return stem.join('').trimEnd() + keep.join('') || DEFAULT_FILE_NAME;
}
