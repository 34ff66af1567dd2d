import { Button, Card, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { nationalIdRule, passportNumberRule } from '../../../components/identifier-rules.js';
import { partyRoles } from '../../../../domain/cases/party.schema.js';
import { JalaliDateTimePicker } from '../../../components/JalaliDateTimePicker.js';
import { NationalIdInput } from '../../../components/NationalIdInput.js';
import { useI18n } from '../../../i18n/i18n.js';

/** One party's fields inside the new-case form's `parties` list. */
export function PartyFields({ index, onRemove }: { index: number; onRemove: () => void }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const role = Form.useWatch<string | undefined>(['parties', index, 'role'], form);
  const inCustody = Form.useWatch<boolean | undefined>(['parties', index, 'inCustody'], form);
  const required = { required: true, whitespace: true, message: t('validation.required') };

  return (
    <Card
      size="small"
      title={t('parties.title', { n: index + 1 })}
      extra={
        <Button size="small" type="text" danger onClick={onRemove}>
          {t('common.remove')}
        </Button>
      }
    >
      <Form.Item name={[index, 'key']} hidden>
        <Input />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={6}>
          <Form.Item
            name={[index, 'role']}
            label={t('parties.fields.role')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select options={partyRoles.map((r) => ({ value: r, label: t(`parties.roles.${r}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={[index, 'firstName']} label={t('parties.fields.firstName')} rules={[required]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={[index, 'lastName']} label={t('parties.fields.lastName')} rules={[required]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={[index, 'fatherName']} label={t('parties.fields.fatherName')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item
            name={[index, 'nationalId']}
            label={t('parties.fields.nationalId')}
            rules={[nationalIdRule(t)]}
          >
            <NationalIdInput />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item
            name={[index, 'passportNumber']}
            label={t('parties.fields.passportNumber')}
            rules={[passportNumberRule(t)]}
          >
            <Input dir="ltr" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={[index, 'mobile']} label={t('parties.fields.mobile')}>
            <Input dir="ltr" inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={[index, 'address']} label={t('parties.fields.address')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      {role === 'complainant' && (
        <Form.Item name={[index, 'smsConsent']} valuePropName="checked">
          <Checkbox>{t('parties.fields.smsConsent')}</Checkbox>
        </Form.Item>
      )}
      {role === 'accused' && (
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item name={[index, 'inCustody']} valuePropName="checked">
              <Checkbox>{t('parties.fields.inCustody')}</Checkbox>
            </Form.Item>
          </Col>
          {inCustody && (
            <Col xs={24} md={18}>
              <Form.Item
                name={[index, 'custodyStartedAt']}
                label={t('custody.startedAt')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <JalaliDateTimePicker />
              </Form.Item>
            </Col>
          )}
        </Row>
      )}
    </Card>
  );
}
