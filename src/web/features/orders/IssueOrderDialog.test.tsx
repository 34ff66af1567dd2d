import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../../test/fetch-stub.js';
import { renderInApp } from '../../test/render.js';
import { IssueOrderDialog } from './IssueOrderDialog.js';

const id = '0193a1b2-0000-7000-8000-000000000002';

async function fill(dialog: HTMLElement) {
  fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: 'نوع دستور' }));
  fireEvent.click(await screen.findByText('احضار'));
  fireEvent.change(within(dialog).getByLabelText('متن دستور'), {
    target: { value: 'احضار متهم برای ادای توضیح' },
  });
}

describe('IssueOrderDialog', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for a deadline and sends nothing without one', async () => {
    const fetch = stubApi({});
    renderInApp(<IssueOrderDialog intakeId={id} open onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    await fill(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'صدور دستور' }));
    expect(await within(dialog).findByText('مهلت اجرا (تاریخ و ساعت) را تعیین کنید.')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('offers no «اکنون» for a deadline, and refuses one that is no longer in the future', async () => {
    const fetch = stubApi({});
    let at = new Date('2025-11-29T10:00:00Z');
    const clock = () => at;
    renderInApp(<IssueOrderDialog intakeId={id} open onClose={() => {}} now={clock} />);
    const dialog = await screen.findByRole('dialog');
    await fill(dialog);
    expect(within(dialog).queryByRole('button', { name: 'اکنون' })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: '۲۴ ساعت' }));
    at = new Date('2025-11-30T11:00:00Z'); // a day and an hour later, the chosen time has passed
    fireEvent.click(within(dialog).getByRole('button', { name: 'صدور دستور' }));
    expect(
      await within(dialog).findByText('مهلت اجرا باید در آینده باشد.', {}, { timeout: 3000 }),
    ).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('issues the order with a deadline ahead, and keeps the input when the server refuses it', async () => {
    const fetch = stubApi({
      [`POST /api/intake/${id}/orders`]: () =>
        jsonResponse(400, { error: { code: 'orders.deadline_in_past', message: 'past' } }),
    });
    const at = new Date('2025-11-29T10:00:00Z');
    const onClose = vi.fn();
    renderInApp(<IssueOrderDialog intakeId={id} open onClose={onClose} now={() => at} />);
    const dialog = await screen.findByRole('dialog');
    await fill(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: '۲۴ ساعت' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'صدور دستور' }));
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    const [, init] = fetch.mock.calls[0]!;
    expect(JSON.parse(String(init?.body))).toEqual({
      kind: 'summons',
      text: 'احضار متهم برای ادای توضیح',
      deadlineAt: '2025-11-30T10:00:00.000Z',
    });
    expect(await within(dialog).findByText('مهلت دستور باید در آینده باشد.')).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
    expect((within(dialog).getByLabelText('متن دستور') as HTMLTextAreaElement).value).toBe(
      'احضار متهم برای ادای توضیح',
    );
  });
});
