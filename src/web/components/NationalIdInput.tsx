import { useState } from 'react';
import { Input, Typography } from 'antd';
import { isValidNationalId, normaliseNationalId } from '../../domain/national-id.js';
import { useI18n } from '../i18n/i18n.js';

export type NationalIdStatus = 'empty' | 'incomplete' | 'valid' | 'invalid';

/** Where a national ID being typed stands: still short, complete and valid, or wrong. */
export function nationalIdStatus(latin: string): NationalIdStatus {
  if (latin === '') return 'empty';
  if (/^\d{1,9}$/.test(latin)) return 'incomplete';
  return isValidNationalId(latin) ? 'valid' : 'invalid';
}

export interface NationalIdInputProps {
  /** The stored form: Latin digits. */
  value?: string | null;
  /** Called with the Latin-digit form of what was typed. */
  onChange?: (latin: string) => void;
  id?: string;
  disabled?: boolean;
  placeholder?: string;
}

/**
 * A national ID (کد ملی) field: takes Persian, Arabic or Latin digits, says as you type whether the
 * number is valid (check digit), and emits Latin digits. Works as an antd Form control.
 */
export function NationalIdInput({ value, onChange, id, disabled, placeholder }: NationalIdInputProps) {
  const { t, digits, dir } = useI18n();
  const latinValue = value ?? '';
  // What the person typed is kept as typed; it is replaced only when the value changes from outside.
  const [typed, setTyped] = useState(() => digits(latinValue));
  const shown = normaliseNationalId(typed) === latinValue ? typed : digits(latinValue);
  const status = nationalIdStatus(latinValue);
  const hintId = id ? `${id}-hint` : undefined;

  return (
    <div>
      <Input
        id={id}
        value={shown}
        disabled={disabled}
        placeholder={placeholder ?? t('nationalId.placeholder')}
        inputMode="numeric"
        autoComplete="off"
        dir="ltr"
        style={{ textAlign: dir === 'rtl' ? 'end' : 'start' }}
        maxLength={14}
        status={status === 'invalid' ? 'error' : undefined}
        aria-invalid={status === 'invalid'}
        aria-describedby={hintId}
        onChange={(event) => {
          setTyped(event.target.value);
          onChange?.(normaliseNationalId(event.target.value));
        }}
      />
      <Typography.Text
        id={hintId}
        data-status={status}
        type={status === 'invalid' ? 'danger' : status === 'valid' ? 'success' : 'secondary'}
        style={{ display: 'block', fontSize: 12, minBlockSize: 20 }}
      >
        {status === 'valid' && t('nationalId.valid')}
        {status === 'invalid' && t('nationalId.invalid')}
        {status === 'incomplete' && t('nationalId.incomplete', { count: latinValue.length })}
      </Typography.Text>
    </div>
  );
}
