import { useState } from 'react';
import { Checkbox, Input, Select, Space } from 'antd';
import { caseQueues } from '../../../domain/cases/case.schema.js';
import { caseStatuses } from '../../../domain/submission/case-status.js';
import { isJalaliDay } from '../../components/jalali-day.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCrimeCategories } from '../reference/api.js';
import { referenceName } from '../reference/reference-name.js';
import type { CaseListFilter } from './case-list-filters.js';

/** A Jalali day typed in any digits, applied on Enter or on leaving the box; a day that does not exist is marked. */
function DayInput(props: {
  label: string;
  value: string | undefined;
  onApply: (day: string | undefined) => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(props.value ?? '');
  const [shown, setShown] = useState(props.value);
  if (props.value !== shown) {
    setShown(props.value);
    setText(props.value ?? '');
  }
  const bad = text.trim() !== '' && !isJalaliDay(text);
  const apply = () => {
    if (!bad && text.trim() !== (props.value ?? '')) props.onApply(text.trim() || undefined);
  };
  return (
    <Input
      allowClear
      aria-label={props.label}
      placeholder={`${props.label} (${t('cases.filters.dayHint')})`}
      status={bad ? 'error' : undefined}
      title={bad ? t('cases.filters.badDay') : undefined}
      style={{ inlineSize: 170 }}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onPressEnter={apply}
      onBlur={apply}
    />
  );
}

/** The case list's filters: a job's queue, status, crime category, period of opening (Jalali), mine, sort. */
export function CaseListFilters(props: {
  filter: CaseListFilter;
  onChange: (filter: CaseListFilter) => void;
}) {
  const { t, locale } = useI18n();
  const { filter, onChange } = props;
  const categories = useCrimeCategories();
  const set = (patch: Partial<CaseListFilter>) => onChange({ ...filter, ...patch });
  return (
    <Space wrap aria-label={t('cases.filters.label')}>
      <Select
        allowClear
        aria-label={t('cases.filters.queue')}
        placeholder={t('cases.filters.queue')}
        style={{ minInlineSize: 190 }}
        value={filter.queue}
        onChange={(queue) => set({ queue })}
        options={caseQueues.map((q) => ({ value: q, label: t(`cases.queues.${q}`) }))}
      />
      <Select
        allowClear
        aria-label={t('cases.filters.status')}
        placeholder={t('cases.filters.status')}
        style={{ minInlineSize: 170 }}
        value={filter.status}
        onChange={(status) => set({ status })}
        options={caseStatuses.map((s) => ({ value: s, label: t(`cases.status.${s}`) }))}
      />
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        aria-label={t('cases.filters.crimeCategory')}
        placeholder={t('cases.filters.crimeCategory')}
        style={{ minInlineSize: 170 }}
        value={filter.crimeCategory}
        onChange={(crimeCategory) => set({ crimeCategory })}
        options={(categories.data ?? []).map((c) => ({
          value: c.code,
          label: referenceName(categories.data, c.code, locale),
        }))}
      />
      <DayInput
        label={t('cases.filters.fromDay')}
        value={filter.fromDay}
        onApply={(fromDay) => set({ fromDay })}
      />
      <DayInput label={t('cases.filters.toDay')} value={filter.toDay} onApply={(toDay) => set({ toDay })} />
      <Checkbox
        checked={filter.mine === 'true'}
        onChange={(event) => set({ mine: event.target.checked ? 'true' : undefined })}
      >
        {t('cases.filters.mine')}
      </Checkbox>
      <Select
        aria-label={t('cases.filters.sort')}
        style={{ minInlineSize: 150 }}
        value={filter.sort ?? 'newest'}
        onChange={(sort) => set({ sort: sort === 'newest' ? undefined : sort })}
        options={(['newest', 'oldest'] as const).map((s) => ({
          value: s,
          label: t(`cases.filters.sorts.${s}`),
        }))}
      />
    </Space>
  );
}
