/**
 * Marks a statement as a write whose result nobody waits for (see `writeBehind` in `write-behind.ts`). The
 * connection (`batching-client.ts`) recognises it by this leading comment. A file of its own: the connection
 * needs the mark, and `write-behind.ts` needs the connection's transaction type (a circle if either held both).
 */
export const WRITE_BEHIND = '/* write-behind */ ';
