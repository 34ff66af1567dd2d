import { useState } from 'react';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderInApp } from '../test/render.js';
import { NationalIdInput, nationalIdStatus } from './NationalIdInput.js';

// 0499370899 is valid (check digit 9); 0499370898 is not.
function Harness({ onChange }: { onChange: (v: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <NationalIdInput
      id="nid"
      value={value}
      onChange={(v) => {
        setValue(v);
        onChange(v);
      }}
    />
  );
}

const hint = () => document.getElementById('nid-hint')!;

describe('NationalIdInput', () => {
  it('accepts Persian digits and emits Latin digits', () => {
    const onChange = vi.fn();
    renderInApp(<Harness onChange={onChange} />);
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '۰۴۹۹۳۷۰۸۹۹' } });
    expect(onChange).toHaveBeenLastCalledWith('0499370899');
    expect((screen.getByRole('textbox') as HTMLInputElement).value).toBe('۰۴۹۹۳۷۰۸۹۹');
    expect(hint().dataset.status).toBe('valid');
  });

  it('accepts Arabic digits and separators', () => {
    const onChange = vi.fn();
    renderInApp(<Harness onChange={onChange} />);
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '٠٤٩-٩٣٧٠٨٩٩' } });
    expect(onChange).toHaveBeenLastCalledWith('0499370899');
  });

  it('says how many digits are typed while incomplete, and that a wrong number is invalid', () => {
    renderInApp(<Harness onChange={() => {}} />);
    const input = screen.getByRole('textbox');
    fireEvent.change(input, { target: { value: '0499' } });
    expect(hint().dataset.status).toBe('incomplete');
    expect(hint().textContent).toBe('۴ رقم از ۱۰ رقم');
    fireEvent.change(input, { target: { value: '0499370898' } });
    expect(hint().dataset.status).toBe('invalid');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(hint().textContent).toBe('کد ملی معتبر نیست.');
  });

  it('shows a value set from outside in Persian digits', () => {
    renderInApp(<NationalIdInput value="0499370899" />);
    expect((screen.getByRole('textbox') as HTMLInputElement).value).toBe('۰۴۹۹۳۷۰۸۹۹');
  });

  it('classifies values', () => {
    expect(nationalIdStatus('')).toBe('empty');
    expect(nationalIdStatus('123')).toBe('incomplete');
    expect(nationalIdStatus('1111111111')).toBe('invalid');
    expect(nationalIdStatus('04993708a9')).toBe('invalid');
  });
});
