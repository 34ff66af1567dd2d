import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, useTestApp } from '../../../../test/app.js';
import { useTestDatabase } from '../../../../test/db.js';
import { makeJurisdiction, makeOrganisation, makeUser } from '../../../../test/factories.js';
import type { App } from '../../platform/http/fastify-app.js';

const { db } = await useTestDatabase();

describe('organisations and jurisdiction', () => {
  let app: App;
  let admin: string;
  let officer: string;
  let pair: Awaited<ReturnType<typeof makeJurisdiction>>;

  beforeAll(async () => {
    ({ app } = await useTestApp(db));
    const hq = await makeOrganisation(db, { kind: 'hq' });
    admin = await signIn(app, (await makeUser(db, hq.id, 'admin')).username);
    pair = await makeJurisdiction(db);
    officer = await signIn(app, (await makeUser(db, pair.station.id, 'station.officer')).username);
  });

  it('lets an admin create an organisation, and refuses a taken code', async () => {
    const body = {
      code: 'KL-777',
      kind: 'station',
      nameFa: 'کلانتری ۷۷۷',
      nameEn: 'Station 777',
      provinceCode: 'IR-23',
      countyCode: pair.countyCode,
    };
    const created = await app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie: admin },
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'KL-777', kind: 'station', nameFa: 'کلانتری ۷۷۷' });
    const again = await app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie: admin },
      payload: body,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('organisations.code_taken');
  });

  it('answers an unknown province or county, or a county of another province, with 400 naming the field', async () => {
    const post = (url: string, payload: object) =>
      app.inject({
        method: url === '/api/jurisdiction' ? 'PUT' : 'POST',
        url,
        headers: { cookie: admin },
        payload,
      });
    const station = { code: 'KL-779', kind: 'station', nameFa: 'کلانتری ۷۷۹', nameEn: 'Station 779' };
    const unknownProvince = await post('/api/organisations', {
      ...station,
      provinceCode: 'IR-99',
      countyCode: 'IR-99-NOWHERE',
    });
    expect(unknownProvince.statusCode).toBe(400);
    expect(unknownProvince.json().error.issues).toEqual([
      { path: 'body.provinceCode', code: 'reference.unknown' },
    ]);
    const elsewhere = await post('/api/organisations', {
      ...station,
      provinceCode: 'IR-01',
      countyCode: pair.countyCode,
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.issues).toEqual([
      { path: 'body.countyCode', code: 'reference.county_not_in_province' },
    ]);
    const rule = await post('/api/jurisdiction', {
      countyCode: 'IR-23-NOWHERE',
      prosecutorOfficeId: pair.office.id,
    });
    expect(rule.statusCode).toBe(400);
    expect(rule.json().error.issues).toEqual([{ path: 'body.countyCode', code: 'reference.unknown' }]);
  });

  it('refuses organisation management to a station officer', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie: officer },
      payload: {
        code: 'KL-778',
        kind: 'station',
        nameFa: 'x',
        nameEn: 'x',
        provinceCode: 'IR-23',
        countyCode: pair.countyCode,
      },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.forbidden');
  });

  it('lists the jurisdiction table, and a station override wins over the county rule', async () => {
    const other = await makeOrganisation(db, { kind: 'prosecutor_office', countyCode: pair.countyCode });
    const put = await app.inject({
      method: 'PUT',
      url: '/api/jurisdiction',
      headers: { cookie: admin },
      payload: { stationId: pair.station.id, prosecutorOfficeId: other.id },
    });
    expect(put.statusCode).toBe(204);
    const table = (
      await app.inject({ method: 'GET', url: '/api/jurisdiction', headers: { cookie: admin } })
    ).json();
    const mine = table.items.filter(
      (r: { countyCode: string | null; stationId: string | null }) =>
        r.countyCode === pair.countyCode || r.stationId === pair.station.id,
    );
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ countyCode: pair.countyCode, prosecutorOfficeId: pair.office.id }),
        expect.objectContaining({ stationId: pair.station.id, prosecutorOfficeId: other.id }),
      ]),
    );
    const { getCompetentProsecutorOffice } = await import('./organisations.usecase.js');
    expect((await getCompetentProsecutorOffice({ db, stationId: pair.station.id })).id).toBe(other.id);
  });

  it('refuses a rule naming both a county and a station', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: '/api/jurisdiction',
      headers: { cookie: admin },
      payload: {
        countyCode: pair.countyCode,
        stationId: pair.station.id,
        prosecutorOfficeId: pair.office.id,
      },
    });
    expect(res.statusCode).toBe(400);
  });
});
