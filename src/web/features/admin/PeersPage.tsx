import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { errorMessageKey } from '../../api/client.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import type { OutboxItem } from '../../../domain/outbox.schema.js';
import type { OwnTrustEntry, Peer } from '../../../domain/trust.schema.js';
import { codeLabel } from '../cases/case-labels.js';
import { useAddPeer, useOutbox, useOwnTrustEntry, usePeers, useRevokeKey } from './peers-api.js';
import { parseTrustEntryInput } from './trust-entry-input.js';

const entryText = (entry: OwnTrustEntry) => `${JSON.stringify(entry, null, 2)}\n`;

/** Saves the trust entry as `<nodeId>.trust.json`, the file `casebridge peers add --file` reads. */
function downloadEntry(entry: OwnTrustEntry) {
  const url = URL.createObjectURL(new Blob([entryText(entry)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${entry.nodeId}.trust.json`;
  link.click();
  URL.revokeObjectURL(url);
}

/** This node's trust entry, to hand to the operators of another node: shown, copied or downloaded. */
function OwnTrustEntryCard({ ownPeer }: { ownPeer: Peer | undefined }) {
  const { t, digits } = useI18n();
  const { message } = App.useApp();
  const own = useOwnTrustEntry();
  const entry = own.data;
  const kids = entry?.keys.map((k) => k.kid) ?? [];
  const keyIds = kids.length > 0 ? kids : (ownPeer?.keys.map((k) => k.kid) ?? []);
  const copy = async (value: OwnTrustEntry) => {
    try {
      await navigator.clipboard.writeText(entryText(value));
      void message.success(t('admin.peers.own.copied'));
    } catch {
      void message.error(t('admin.peers.own.copyFailed'));
    }
  };
  return (
    <Card
      size="small"
      title={t('admin.peers.own.title')}
      loading={own.isPending}
      extra={
        entry && (
          <Space wrap>
            <Button onClick={() => void copy(entry)}>{t('admin.peers.own.copy')}</Button>
            <Button onClick={() => downloadEntry(entry)}>{t('admin.peers.own.download')}</Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('admin.peers.own.intro')}</Typography.Paragraph>
      {own.isError && <Alert type="error" showIcon message={t(errorMessageKey(own.error))} />}
      {entry && (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('admin.peers.nodeId')}>
            <span className="cb-ltr" data-testid="own-node-id">
              {entry.nodeId}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.peers.baseUrl')}>
            {entry.baseUrl ? <span className="cb-ltr">{entry.baseUrl}</span> : t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.peers.keys')}>
            <Space direction="vertical" size={2}>
              {keyIds.map((kid) => (
                <Typography.Text key={kid} code className="cb-ltr">
                  {kid}
                </Typography.Text>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.peers.own.organisations')}>
            {digits(entry.organisations.length)}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

/** The keys of one node: each with its state, and a revoke button (with a confirmation) while valid. */
function PeerKeys({ peer, own }: { peer: Peer; own: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const revoke = useRevokeKey();
  return (
    <Space direction="vertical" size={4}>
      {peer.keys.map((k) => (
        <Space key={k.kid} size={4} wrap>
          <Typography.Text code className="cb-ltr" title={k.kid}>
            {k.kid}
          </Typography.Text>
          {k.revoked ? (
            <Tag color="red">{t('admin.peers.revoked')}</Tag>
          ) : (
            <>
              <Tag color="green">{t('admin.peers.valid')}</Tag>
              <Popconfirm
                title={t(own ? 'admin.peers.revokeOwnConfirm' : 'admin.peers.revokeConfirm')}
                okText={t('admin.peers.revoke')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  revoke.mutate(k.kid, {
                    onSuccess: () => void message.success(t('admin.peers.keyRevoked')),
                    onError: (error) => void message.error(t(errorMessageKey(error))),
                  })
                }
              >
                <Button size="small" danger loading={revoke.isPending && revoke.variables === k.kid}>
                  {t('admin.peers.revoke')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ))}
    </Space>
  );
}

/** Paste another node's trust entry; it is checked here with the server's schema before it is sent. */
function AddPeerCard({ ownNodeId }: { ownNodeId: string | undefined }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const add = useAddPeer();
  const submit = () => {
    const input = parseTrustEntryInput(text, ownNodeId);
    if (!input.ok) {
      add.reset();
      setErrors(input.errors);
      return;
    }
    setErrors([]);
    add.mutate(input.entry, {
      onSuccess: (result) => {
        void message.success(
          t('admin.peers.add.added', {
            nodeId: input.entry.nodeId,
            keys: result.keysAdded,
            organisations: result.organisations,
          }),
        );
        setText('');
      },
    });
  };
  return (
    <Card size="small" title={t('admin.peers.add.title')}>
      <Typography.Paragraph type="secondary">{t('admin.peers.add.intro')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={submit}>
        <Form.Item label={t('admin.peers.add.label')} htmlFor="peer-trust-entry">
          <Input.TextArea
            id="peer-trust-entry"
            dir="ltr"
            rows={8}
            spellCheck={false}
            placeholder={t('admin.peers.add.placeholder')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setErrors([]);
            }}
          />
        </Form.Item>
        {errors.length > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="trust-entry-errors"
            style={{ marginBlockEnd: 16 }}
            message={t('admin.peers.add.invalid')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {errors.map((key) => (
                  <li key={key}>{t(key)}</li>
                ))}
              </ul>
            }
          />
        )}
        {add.isError && (
          <Alert
            type="error"
            showIcon
            style={{ marginBlockEnd: 16 }}
            message={t(errorMessageKey(add.error))}
          />
        )}
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('admin.peers.add.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** Messages still waiting for delivery: where to, how many tries, the last error and the next try. */
function OutboxCard() {
  const i18n = useI18n();
  const { t, digits } = i18n;
  const outbox = useOutbox();
  return (
    <Card
      size="small"
      title={t('admin.peers.outbox.title')}
      extra={
        <Button size="small" loading={outbox.isFetching} onClick={() => void outbox.refetch()}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('admin.peers.outbox.intro')}</Typography.Paragraph>
      {outbox.isError && <Alert type="error" showIcon message={t(errorMessageKey(outbox.error))} />}
      <Table<OutboxItem>
        rowKey="messageId"
        size="small"
        loading={outbox.isPending}
        dataSource={outbox.data ?? []}
        locale={{ emptyText: t('admin.peers.outbox.empty') }}
        pagination={{ pageSize: 25, showSizeChanger: false }}
        scroll={{ x: true }}
        columns={[
          {
            key: 'type',
            title: t('admin.peers.outbox.type'),
            render: (_, m) => codeLabel(i18n, 'messages.types', m.type),
          },
          {
            key: 'destination',
            title: t('admin.peers.outbox.destination'),
            render: (_, m) => (
              <span className="cb-ltr">
                {m.toOrg} @ {m.toNode}
              </span>
            ),
          },
          {
            key: 'queuedAt',
            title: t('admin.peers.outbox.queuedAt'),
            render: (_, m) => <JalaliTime at={m.queuedAt} />,
          },
          { key: 'attempts', title: t('admin.peers.outbox.attempts'), render: (_, m) => digits(m.attempts) },
          {
            key: 'lastError',
            title: t('admin.peers.outbox.lastError'),
            render: (_, m) =>
              m.lastError ? (
                <Typography.Text type="danger" className="cb-ltr" style={{ fontSize: 12 }}>
                  {m.lastError}
                </Typography.Text>
              ) : (
                t('common.none')
              ),
          },
          {
            key: 'nextAttemptAt',
            title: t('admin.peers.outbox.nextAttempt'),
            render: (_, m) => <JalaliTime at={m.nextAttemptAt} />,
          },
        ]}
      />
    </Card>
  );
}

/** The exchange's trust: this node's entry, the trusted nodes and their keys, adding a node, the outbox. */
export function PeersPage() {
  const { t } = useI18n();
  const peers = usePeers();
  const own = useOwnTrustEntry();
  const ownNodeId = own.data?.nodeId;
  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('admin.peers.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('admin.peers.intro')}</Typography.Text>
      <OwnTrustEntryCard ownPeer={peers.data?.find((p) => p.nodeId === ownNodeId)} />
      <Card size="small" title={t('admin.peers.list.title')}>
        {peers.isError && <Alert type="error" showIcon message={t(errorMessageKey(peers.error))} />}
        <Table<Peer>
          rowKey="nodeId"
          size="small"
          loading={peers.isPending}
          dataSource={peers.data ?? []}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            {
              key: 'nodeId',
              title: t('admin.peers.nodeId'),
              render: (_, p) => (
                <Space size={4} wrap>
                  <span className="cb-ltr">{p.nodeId}</span>
                  {p.nodeId === ownNodeId && <Tag color="blue">{t('admin.peers.list.thisNode')}</Tag>}
                </Space>
              ),
            },
            {
              key: 'baseUrl',
              title: t('admin.peers.baseUrl'),
              render: (_, p) => (p.baseUrl ? <span className="cb-ltr">{p.baseUrl}</span> : t('common.none')),
            },
            {
              key: 'keys',
              title: t('admin.peers.keys'),
              render: (_, p) => <PeerKeys peer={p} own={p.nodeId === ownNodeId} />,
            },
          ]}
        />
      </Card>
      <AddPeerCard ownNodeId={ownNodeId} />
      <OutboxCard />
    </Space>
  );
}
