import { Checkbox, Input, Space, Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n.js';
import { codeLabel } from '../../cases/case-labels.js';
import { MAX_REASON_TEXT, setReasonText, toggleReason, type CodedReason } from '../coded-reasons.js';

export interface CodedReasonPickerProps<C extends string> {
  /** The closed list of codes (`deficiency.*`, `rejection.*`); each code is its own i18n key. */
  codes: readonly C[];
  value: CodedReason<C>[];
  onChange: (next: CodedReason<C>[]) => void;
  disabled?: boolean;
}

/** A code's label: the codes are keys (`deficiency.evidence`), shown as a Persian sentence. */
function useCodeText() {
  const i18n = useI18n();
  return (code: string) => {
    const at = code.indexOf('.');
    return at > 0 ? codeLabel(i18n, code.slice(0, at), code.slice(at + 1)) : code;
  };
}

/** Picks coded items (what is missing, why rejected), each with the clerk's own explanation. */
export function CodedReasonPicker<C extends string>({
  codes,
  value,
  onChange,
  disabled,
}: CodedReasonPickerProps<C>) {
  const { t } = useI18n();
  const label = useCodeText();
  return (
    <Space direction="vertical" style={{ inlineSize: '100%' }} role="group">
      {codes.map((code) => {
        const picked = value.find((r) => r.code === code);
        return (
          <div key={code} data-code={code}>
            <Checkbox
              checked={!!picked}
              disabled={disabled}
              onChange={(event) => onChange(toggleReason(codes, value, code, event.target.checked))}
            >
              {label(code)}
            </Checkbox>
            {picked && (
              <div style={{ paddingInlineStart: 24, marginBlockStart: 4 }}>
                <Input.TextArea
                  rows={2}
                  disabled={disabled}
                  maxLength={MAX_REASON_TEXT}
                  aria-label={t('intake.reasons.textFor', { item: label(code) })}
                  placeholder={t(
                    code.endsWith('.other') ? 'intake.reasons.textRequired' : 'intake.reasons.textOptional',
                  )}
                  value={picked.text}
                  onChange={(event) => onChange(setReasonText(value, code, event.target.value))}
                />
              </div>
            )}
          </div>
        );
      })}
      {value.length > 0 && (
        <Typography.Text type="secondary">
          {t('intake.reasons.chosen', { count: value.length })}
        </Typography.Text>
      )}
    </Space>
  );
}
