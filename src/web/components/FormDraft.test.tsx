import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Button, Form, Input } from 'antd';
import { sessionKey } from '../features/auth/api.js';
import { renderInApp } from '../test/render.js';
import { DRAFT_MAX_AGE_MS, draftKey, readDraft } from './form-draft.js';
import { useFormDraft } from './FormDraft.js';

const user = (id: string) => ({ id, username: id, displayName: 'کاربر', role: 'station.officer' });

/** A small form as every form uses the hook: kept as typed, offered back, cleared when saved. */
function NoteForm({ onSaved }: { onSaved?: () => void }) {
  const [form] = Form.useForm<{ note: string }>();
  const draft = useFormDraft(form, 'test.note');
  return (
    <Form
      form={form}
      onValuesChange={draft.keep}
      onFinish={() => {
        draft.clear();
        onSaved?.();
      }}
    >
      {draft.offer}
      <Form.Item name="note" label="یادداشت">
        <Input />
      </Form.Item>
      <Button htmlType="submit">ذخیره</Button>
    </Form>
  );
}

const renderAs = (userId: string) =>
  renderInApp(<NoteForm />, { prepare: (client) => client.setQueryData(sessionKey, user(userId)) });

describe('useFormDraft', () => {
  afterEach(() => localStorage.clear());

  it('keeps what is typed per user and form, and offers it back with its Jalali time after a reload', async () => {
    const first = renderAs('u1');
    fireEvent.change(screen.getByLabelText('یادداشت'), { target: { value: 'متهم با خودروی پژو گریخت' } });
    const kept = readDraft<{ note: string }>(localStorage, draftKey('u1', 'test.note'), new Date());
    expect(kept?.values).toEqual({ note: 'متهم با خودروی پژو گریخت' });
    first.unmount();

    renderAs('u1');
    expect(screen.getByLabelText('یادداشت')).toHaveProperty('value', '');
    const offer = await screen.findByRole('status');
    expect(offer.textContent).toMatch(/پیش‌نویسی ذخیره‌نشده/);
    // Jalali year, Persian digits, no Latin digit.
    expect(offer.textContent).toMatch(/۱۴[۰-۹]{2}/);
    expect(offer.textContent).not.toMatch(/[0-9]/);
    fireEvent.click(screen.getByRole('button', { name: 'بازگرداندن' }));
    expect(screen.getByLabelText('یادداشت')).toHaveProperty('value', 'متهم با خودروی پژو گریخت');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('offers nothing to another user, and drops the draft on save or discard', async () => {
    localStorage.setItem(
      draftKey('u1', 'test.note'),
      JSON.stringify({ savedAt: new Date().toISOString(), values: { note: 'x' } }),
    );
    const other = renderAs('u2');
    expect(screen.queryByRole('status')).toBeNull();
    other.unmount();

    const mine = renderAs('u1');
    fireEvent.click(await screen.findByRole('button', { name: 'دور انداختن' }));
    expect(localStorage.getItem(draftKey('u1', 'test.note'))).toBeNull();
    mine.unmount();

    renderAs('u1');
    fireEvent.change(screen.getByLabelText('یادداشت'), { target: { value: 'y' } });
    expect(localStorage.getItem(draftKey('u1', 'test.note'))).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'ذخیره' }));
    await waitFor(() => expect(localStorage.getItem(draftKey('u1', 'test.note'))).toBeNull());
  });

  it('forgets a draft older than three days, and one it cannot read', () => {
    const old = new Date(Date.now() - DRAFT_MAX_AGE_MS - 1000).toISOString();
    localStorage.setItem(draftKey('u1', 'a'), JSON.stringify({ savedAt: old, values: { note: 'x' } }));
    localStorage.setItem(draftKey('u1', 'b'), '{not json');
    expect(readDraft(localStorage, draftKey('u1', 'a'), new Date())).toBeNull();
    expect(readDraft(localStorage, draftKey('u1', 'b'), new Date())).toBeNull();
    expect(localStorage.length).toBe(0);
  });
});
