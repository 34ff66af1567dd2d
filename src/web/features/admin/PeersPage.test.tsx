import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { PeersPage } from './PeersPage.js';

const jwk = (c: string) => ({ kty: 'OKP', crv: 'Ed25519', x: c.repeat(43) });
const ownEntry = {
  nodeId: 'tehran-police',
  baseUrl: 'https://police.example',
  keys: [{ ...jwk('A'), kid: 'kid-own-0000000001' }],
  organisations: [],
};
const otherEntry = {
  nodeId: 'tehran-prosecutor',
  baseUrl: 'https://prosecutor.example',
  keys: [jwk('B')],
  organisations: [
    {
      code: 'DS-TEH-1',
      kind: 'prosecutor_office',
      nameFa: 'دادسرای تهران',
      nameEn: 'Tehran prosecutor',
      provinceCode: '23',
      countyCode: '2301',
    },
  ],
};

function stubPeersApi() {
  return stubApi({
    'GET /api/exchange/trust-entry': () => jsonResponse(200, ownEntry),
    'GET /api/peers': () =>
      jsonResponse(200, {
        items: [
          { nodeId: 'tehran-police', baseUrl: null, keys: [{ kid: 'kid-own-0000000001', revoked: false }] },
        ],
      }),
    'GET /api/exchange/outbox': () => jsonResponse(200, { items: [] }),
    'POST /api/peers': () => jsonResponse(200, { keysAdded: 1, organisations: 1 }),
  });
}

const paste = (text: string) => {
  fireEvent.change(screen.getByLabelText('برگه‌ی اعتماد گره'), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'بررسی و افزودن' }));
};
const posts = (fetch: ReturnType<typeof stubApi>) =>
  fetch.mock.calls.filter(([url, init]) => String(url) === '/api/peers' && init?.method === 'POST');

// The first render of an antd screen can take seconds on a busy CI machine.
describe('PeersPage: adding a node from its pasted trust entry', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('explains in Persian sentences what is wrong and sends nothing', async () => {
    const fetch = stubPeersApi();
    renderInApp(<PeersPage />);
    expect(await screen.findByTestId('own-node-id')).toBeTruthy();

    paste('{ "nodeId": ');
    let errors = await screen.findByTestId('trust-entry-errors');
    expect(errors.textContent).toContain('متن چسبانده‌شده JSON درستی نیست');

    paste(JSON.stringify({ ...otherEntry, nodeId: 'Bad Node!', keys: [] }));
    errors = await screen.findByTestId('trust-entry-errors');
    const sentences = [...errors.querySelectorAll('li')].map((li) => li.textContent);
    expect(sentences).toEqual([
      'شناسه‌ی گره (nodeId) درست نیست: فقط حروف کوچک لاتین، رقم، نقطه و خط تیره، از ۲ تا ۶۳ نویسه.',
      'دست‌کم یک کلید عمومی Ed25519 درست (keys) لازم است.',
    ]);

    paste(JSON.stringify(ownEntry));
    errors = await screen.findByTestId('trust-entry-errors');
    expect(errors.textContent).toContain('این برگه‌ی اعتماد خودِ همین گره است');

    expect(posts(fetch)).toHaveLength(0);
  });

  it('sends a valid entry, as the schema reads it, and says what was added', async () => {
    const fetch = stubPeersApi();
    renderInApp(<PeersPage />);
    expect(await screen.findByTestId('own-node-id')).toBeTruthy();

    paste(JSON.stringify({ ...otherEntry, note: 'not part of the schema' }));
    expect(await screen.findByText('گره tehran-prosecutor افزوده شد (۱ کلید تازه، ۱ یگان).')).toBeTruthy();
    expect(screen.queryByTestId('trust-entry-errors')).toBeNull();
    await waitFor(() => expect(posts(fetch)).toHaveLength(1));
    expect(JSON.parse(String(posts(fetch)[0]![1]!.body))).toEqual(otherEntry);
  });
});
