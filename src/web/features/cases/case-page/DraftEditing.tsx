import { useState } from 'react';
import { Alert, Button, Form, Modal, Popconfirm, Space } from 'antd';
import type { CaseDetail } from '../../../../domain/cases/case.schema.js';
import type { Party } from '../../../../domain/cases/party.schema.js';
import { ApiError, errorMessageKey, isKnownErrorCode } from '../../../api/client.js';
import { useFormDraft } from '../../../components/FormDraft.js';
import { formatInstant } from '../../../components/JalaliTime.js';
import { useI18n } from '../../../i18n/i18n.js';
import { useAddParty, useDeleteParty, useStartCustody, useUpdateCase, useUpdateParty } from '../api.js';
import { IncidentFields } from '../new-case/IncidentFields.js';
import { PartyFields } from '../new-case/PartyFields.js';
import {
  caseFieldsOf,
  formPathOf,
  partyBodyOf,
  type NewCaseValues,
  type PartyFormValues,
} from '../new-case/save-new-case.js';

/**
 * The sentence for a refused change: a save made on an older version of the case names who changed it and
 * when ("changed by X at T, reload"); any other refusal its own sentence.
 */
export function useChangeErrorText(): (error: unknown) => string {
  const { t, locale, digits } = useI18n();
  return (error) => {
    if (error instanceof ApiError && error.code === 'cases.changed_concurrently') {
      const at = typeof error.details.changedAt === 'string' ? new Date(error.details.changedAt) : null;
      return t('cases.edit.changedBy', {
        name: typeof error.details.changedBy === 'string' ? error.details.changedBy : '—',
        at: at ? digits(formatInstant(locale, at)) : '—',
      });
    }
    return t(errorMessageKey(error));
  };
}

/** Marks each field the server refused, in its own words; the issue paths name fields as the request did. */
function useFieldIssues() {
  const { t, has } = useI18n();
  return (
    form: { setFields: (fields: { name: (string | number)[]; errors: string[] }[]) => void },
    error: unknown,
    prefix: (string | number)[] = [],
  ) => {
    if (!(error instanceof ApiError)) return;
    form.setFields(
      error.issues.map((issue) => {
        const key = isKnownErrorCode(issue.code)
          ? `errors.${issue.code}`
          : `validation.${issue.code.replace(/^validation\./, '')}`;
        return {
          name: [...prefix, ...formPathOf(issue.path)],
          errors: [has(key) ? t(key) : t('validation.invalid')],
        };
      }),
    );
  };
}

/** The refusal of the last save, with a reload button when the case had moved on. */
function ChangeRefused({ error }: { error: unknown }) {
  const { t } = useI18n();
  const text = useChangeErrorText();
  if (!error) return null;
  const stale = error instanceof ApiError && error.code === 'cases.changed_concurrently';
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      message={text(error)}
      action={
        stale ? <Button onClick={() => window.location.reload()}>{t('cases.edit.reload')}</Button> : null
      }
    />
  );
}

/** «ویرایش مشخصات»: the incident of a draft, in a dialog, saved on the version shown. */
export function EditIncidentButton({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NewCaseValues>();
  const draft = useFormDraft(form, `cases.${detail.id}.incident`);
  const update = useUpdateCase();
  const markIssues = useFieldIssues();
  const save = async (values: NewCaseValues) => {
    const fields = caseFieldsOf(values);
    // A field emptied in the dialog is cleared on the server.
    for (const name of [
      'crimeCategoryCode',
      'incidentAt',
      'incidentProvinceCode',
      'incidentCountyCode',
    ] as const)
      if (fields[name] === undefined) fields[name] = null;
    for (const name of ['incidentAddress', 'narrative'] as const)
      if (fields[name] === undefined) fields[name] = null;
    try {
      await update.mutateAsync({ caseId: detail.id, fields, version: detail.updatedAt });
      draft.clear();
      setOpen(false);
    } catch (error) {
      // Issue paths come from the server, so antd cannot check them against the form's type.
      markIssues(form as unknown as Parameters<typeof markIssues>[0], error);
    }
  };
  return (
    <>
      <Button
        size="small"
        onClick={() => {
          update.reset();
          form.setFieldsValue({
            crimeCategoryCode: detail.crimeCategoryCode,
            incidentAt: detail.incidentAt,
            incidentProvinceCode: detail.incidentProvinceCode,
            incidentCountyCode: detail.incidentCountyCode,
            incidentAddress: detail.incidentAddress,
            narrative: detail.narrative,
            accusedUnknown: detail.accusedUnknown,
          });
          setOpen(true);
        }}
      >
        {t('cases.edit.incident')}
      </Button>
      <Modal
        open={open}
        width={860}
        title={t('cases.edit.incidentTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={update.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {draft.offer}
        <Form<NewCaseValues>
          form={form}
          layout="vertical"
          onFinish={(v) => void save(v)}
          onValuesChange={draft.keep}
        >
          <IncidentFields />
        </Form>
        <ChangeRefused error={update.error} />
      </Modal>
    </>
  );
}

const formValuesOf = (p: Party): PartyFormValues => ({
  key: p.id,
  role: p.role,
  firstName: p.firstName,
  lastName: p.lastName,
  ...(p.fatherName ? { fatherName: p.fatherName } : {}),
  ...(p.nationalId ? { nationalId: p.nationalId } : {}),
  ...(p.passportNumber ? { passportNumber: p.passportNumber } : {}),
  ...(p.mobile ? { mobile: p.mobile } : {}),
  ...(p.address ? { address: p.address } : {}),
});

/**
 * A party of a draft added or changed in a dialog (the same fields as the new-case form), and its custody started
 * when marked as held — each saved on the version of the case shown.
 */
export function PartyDialogButton({ detail, party }: { detail: CaseDetail; party?: Party }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ parties: PartyFormValues[] }>();
  const draft = useFormDraft(form, `cases.${detail.id}.party.${party?.id ?? 'new'}`);
  const add = useAddParty();
  const change = useUpdateParty();
  const custody = useStartCustody();
  const [error, setError] = useState<unknown>(null);
  const markIssues = useFieldIssues();
  const held = party ? detail.custody.some((c) => c.partyId === party.id && !c.endedAt) : false;

  const save = async ({ parties }: { parties: PartyFormValues[] }) => {
    const values = parties[0];
    if (!values) return;
    setError(null);
    try {
      const body = partyBodyOf(values);
      const saved = party
        ? await change.mutateAsync({
            caseId: detail.id,
            partyId: party.id,
            party: {
              ...body,
              fatherName: body.fatherName ?? null,
              nationalId: body.nationalId ?? null,
              passportNumber: body.passportNumber ?? null,
              mobile: body.mobile ?? null,
              address: body.address ?? null,
            },
            version: detail.updatedAt,
          })
        : await add.mutateAsync({ caseId: detail.id, party: body, version: detail.updatedAt });
      if (values.inCustody && values.custodyStartedAt && !held)
        await custody.mutateAsync({
          caseId: detail.id,
          partyId: saved.id,
          startedAt: values.custodyStartedAt,
        });
      draft.clear();
      setOpen(false);
    } catch (failure) {
      setError(failure);
      markIssues(form as unknown as Parameters<typeof markIssues>[0], failure, ['parties', 0]);
    }
  };

  return (
    <>
      <Button
        size="small"
        type={party ? 'link' : 'default'}
        onClick={() => {
          setError(null);
          form.setFieldsValue({
            parties: [
              party ? formValuesOf(party) : { key: 'new', role: 'accused', firstName: '', lastName: '' },
            ],
          });
          setOpen(true);
        }}
      >
        {party ? t('cases.edit.party') : t('parties.add')}
      </Button>
      <Modal
        open={open}
        width={900}
        title={party ? t('cases.edit.partyTitle') : t('parties.add')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={add.isPending || change.isPending || custody.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {draft.offer}
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} onValuesChange={draft.keep}>
          <Form.List name="parties">
            {(fields) => (
              <Space direction="vertical" style={{ inlineSize: '100%' }}>
                {fields.map((field) => (
                  <PartyFields key={field.key} index={field.name} onRemove={() => setOpen(false)} />
                ))}
              </Space>
            )}
          </Form.List>
        </Form>
        <ChangeRefused error={error} />
      </Modal>
    </>
  );
}

/** «حذف»: a party taken out of a draft, after a confirmation (a party with custody records stays: the server says so). */
export function RemovePartyButton({ detail, party }: { detail: CaseDetail; party: Party }) {
  const { t } = useI18n();
  const remove = useDeleteParty();
  const text = useChangeErrorText();
  return (
    <Space direction="vertical" size={0}>
      <Popconfirm
        title={t('cases.edit.removePartyConfirm')}
        okText={t('common.remove')}
        cancelText={t('common.cancel')}
        onConfirm={() => remove.mutate({ caseId: detail.id, partyId: party.id, version: detail.updatedAt })}
      >
        <Button size="small" type="link" danger>
          {t('common.remove')}
        </Button>
      </Popconfirm>
      {remove.isError && (
        <span role="alert" className="ant-typography ant-typography-danger">
          {text(remove.error)}
        </span>
      )}
    </Space>
  );
}
