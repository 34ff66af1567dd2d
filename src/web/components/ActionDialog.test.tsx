import { fireEvent, screen } from '@testing-library/react';
import { Input } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { renderInApp } from '../test/render.js';
import { ActionDialog } from './ActionDialog.js';

const idle = { isPending: false, isError: false, error: null };

function renderDialog(options: { pending?: boolean } = {}) {
  const onOk = vi.fn();
  const onCancel = vi.fn();
  renderInApp(
    <ActionDialog
      open
      title="ثبت"
      okText="ثبت"
      mutation={{ ...idle, isPending: options.pending ?? false }}
      onOk={onOk}
      onCancel={onCancel}
    >
      <Input aria-label="شماره" />
      <Input.TextArea aria-label="شرح" />
    </ActionDialog>,
  );
  return { onOk, onCancel };
}

// The first render of an antd screen can take seconds on a busy CI machine.
describe('ActionDialog and the keyboard', { timeout: 20_000 }, () => {
  it('takes its action on Enter in a field, and not on Enter in a multi-line field', async () => {
    const { onOk } = renderDialog();
    fireEvent.keyDown(await screen.findByLabelText('شماره'), { key: 'Enter' });
    expect(onOk).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByLabelText('شرح'), { key: 'Enter' });
    expect(onOk).toHaveBeenCalledTimes(1);
  });

  it('does not take it twice while it runs', async () => {
    const { onOk } = renderDialog({ pending: true });
    fireEvent.keyDown(await screen.findByLabelText('شماره'), { key: 'Enter' });
    expect(onOk).not.toHaveBeenCalled();
  });

  it('closes on Esc', async () => {
    const { onCancel } = renderDialog();
    fireEvent.keyDown(await screen.findByLabelText('شماره'), { key: 'Escape', keyCode: 27 });
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
