import { useState } from 'react';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderInApp } from '../test/render.js';
import { JalaliDateTimePicker, parseTimeOfDay } from './JalaliDateTimePicker.js';

const now = () => new Date('2025-11-28T23:15:00Z'); // ۸ آذر ۱۴۰۴، ۰۲:۴۵ in Tehran

function Harness({
  initial = null,
  onChange,
}: {
  initial?: string | null;
  onChange: (v: string | null) => void;
}) {
  const [value, setValue] = useState<string | null>(initial);
  return (
    <JalaliDateTimePicker
      value={value}
      now={now}
      onChange={(v) => {
        setValue(v);
        onChange(v);
      }}
    />
  );
}

const selected = (label: string) =>
  screen
    .getByRole('combobox', { name: label })
    .closest('.ant-select')!
    .querySelector('.ant-select-selection-item')?.textContent;

describe('JalaliDateTimePicker', () => {
  it('shows a UTC instant as its Jalali date and time in Tehran', () => {
    renderInApp(<Harness initial="2025-11-28T23:15:00.000Z" onChange={() => {}} />);
    expect(selected('روز')).toBe('۸');
    expect(selected('ماه')).toBe('آذر');
    expect(selected('سال')).toBe('۱۴۰۴');
    expect((screen.getByRole('textbox', { name: 'ساعت' }) as HTMLInputElement).value).toBe('۰۲:۴۵');
  });

  it('"now" fills in the current Tehran time and emits the UTC instant', () => {
    const onChange = vi.fn();
    renderInApp(<Harness onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'اکنون' }));
    expect(onChange).toHaveBeenLastCalledWith('2025-11-28T23:15:00.000Z');
  });

  it('emits a new instant when the time is typed in Persian digits, and null while it is incomplete', () => {
    const onChange = vi.fn();
    renderInApp(<Harness initial="2025-11-28T23:15:00.000Z" onChange={onChange} />);
    const time = screen.getByRole('textbox', { name: 'ساعت' });
    fireEvent.change(time, { target: { value: '۱۴:' } });
    expect(onChange).toHaveBeenLastCalledWith(null);
    expect(time.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(time, { target: { value: '۱۴:۳۰' } });
    expect(onChange).toHaveBeenLastCalledWith('2025-11-29T11:00:00.000Z');
  });

  it('emits a new instant when a day is picked from the list', () => {
    const onChange = vi.fn();
    renderInApp(<Harness initial="2025-11-28T23:15:00.000Z" onChange={onChange} />);
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'روز' }));
    fireEvent.click(document.querySelector('.ant-select-item-option[title="۱۰"]')!);
    expect(onChange).toHaveBeenLastCalledWith('2025-11-30T23:15:00.000Z');
  });

  it('parses times of day in any digits', () => {
    expect(parseTimeOfDay('۰۹:۰۵')).toEqual({ hour: 9, minute: 5 });
    expect(parseTimeOfDay('٢٣.٥٩')).toEqual({ hour: 23, minute: 59 });
    expect(parseTimeOfDay('24:00')).toBeNull();
    expect(parseTimeOfDay('9')).toBeNull();
  });

  it('offers a deadline presets from now instead of «اکنون», which a deadline would refuse', () => {
    const onChange = vi.fn();
    renderInApp(<JalaliDateTimePicker now={now} yearsBack={0} deadline onChange={onChange} />);
    expect(screen.queryByRole('button', { name: 'اکنون' })).toBeNull();
    const presets = ['۲۴ ساعت', '۴۸ ساعت', '۳ روز', 'یک هفته', '۱۰ روز', 'یک ماه'];
    const hours = [24, 48, 72, 168, 240, 720];
    presets.forEach((name, i) => {
      fireEvent.click(screen.getByRole('button', { name }));
      const at = new Date(now().getTime() + hours[i]! * 3_600_000);
      at.setUTCSeconds(0, 0);
      expect(onChange).toHaveBeenLastCalledWith(at.toISOString());
    });
  });

  it('offers only what the range allows: presets beyond it hidden, days and months outside it disabled', () => {
    // 8 Azar 1404 02:45 in Tehran, up to three days ahead (11 Azar 02:45).
    const range = {
      min: new Date(now().getTime() + 60_000),
      max: new Date(now().getTime() + 72 * 3_600_000),
    };
    renderInApp(<JalaliDateTimePicker now={now} deadline range={range} value="2025-11-29T23:15:00.000Z" />);
    const shown = screen.getAllByRole('button').map((b) => b.textContent);
    expect(shown).toEqual(expect.arrayContaining(['۲۴ ساعت', '۴۸ ساعت', '۳ روز']));
    expect(shown).not.toContain('یک هفته');
    expect(shown).not.toContain('یک ماه');
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'روز' }));
    const off = (n: string) =>
      document
        .querySelector(`.ant-select-item-option[title="${n}"]`)!
        .classList.contains('ant-select-item-option-disabled');
    expect(['۷', '۸', '۱۱', '۱۲'].map(off)).toEqual([true, false, false, true]);
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'سال' }));
    expect(document.querySelector('.ant-select-item-option[title="۱۴۰۵"]')).toBeNull();
  });
});
