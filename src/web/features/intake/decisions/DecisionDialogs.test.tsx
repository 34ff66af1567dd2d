import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../../../test/fetch-stub.js';
import { renderInApp } from '../../../test/render.js';
import { RegisterDialog, ReturnDialog } from './DecisionDialogs.js';

const id = '0193a1b2-0000-7000-8000-000000000001';

describe('the clerk\u2019s dialogs', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists every deficiency as a Persian sentence and asks for at least one', async () => {
    const fetch = stubApi({});
    renderInApp(<ReturnDialog intakeId={id} open onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('شکوائیه یا درخواست کتبی شاکی پیوست نشده است.')).toBeTruthy();
    expect(within(dialog).getByText('گواهی پزشکی قانونی پیوست نشده است.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'عودت پرونده' }));
    expect(await within(dialog).findByText('دست‌کم یک مورد را انتخاب کنید.')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends the picked deficiencies with their text, and keeps them when the server answers an error', async () => {
    const fetch = stubApi({
      [`POST /api/intake/${id}/return`]: () =>
        jsonResponse(409, { error: { code: 'intake.invalid_state', message: 'decided' } }),
    });
    const onClose = vi.fn();
    renderInApp(<ReturnDialog intakeId={id} open onClose={onClose} />);
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByText('اظهارات شهود اخذ یا پیوست نشده است.'));
    const text = within(dialog).getByRole('textbox', {
      name: 'توضیح برای: اظهارات شهود اخذ یا پیوست نشده است.',
    });
    fireEvent.change(text, { target: { value: 'شاهد دوم' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'عودت پرونده' }));

    expect(await within(dialog).findByText('این کار در وضعیت فعلی پرونده‌ی رسیده ممکن نیست.')).toBeTruthy();
    const [, init] = fetch.mock.calls[0]!;
    expect(JSON.parse(String(init?.body))).toEqual({
      deficiencies: [{ code: 'deficiency.witness_statement', text: 'شاهد دوم' }],
    });
    expect(onClose).not.toHaveBeenCalled();
    expect((within(dialog).getByRole('textbox', { name: /اظهارات شهود/ }) as HTMLTextAreaElement).value).toBe(
      'شاهد دوم',
    );
  });

  it('registers with the file number in Latin digits and closes on success', async () => {
    const fetch = stubApi({
      [`POST /api/intake/${id}/register`]: () =>
        jsonResponse(200, { id, status: 'registered', messageId: 'm1' }),
    });
    const onClose = vi.fn();
    renderInApp(<RegisterDialog intakeId={id} open onClose={onClose} />);
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('شماره پرونده‌ی دادسرا'), {
      target: { value: '۱۴۰۴-۱۲' },
    });
    fireEvent.change(within(dialog).getByLabelText('شعبه'), { target: { value: 'شعبه‌ی ۲ دادیاری' } });
    fireEvent.change(within(dialog).getByLabelText('دادیار / بازپرس رسیدگی‌کننده'), {
      target: { value: 'آقای محمدی' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'ثبت' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const [, init] = fetch.mock.calls.find(([, i]) => i?.method === 'POST')!;
    expect(JSON.parse(String(init?.body))).toEqual({
      fileNumber: '1404-12',
      branch: 'شعبه‌ی ۲ دادیاری',
      assignedJudge: 'آقای محمدی',
    });
  });

  it('has the branch and the دادیار chosen from the office\u2019s lists once it keeps them', async () => {
    const fetch = stubApi({
      'GET /api/office-lists': () =>
        jsonResponse(200, {
          branches: [{ id: 'b1', kind: 'branch', name: 'شعبه ۴', active: true }],
          staff: [{ id: 's1', kind: 'investigator', name: 'کاظمی', active: true }],
        }),
      [`POST /api/intake/${id}/register`]: () =>
        jsonResponse(200, { id, status: 'registered', messageId: 'm1' }),
    });
    const onClose = vi.fn();
    renderInApp(<RegisterDialog intakeId={id} open onClose={onClose} />);
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('شماره پرونده‌ی دادسرا'), { target: { value: '12' } });
    const pick = async (label: string, option: string) => {
      const box = await within(dialog).findByRole('combobox', { name: label });
      fireEvent.mouseDown(box);
      fireEvent.click(await screen.findByTitle(option));
    };
    await pick('شعبه', 'شعبه ۴');
    await pick('دادیار / بازپرس رسیدگی‌کننده', 'کاظمی (بازپرس)');
    fireEvent.click(within(dialog).getByRole('button', { name: 'ثبت' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const [, init] = fetch.mock.calls.find(([, i]) => i?.method === 'POST')!;
    expect(JSON.parse(String(init?.body))).toEqual({
      fileNumber: '12',
      branch: 'شعبه ۴',
      assignedJudge: 'کاظمی',
    });
  });
});
