import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The roles a file under `src/server/modules/**` may have, as the last part of its name before `.ts`
 * (docs/conventions.md, habit 1): `<thing>.<role>.ts`, or a module's public face `index.ts`.
 */
export const FILE_ROLES = [
  'routes',
  'usecase',
  'repository',
  'presenter',
  'handlers',
  'schema',
  'ports',
  'policy',
  'rules',
  'worker',
  'codec',
  'fixture',
] as const;

const roleName = new RegExp(`^[a-z0-9]+(?:-[a-z0-9]+)*\\.(?:${FILE_ROLES.join('|')})\\.ts$`);

/** A test stays `<file>.test.ts`, whatever its file's name. */
const isTest = (path: string) => path.endsWith('.test.ts');

/** The files whose name breaks the rule (tests are not bound by it). */
export function misnamedFiles(paths: readonly string[]): string[] {
  return paths.filter((path) => {
    if (isTest(path)) return false;
    const name = path.slice(path.lastIndexOf('/') + 1);
    return name !== 'index.ts' && !roleName.test(name);
  });
}

/**
 * What writes SQL: Kysely's query builders (on a db, a transaction or an expression builder) and raw `sql`
 * templates, which cannot be written without importing `sql` from kysely.
 */
const sqlWriting = [
  /\.\s*(?:selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|executeQuery)\s*\(/,
  /import\s*\{[^}]*\bsql\b[^}]*\}\s*from\s*['"]kysely['"]/,
];

/** The source without its comments, so that a comment naming `selectFrom` is not taken for SQL. */
const withoutComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/**
 * The files that write SQL outside a repository: only `*.repository.ts` may (tests and test fixtures too, to
 * arrange and inspect a database).
 */
export function sqlOutsideRepositories(files: readonly { path: string; text: string }[]): string[] {
  return files
    .filter(({ path }) => !isTest(path) && !path.endsWith('.repository.ts') && !path.endsWith('.fixture.ts'))
    .filter(({ text }) => sqlWriting.some((pattern) => pattern.test(withoutComments(text))))
    .map(({ path }) => path);
}

/** Every `.ts` file below `dir`, as paths relative to `root` with `/` separators. */
export function tsFilesBelow(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

/** The files below `dir` with their text. */
export function readTsFiles(root: string, dir: string): { path: string; text: string }[] {
  return tsFilesBelow(root, dir).map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}
