import { useState } from 'react';
import { Button, Input, Select, Space } from 'antd';
import { jalaliParts } from '../../domain/jalali.js';
import { toLatinDigits } from '../../domain/persian-text.js';
import { useI18n } from '../i18n/i18n.js';
import { daysInJalaliMonth, instantToJalali, jalaliToInstant } from './jalali-calendar.js';

interface Draft {
  year: number | null;
  month: number | null;
  day: number | null;
  /** `HH:MM` as typed, in any digits. */
  time: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function draftFrom(iso: string | null | undefined, digits: (text: string) => string): Draft {
  const p = iso ? instantToJalali(iso) : null;
  if (!p) return { year: null, month: null, day: null, time: '' };
  return { year: p.year, month: p.month, day: p.day, time: digits(`${pad(p.hour)}:${pad(p.minute)}`) };
}

/** `14:30`, `۱۴:۳۰`, `9.05` → { hour, minute }; null if not a time of day. */
export function parseTimeOfDay(text: string): { hour: number; minute: number } | null {
  const m = /^\s*(\d{1,2})\s*[:٫.]\s*(\d{2})\s*$/.exec(toLatinDigits(text));
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

function draftToIso(d: Draft): string | null {
  const time = parseTimeOfDay(d.time);
  if (d.year === null || d.month === null || d.day === null || !time) return null;
  return jalaliToInstant({ year: d.year, month: d.month, day: d.day, ...time })?.toISOString() ?? null;
}

export interface JalaliDateTimePickerProps {
  /** A UTC ISO instant, or null. */
  value?: string | null;
  /** Called with a UTC ISO instant once date and time are complete, with null while they are not. */
  onChange?: (iso: string | null) => void;
  /** The clock for "now" and the range of years, injectable for tests. */
  now?: () => Date;
  /** How many years back the year list goes. */
  yearsBack?: number;
  id?: string;
  disabled?: boolean;
  /**
   * A deadline: instead of «اکنون» (a time the server refuses for a deadline), buttons that set it 24 h, 48 h,
   * 3 days, 1 week, 10 days or 1 month from now.
   */
  deadline?: boolean;
  /**
   * The instants the server accepts (e.g. `orderDeadlineRange(now)`): only the years, months and days that
   * reach into it are offered, and a preset outside it is not shown — no button offers a time refused.
   */
  range?: { min: Date; max: Date };
}

/** The deadline presets, in hours from now (a month is 30 days). */
export const DEADLINE_PRESETS = [
  { key: 'h24', hours: 24 },
  { key: 'h48', hours: 48 },
  { key: 'd3', hours: 72 },
  { key: 'w1', hours: 168 },
  { key: 'd10', hours: 240 },
  { key: 'm1', hours: 720 },
] as const;

/** A preset's instant: `hours` from now, to the minute (the picker keeps minutes), never before now's minute. */
const presetAt = (now: Date, hours: number) =>
  new Date(Math.floor(now.getTime() / 60_000) * 60_000 + hours * 3_600_000);

const inRange = (range: { min: Date; max: Date }, at: Date) =>
  at.getTime() >= range.min.getTime() && at.getTime() <= range.max.getTime();

/** An entry of the day, month and year lists. */
interface Option {
  label: string;
  value: number;
  disabled?: boolean;
}

type JalaliDay = [year: number, month: number, day: number];

/** A Jalali day as one comparable number (1404-09-08 → 14040908). */
const dayNumber = ([y, m, d]: JalaliDay) => y * 10_000 + m * 100 + d;

/** The first and last Jalali days (Tehran) a range touches, as day numbers. */
function dayBounds(range: { min: Date; max: Date }): [number, number] {
  const min = jalaliParts(range.min);
  const max = jalaliParts(range.max);
  return [dayNumber([min.year, min.month, min.day]), dayNumber([max.year, max.month, max.day])];
}

/** The Jalali years a range touches, latest first (as the year list reads). */
function yearsOf(range: { min: Date; max: Date }): number[] {
  const first = jalaliParts(range.min).year;
  const last = jalaliParts(range.max).year;
  return Array.from({ length: last - first + 1 }, (_, i) => last - i);
}

/**
 * Picks a date and time in the Jalali calendar, Tehran time, and yields a UTC instant.
 * Day, month and year are lists (type to filter, in any digits); the time is typed as HH:MM.
 */
export function JalaliDateTimePicker({
  value,
  onChange,
  now = () => new Date(),
  yearsBack = 30,
  id,
  disabled,
  deadline = false,
  range,
}: JalaliDateTimePickerProps) {
  const { t, digits } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(value, digits));
  const [synced, setSynced] = useState<string | null>(value ?? null);
  // A controlled value that changed from outside replaces the draft (derived state, set during render).
  if (value !== undefined && (value ?? null) !== synced) {
    setSynced(value ?? null);
    setDraft(draftFrom(value, digits));
  }

  const update = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    if (next.year !== null && next.month !== null && next.day !== null) {
      next.day = Math.min(next.day, daysInJalaliMonth(next.year, next.month));
    }
    setDraft(next);
    const iso = draftToIso(next);
    setSynced(iso);
    onChange?.(iso);
  };
  /** Sets date and time to an instant (Tehran time, to the minute). */
  const setAt = (at: Date) => {
    const p = jalaliParts(at);
    update({ year: p.year, month: p.month, day: p.day, time: digits(`${pad(p.hour)}:${pad(p.minute)}`) });
  };

  const thisYear = jalaliParts(now()).year;
  const years = range ? yearsOf(range) : Array.from({ length: yearsBack + 2 }, (_, i) => thisYear + 1 - i);
  const bounds = range ? dayBounds(range) : null;
  /** Does the span of days from `first` to `last` miss the range altogether? */
  const outside = (first: JalaliDay, last: JalaliDay) =>
    !!bounds && (dayNumber(last) < bounds[0] || dayNumber(first) > bounds[1]);
  const dayCount =
    draft.year !== null && draft.month !== null ? daysInJalaliMonth(draft.year, draft.month) : 31;
  const filter = (input: string, option?: Option) =>
    !!option &&
    (toLatinDigits(option.label).includes(toLatinDigits(input)) ||
      String(option.value) === toLatinDigits(input));
  const timeInvalid = draft.time.trim() !== '' && parseTimeOfDay(draft.time) === null;

  const fields = (
    <Space.Compact id={id} style={{ inlineSize: '100%' }} role="group" aria-label={t('picker.label')}>
      <Select<number, Option>
        aria-label={t('picker.day')}
        placeholder={t('picker.day')}
        value={draft.day ?? undefined}
        disabled={disabled}
        showSearch
        virtual={false}
        filterOption={filter}
        style={{ minInlineSize: 72 }}
        options={Array.from({ length: dayCount }, (_, i) => ({
          value: i + 1,
          label: digits(i + 1),
          disabled:
            draft.year !== null &&
            draft.month !== null &&
            outside([draft.year, draft.month, i + 1], [draft.year, draft.month, i + 1]),
        }))}
        onChange={(day) => update({ day })}
      />
      <Select<number, Option>
        aria-label={t('picker.month')}
        placeholder={t('picker.month')}
        value={draft.month ?? undefined}
        disabled={disabled}
        showSearch
        virtual={false}
        filterOption={filter}
        style={{ minInlineSize: 120 }}
        options={Array.from({ length: 12 }, (_, i) => ({
          value: i + 1,
          label: t(`picker.months.${i + 1}`),
          disabled: draft.year !== null && outside([draft.year, i + 1, 1], [draft.year, i + 1, 31]),
        }))}
        onChange={(month) => update({ month })}
      />
      <Select<number, Option>
        aria-label={t('picker.year')}
        placeholder={t('picker.year')}
        value={draft.year ?? undefined}
        disabled={disabled}
        showSearch
        virtual={false}
        filterOption={filter}
        style={{ minInlineSize: 96 }}
        options={years.map((y) => ({ value: y, label: digits(y) }))}
        onChange={(year) => update({ year })}
      />
      <Input
        aria-label={t('picker.time')}
        placeholder={t('picker.timePlaceholder')}
        value={draft.time}
        disabled={disabled}
        dir="ltr"
        inputMode="numeric"
        status={timeInvalid ? 'error' : undefined}
        aria-invalid={timeInvalid}
        style={{ inlineSize: 96, flex: 'none' }}
        onChange={(event) => update({ time: event.target.value })}
      />
      {deadline ? null : (
        <Button disabled={disabled} onClick={() => setAt(now())}>
          {t('picker.now')}
        </Button>
      )}
    </Space.Compact>
  );
  const presets = deadline ? (
    <Space wrap size={4} style={{ marginBlockStart: 4 }} data-testid="deadline-presets">
      {DEADLINE_PRESETS.filter((p) => !range || inRange(range, presetAt(now(), p.hours))).map((p) => (
        <Button key={p.key} size="small" disabled={disabled} onClick={() => setAt(presetAt(now(), p.hours))}>
          {t(`picker.presets.${p.key}`)}
        </Button>
      ))}
    </Space>
  ) : null;
  return (
    <>
      {fields}
      {presets}
    </>
  );
}
