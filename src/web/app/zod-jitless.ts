import { z } from 'zod';

/**
 * Zod compiles its object parsers with `new Function` when the page allows it. The node's
 * Content-Security-Policy allows no `eval` (no `'unsafe-eval'`), and even Zod's probe for it is
 * reported as a violation; parsing without it gives the same results. Imported first by main.tsx,
 * before anything parses.
 */
z.config({ jitless: true });
