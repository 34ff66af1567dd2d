import { Input, Select } from 'antd';
import type { OfficeListEntry } from '../../../domain/intake/office-lists.schema.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * A branch or a دادیار/بازپرس as a form field: chosen from the office's list once its admin keeps one (the server
 * refuses any other name then), typed while it keeps none.
 */
export function OfficeListInput(props: {
  entries: OfficeListEntry[] | undefined;
  maxLength: number;
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}) {
  const { t } = useI18n();
  const { entries } = props;
  if (!entries || entries.length === 0)
    return (
      <Input
        id={props.id}
        maxLength={props.maxLength}
        value={props.value}
        onChange={(event) => props.onChange?.(event.target.value)}
      />
    );
  return (
    <Select
      id={props.id}
      showSearch
      optionFilterProp="label"
      placeholder={t('intake.register.choose')}
      value={props.value}
      onChange={(value: string) => props.onChange?.(value)}
      options={entries.map((e) => ({
        value: e.name,
        label: e.kind === 'branch' ? e.name : `${e.name} (${t(`officeLists.kinds.${e.kind}`)})`,
      }))}
    />
  );
}
