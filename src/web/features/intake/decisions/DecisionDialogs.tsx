import { useState } from 'react';
import { Form, Input, Select } from 'antd';
import type { RegisterIntakeBody } from '../../../../domain/intake/intake.schema.js';
import { deficiencyCodes, rejectionCodes } from '../../../../domain/messages/bodies.js';
import { toLatinDigits } from '../../../../domain/persian-text.js';
import { useI18n } from '../../../i18n/i18n.js';
import { useProsecutorOffices, useRegisterIntake, useRejectIntake, useReturnIntake } from '../api.js';
import { reasonsProblem, type CodedReason } from '../coded-reasons.js';
import { CodedReasonPicker } from './CodedReasonPicker.js';
import { OfficeListInput } from '../OfficeListInput.js';
import { useOwnOfficeLists } from '../office-lists-api.js';
import { ActionDialog, resetAndClose } from '../../../components/ActionDialog.js';
import { useFormDraft } from '../../../components/FormDraft.js';

type DeficiencyCode = (typeof deficiencyCodes)[number];
type RejectionCode = (typeof rejectionCodes)[number];

export interface DecisionDialogProps {
  intakeId: string;
  open: boolean;
  onClose: () => void;
}

/**
 * Register: the prosecutor's file number (any digits, stored Latin), the branch and the assigned دادیار/بازپرس
 * (chosen from the office's lists once its admin keeps them).
 * The dialog stays open with its input when the server answers an error; closing keeps it too, until a success.
 */
export function RegisterDialog({ intakeId, open, onClose }: DecisionDialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<RegisterIntakeBody>();
  const draft = useFormDraft(form, `intake.${intakeId}.register`);
  const register = useRegisterIntake();
  const lists = useOwnOfficeLists(open);
  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  const submit = (values: RegisterIntakeBody) =>
    register.mutate(
      { id: intakeId, body: { ...values, fileNumber: toLatinDigits(values.fileNumber.trim()) } },
      resetAndClose(form, onClose, draft),
    );
  return (
    <ActionDialog
      open={open}
      title={t('intake.register.title')}
      okText={t('intake.register.submit')}
      mutation={register}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<RegisterIntakeBody>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={draft.keep}
        aria-label={t('intake.register.title')}
      >
        {draft.offer}
        <Form.Item name="fileNumber" label={t('intake.register.fileNumber')} rules={required}>
          <Input dir="auto" maxLength={50} />
        </Form.Item>
        <Form.Item name="branch" label={t('intake.register.branch')} rules={required}>
          <OfficeListInput entries={lists.data?.branches} maxLength={100} />
        </Form.Item>
        <Form.Item name="assignedJudge" label={t('intake.register.assignedJudge')} rules={required}>
          <OfficeListInput entries={lists.data?.staff} maxLength={200} />
        </Form.Item>
      </Form>
    </ActionDialog>
  );
}

/** Return for completion (نقص): the coded deficiencies, each with its text. */
export function ReturnDialog({ intakeId, open, onClose }: DecisionDialogProps) {
  const { t } = useI18n();
  const [picked, setPicked] = useState<CodedReason<DeficiencyCode>[]>([]);
  const draft = useFormDraft<{ picked: CodedReason<DeficiencyCode>[] }>(
    { getFieldsValue: () => ({ picked }), setFieldsValue: (v) => setPicked(v.picked) },
    `intake.${intakeId}.return`,
  );
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
          draft.clear();
          onClose();
        },
      },
    );
  };
  return (
    <ActionDialog
      open={open}
      title={t('intake.return.title')}
      okText={t('intake.return.submit')}
      width={640}
      mutation={returnFile}
      warning={tried && problem ? t(problem) : null}
      onOk={submit}
      onCancel={onClose}
    >
      {draft.offer}
      <CodedReasonPicker
        codes={deficiencyCodes}
        value={picked}
        onChange={(next) => {
          setPicked(next);
          draft.keepValues({ picked: next });
        }}
      />
    </ActionDialog>
  );
}

/** Reject: the coded reasons, and — for a wrong jurisdiction — the competent office. */
export function RejectDialog({ intakeId, open, onClose }: DecisionDialogProps) {
  const { t, locale } = useI18n();
  const [picked, setPicked] = useState<CodedReason<RejectionCode>[]>([]);
  const [office, setOffice] = useState<string | undefined>();
  const draft = useFormDraft<{ picked: CodedReason<RejectionCode>[]; office?: string }>(
    {
      getFieldsValue: () => ({ picked, ...(office ? { office } : {}) }),
      setFieldsValue: (v) => {
        setPicked(v.picked);
        setOffice(v.office);
      },
    },
    `intake.${intakeId}.reject`,
  );
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
          draft.clear();
          onClose();
        },
      },
    );
  };
  return (
    <ActionDialog
      open={open}
      title={t('intake.reject.title')}
      okText={t('intake.reject.submit')}
      danger
      width={640}
      mutation={reject}
      warning={tried && problem ? t(problem) : null}
      onOk={submit}
      onCancel={onClose}
    >
      {draft.offer}
      <CodedReasonPicker
        codes={rejectionCodes}
        value={picked}
        onChange={(next) => {
          setPicked(next);
          draft.keepValues({ picked: next, ...(office ? { office } : {}) });
        }}
      />
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
            onChange={(next?: string) => {
              setOffice(next);
              draft.keepValues({ picked, ...(next ? { office: next } : {}) });
            }}
          />
        </Form.Item>
      </Form>
    </ActionDialog>
  );
}
