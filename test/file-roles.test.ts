import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { misnamedFiles, readTsFiles, sqlOutsideRepositories } from './file-roles.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const MODULES = 'src/server/modules';

describe('the files of the server modules', () => {
  const files = readTsFiles(root, MODULES);

  it('are each named <thing>.<role>.ts with a role from the list, or index.ts', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(misnamedFiles(files.map((f) => f.path))).toEqual([]);
  });

  it('write SQL only in repositories', () => {
    expect(sqlOutsideRepositories(files)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('name a file without a role, with a role not in the list, or with the old plural', () => {
    expect(
      misnamedFiles([
        'm/cases/open-case.usecase.ts',
        'm/cases/index.ts',
        'm/cases/open-case.usecase.test.ts',
        'm/cases/helpers.ts',
        'm/cases/cases.usecases.ts',
        'm/cases/tracking-code.generator.ts',
        'm/evidence/bundle/zip-reader.codec.ts',
        'm/cases/Cases.routes.ts',
      ]),
    ).toEqual([
      'm/cases/helpers.ts',
      'm/cases/cases.usecases.ts',
      'm/cases/tracking-code.generator.ts',
      'm/cases/Cases.routes.ts',
    ]);
  });

  it('find a query builder or a raw sql template outside a repository, not in a comment, test or fixture', () => {
    const found = sqlOutsideRepositories([
      { path: 'a.usecase.ts', text: "await tx\n  .selectFrom('cases')\n  .selectAll()" },
      { path: 'b.policy.ts', text: "import { sql, type RawBuilder } from 'kysely';" },
      { path: 'c.usecase.ts', text: "eb.exists(eb.selectFrom('x'))" },
      {
        path: 'd.usecase.ts',
        text: "// rows are read with db.selectFrom('cases') in the repository\nimport type { Kysely } from 'kysely';",
      },
      { path: 'e.repository.ts', text: "db.deleteFrom('sessions')" },
      { path: 'f.usecase.test.ts', text: "db.updateTable('cases')" },
      { path: 'g.fixture.ts', text: "db.insertInto('cases')" },
      { path: 'h.usecase.ts', text: 'db.transaction().execute(async (tx) => work(tx))' },
    ]);
    expect(found).toEqual(['a.usecase.ts', 'b.policy.ts', 'c.usecase.ts']);
  });
});
