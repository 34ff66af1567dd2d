import { useState } from 'react';

/**
 * The pages of a list read by keyset (the API answers `next`, a cursor, instead of a total): the cursors
 * of the pages seen so far, so that "previous" goes back without counting. A new `resetKey` (another
 * search or filter) starts again from the first page.
 */
export function useKeysetPages(resetKey: string): KeysetPages {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({
    key: resetKey,
    cursors: [undefined],
  });
  // Derived state set during render: another search or filter starts from the first page.
  if (state.key !== resetKey) setState({ key: resetKey, cursors: [undefined] });
  const cursors = state.key === resetKey ? state.cursors : [undefined];
  return {
    /** The cursor to ask for the current page with (undefined: the first). */
    cursor: cursors.at(-1),
    /** 1 for the first page. */
    page: cursors.length,
    next: (cursor: string) => {
      setState((s) => ({ ...s, cursors: [...s.cursors, cursor] }));
    },
    previous: () => {
      setState((s) => (s.cursors.length > 1 ? { ...s, cursors: s.cursors.slice(0, -1) } : s));
    },
  };
}

/** Where a keyset-paged list is: see `useKeysetPages`. */
export interface KeysetPages {
  cursor: string | undefined;
  page: number;
  next: (cursor: string) => void;
  previous: () => void;
}
