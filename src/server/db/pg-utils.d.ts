/** pg's own conversion of a JavaScript value to a parameter's text (not in pg's typings). */
declare module 'pg/lib/utils.js' {
  const utils: { prepareValue(value: unknown): unknown };
  export default utils;
}
