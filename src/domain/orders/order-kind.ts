import type { orderKinds } from '../messages/bodies.js';

/** A kind of judicial order (دستور قضایی). */
export type OrderKind = (typeof orderKinds)[number];
