import { Descriptions, Tag } from 'antd';
import type { CaseDetail } from '../../../../domain/cases/case.schema.js';
import { JalaliTime } from '../../../components/JalaliTime.js';
import { useI18n } from '../../../i18n/i18n.js';
import { useCounties, useCrimeCategories, useProvinces } from '../../reference/api.js';
import { referenceName } from '../../reference/reference-name.js';
import { codeLabel } from '../case-labels.js';

/** The case's identity, state and incident. */
export function CaseSummary({ detail }: { detail: CaseDetail }) {
  const i18n = useI18n();
  const { t, digits, locale } = i18n;
  const categories = useCrimeCategories();
  const provinces = useProvinces();
  const counties = useCounties();
  const place = [
    referenceName(provinces.data, detail.incidentProvinceCode, locale),
    referenceName(counties.data, detail.incidentCountyCode, locale),
    detail.incidentAddress ?? '',
  ].filter(Boolean);
  const none = '—';

  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
      <Descriptions.Item label={t('cases.fields.caseNumber')}>
        <span className="cb-ltr">{digits(detail.caseNumber)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.trackingCode')}>
        {detail.trackingCode ? <span className="cb-ltr">{digits(detail.trackingCode)}</span> : none}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.status')}>
        <Tag>{codeLabel(i18n, 'cases.status', detail.status)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.origin')}>
        {t(`cases.origin.${detail.origin}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.createdAt')}>
        <JalaliTime at={detail.createdAt} />
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.updatedAt')}>
        <JalaliTime at={detail.updatedAt} />
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.sentAt')}>
        {detail.sentAt ? <JalaliTime at={detail.sentAt} /> : none}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.crimeCategory')}>
        {referenceName(categories.data, detail.crimeCategoryCode, locale) || none}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.incidentAt')}>
        {detail.incidentAt ? <JalaliTime at={detail.incidentAt} /> : none}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.place')}>
        {place.join(locale === 'fa' ? '، ' : ', ') || none}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.accusedUnknown')}>
        {detail.accusedUnknown ? t('common.yes') : t('common.no')}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.fields.narrative')} span={2}>
        <span style={{ whiteSpace: 'pre-wrap' }}>{detail.narrative || none}</span>
      </Descriptions.Item>
    </Descriptions>
  );
}
