import { Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { JalaliDateTimePicker } from '../../../components/JalaliDateTimePicker.js';
import { useI18n } from '../../../i18n/i18n.js';
import { useCounties, useCrimeCategories, useProvinces } from '../../reference/api.js';
import { referenceOptions } from '../../reference/reference-name.js';

/** Crime type, time and place of the incident, the narrative. */
export function IncidentFields() {
  const { t, locale } = useI18n();
  const form = Form.useFormInstance();
  const province = Form.useWatch('incidentProvinceCode', form) as string | undefined;
  const categories = useCrimeCategories();
  const provinces = useProvinces();
  const counties = useCounties();
  const countyItems = (counties.data ?? []).filter((c) => !province || c.provinceCode === province);
  const search = { showSearch: true, optionFilterProp: 'label', allowClear: true } as const;

  return (
    <Row gutter={12}>
      <Col xs={24} md={12}>
        <Form.Item name="crimeCategoryCode" label={t('cases.fields.crimeCategory')}>
          <Select
            {...search}
            loading={categories.isPending}
            options={referenceOptions(categories.data, locale)}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="incidentAt" label={t('cases.fields.incidentAt')}>
          <JalaliDateTimePicker />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="incidentProvinceCode" label={t('cases.fields.province')}>
          <Select
            {...search}
            loading={provinces.isPending}
            options={referenceOptions(provinces.data, locale)}
            onChange={() => form.setFieldValue('incidentCountyCode', undefined)}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="incidentCountyCode" label={t('cases.fields.county')}>
          <Select {...search} loading={counties.isPending} options={referenceOptions(countyItems, locale)} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="incidentAddress" label={t('cases.fields.address')}>
          <Input />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="narrative" label={t('cases.fields.narrative')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="accusedUnknown" valuePropName="checked">
          <Checkbox>{t('cases.fields.accusedUnknown')}</Checkbox>
        </Form.Item>
      </Col>
    </Row>
  );
}
