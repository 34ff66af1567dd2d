import { Space, Table, Tag } from 'antd';
import { PartyDialogButton, RemovePartyButton } from './DraftEditing.js';
import type { CaseDetail } from '../../../../domain/cases/case.schema.js';
import type { Party } from '../../../../domain/cases/party.schema.js';
import { CustodyCountdown } from '../../../components/CustodyCountdown.js';
import { JalaliTime } from '../../../components/JalaliTime.js';
import { useI18n } from '../../../i18n/i18n.js';

/** The parties, each with its custody clock if held; in a draft, each can be changed or removed. */
export function PartiesTable({ detail }: { detail: CaseDetail }) {
  const { t, digits } = useI18n();
  const custodyOf = (p: Party) => detail.custody.filter((c) => c.partyId === p.id);
  const id = (v: string | null) => (v ? <span className="cb-ltr">{digits(v)}</span> : '—');
  return (
    <Table<Party>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={detail.parties}
      locale={{ emptyText: t('parties.empty') }}
      scroll={{ x: true }}
      columns={[
        {
          key: 'role',
          title: t('parties.fields.role'),
          render: (_, p) => <Tag>{t(`parties.roles.${p.role}`)}</Tag>,
        },
        { key: 'name', title: t('parties.fields.name'), render: (_, p) => `${p.firstName} ${p.lastName}` },
        { key: 'father', title: t('parties.fields.fatherName'), render: (_, p) => p.fatherName ?? '—' },
        {
          key: 'nid',
          title: t('parties.fields.nationalId'),
          render: (_, p) => id(p.nationalId ?? p.passportNumber),
        },
        { key: 'mobile', title: t('parties.fields.mobile'), render: (_, p) => id(p.mobile) },
        {
          key: 'custody',
          title: t('cases.fields.custody'),
          render: (_, p) =>
            custodyOf(p).map((c) => (
              <div key={c.id}>
                {t('custody.since')} <JalaliTime at={c.startedAt} />{' '}
                <CustodyCountdown deadlineAt={c.deadlineAt} endedAt={c.endedAt} />
                {c.breached && <Tag color="red">{t('custody.breached')}</Tag>}
              </div>
            )),
        },
        ...(detail.allowed.update
          ? [
              {
                key: 'actions',
                title: '',
                render: (_: unknown, p: Party) => (
                  <Space size={0}>
                    <PartyDialogButton detail={detail} party={p} />
                    <RemovePartyButton detail={detail} party={p} />
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
