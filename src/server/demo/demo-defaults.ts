/** The default number of demo cases and the default seed of the generator (1405: a Jalali year). */
export const DEFAULT_DEMO_CASES = 200;
export const DEFAULT_DEMO_SEED = 1405;
