import { useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { deficiencyCodes, rejectionCodes } from '../../../../domain/messages/bodies.js';
import { toLatinDigits } from '../../../../domain/persian-text.js';
import { errorMessageKey } from '../../../api/client.js';
import { useI18n } from '../../../i18n/i18n.js';
import { useProsecutorOffices, useRegisterIntake, useRejectIntake, useReturnIntake } from '../api.js';
import { reasonsProblem, type CodedReason } from '../coded-reasons.js';
import { CodedReasonPicker } from './CodedReasonPicker.js';

type DeficiencyCode = (typeof deficiencyCodes)[number];
type RejectionCode = (typeof rejectionCodes)[number];

export interface DecisionDialogProps {
  intakeId: string;
  open: boolean;
  onClose: () => void;
}

/** The server's answer to a failed decision, as a Persian sentence (`errors.<code>`), with the code for support. */
function DecisionError({ error }: { error: unknown }) {
  const { t } = useI18n();
  const key = errorMessageKey(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-error={key}
      message={t(key)}
      style={{ marginBlockEnd: 12 }}
    />
  );
}

interface RegisterValues {
  fileNumber: string;
  branch: string;
  assignedJudge: string;
}

/**
 * Register: the prosecutor's file number (any digits, stored Latin), the branch and the assigned دادیار/بازپرس.
 * The dialog stays open with its input when the server answers an error; closing keeps it too, until a success.
 */
export function RegisterDialog({ intakeId, open, onClose }: DecisionDialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<RegisterValues>();
  const register = useRegisterIntake();
  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  const submit = (values: RegisterValues) =>
    register.mutate(
      { id: intakeId, body: { ...values, fileNumber: toLatinDigits(values.fileNumber.trim()) } },
      {
        onSuccess: () => {
          form.resetFields();
          onClose();
        },
      },
    );
  return (
    <Modal
      open={open}
      title={t('intake.register.title')}
      okText={t('intake.register.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={register.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {register.isError && <DecisionError error={register.error} />}
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        aria-label={t('intake.register.title')}
      >
        <Form.Item name="fileNumber" label={t('intake.register.fileNumber')} rules={required}>
          <Input dir="auto" maxLength={50} />
        </Form.Item>
        <Form.Item name="branch" label={t('intake.register.branch')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="assignedJudge" label={t('intake.register.assignedJudge')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Return for completion (نقص): the coded deficiencies, each with its text. */
export function ReturnDialog({ intakeId, open, onClose }: DecisionDialogProps) {
  const { t } = useI18n();
  const [picked, setPicked] = useState<CodedReason<DeficiencyCode>[]>([]);
  const [tried, setTried] = useState(false);
  const returnFile = useReturnIntake();
  const problem = reasonsProblem(picked);
  const submit = () => {
    setTried(true);
    if (problem) return;
    returnFile.mutate(
      { id: intakeId, body: { deficiencies: picked } },
      {
        onSuccess: () => {
          setPicked([]);
          setTried(false);
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('intake.return.title')}
      okText={t('intake.return.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={returnFile.isPending}
      onOk={submit}
      onCancel={onClose}
      width={640}
    >
      {returnFile.isError && <DecisionError error={returnFile.error} />}
      {tried && problem && (
        <Alert type="warning" showIcon message={t(problem)} style={{ marginBlockEnd: 12 }} />
      )}
      <CodedReasonPicker codes={deficiencyCodes} value={picked} onChange={setPicked} />
    </Modal>
  );
}

/** Reject: the coded reasons, and — for a wrong jurisdiction — the competent office. */
export function RejectDialog({ intakeId, open, onClose }: DecisionDialogProps) {
  const { t, locale } = useI18n();
  const [picked, setPicked] = useState<CodedReason<RejectionCode>[]>([]);
  const [office, setOffice] = useState<string | undefined>();
  const [tried, setTried] = useState(false);
  const reject = useRejectIntake();
  const offices = useProsecutorOffices();
  const problem = reasonsProblem(picked);
  const submit = () => {
    setTried(true);
    if (problem) return;
    reject.mutate(
      { id: intakeId, body: { reasons: picked, ...(office ? { competentOfficeCode: office } : {}) } },
      {
        onSuccess: () => {
          setPicked([]);
          setOffice(undefined);
          setTried(false);
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('intake.reject.title')}
      okText={t('intake.reject.submit')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={reject.isPending}
      onOk={submit}
      onCancel={onClose}
      width={640}
    >
      {reject.isError && <DecisionError error={reject.error} />}
      {tried && problem && (
        <Alert type="warning" showIcon message={t(problem)} style={{ marginBlockEnd: 12 }} />
      )}
      <CodedReasonPicker codes={rejectionCodes} value={picked} onChange={setPicked} />
      <Form layout="vertical" style={{ marginBlockStart: 16 }}>
        <Form.Item label={t('intake.reject.competentOffice')} help={t('intake.reject.competentOfficeHint')}>
          <Select<string>
            allowClear
            showSearch
            optionFilterProp="label"
            aria-label={t('intake.reject.competentOffice')}
            value={office}
            loading={offices.isPending}
            options={(offices.data ?? []).map((o) => ({
              value: o.code,
              label: locale === 'fa' ? o.nameFa : o.nameEn,
            }))}
            onChange={setOffice}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
