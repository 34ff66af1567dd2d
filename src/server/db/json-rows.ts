/** A row as it comes back inside JSON (`jsonObjectFrom`, `jsonArrayFrom`): its timestamps are strings. */
export type JsonRow<T, K extends keyof T> = Omit<T, K> & {
  [P in K]: T[P] extends Date ? string : string | null;
};

/**
 * A row read back from JSON with its timestamp columns made Dates again — rows nested in one
 * statement (to spare round trips) then look exactly like rows read on their own.
 */
export function withDates<T, K extends keyof T>(row: JsonRow<T, K>, keys: readonly K[]): T {
  const out = { ...row } as Record<PropertyKey, unknown>;
  for (const key of keys) {
    const value = out[key];
    out[key] = typeof value === 'string' ? new Date(value) : value;
  }
  return out as T;
}
