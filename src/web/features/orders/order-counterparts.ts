import type { Order } from '../../../domain/orders/orders.schema.js';

/**
 * The other sides seen so far (an office's stations, a station's offices), by code, named as the list
 * names them — so that choosing one does not empty the filter's own list.
 */
export function mergeCounterparts(
  known: ReadonlyMap<string, string>,
  items: readonly Pick<Order, 'counterpart' | 'counterpartName'>[],
): ReadonlyMap<string, string> {
  let next: Map<string, string> | null = null;
  for (const { counterpart, counterpartName } of items) {
    const name = counterpartName ?? counterpart;
    if ((next ?? known).get(counterpart) === name) continue;
    next ??= new Map(known);
    next.set(counterpart, name);
  }
  return next ?? known;
}
