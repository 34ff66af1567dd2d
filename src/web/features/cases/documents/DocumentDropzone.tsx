import { useRef, useState, type DragEvent } from 'react';
import { Button, List, Progress, Select, Space, Typography } from 'antd';
import { errorMessageKey } from '../../../api/client.js';
import { documentKinds } from '../../../../domain/documents/documents.schema.js';
import { useI18n } from '../../../i18n/i18n.js';
import type { UploadQueue } from './upload-queue.js';

export interface DocumentDropzoneProps {
  queue: UploadQueue;
  /** When the case exists, dropped files upload at once and failures can be retried; otherwise they wait. */
  caseId?: string | undefined;
  disabled?: boolean;
}

/** `1.2 MB`-style size in the locale's digits. */
export function formatSize(bytes: number, digits: (s: string) => string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return digits(`${u === 0 ? n : n.toFixed(1)} ${units[u]}`);
}

/** Drag-and-drop (or click to choose) documents, each with its kind, upload progress and retry. */
export function DocumentDropzone({ queue, caseId, disabled }: DocumentDropzoneProps) {
  const { t, digits } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [active, setActive] = useState(false);

  const accept = (files: File[]) => {
    if (disabled || files.length === 0) return;
    queue.add(files);
    if (caseId) void queue.uploadAll(caseId);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setActive(false);
    accept(Array.from(event.dataTransfer.files));
  };
  const kindOptions = documentKinds.map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }));

  return (
    <Space direction="vertical" style={{ inlineSize: '100%' }}>
      <div
        className="cb-dropzone"
        data-active={active}
        role="button"
        tabIndex={disabled ? -1 : 0}
        aria-disabled={disabled}
        onClick={() => input.current?.click()}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') input.current?.click();
        }}
        onDragOver={(event) => {
          event.preventDefault();
          setActive(true);
        }}
        onDragLeave={() => setActive(false)}
        onDrop={onDrop}
      >
        <Typography.Text strong>{t('documents.dropHint')}</Typography.Text>
        <br />
        <Typography.Text type="secondary">{t('documents.dropHintSub')}</Typography.Text>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          style={{ display: 'none' }}
          data-testid="document-input"
          onChange={(event) => {
            accept(Array.from(event.target.files ?? []));
            event.target.value = '';
          }}
        />
      </div>
      {queue.items.length > 0 && (
        <List
          size="small"
          bordered
          dataSource={queue.items}
          renderItem={(item) => (
            <List.Item
              key={item.key}
              data-status={item.status}
              actions={[
                item.status === 'failed' && caseId && (
                  <Button key="retry" size="small" onClick={() => void queue.retry(caseId, item.key)}>
                    {t('documents.retry')}
                  </Button>
                ),
                (item.status === 'pending' || item.status === 'failed') && (
                  <Button key="remove" size="small" type="text" danger onClick={() => queue.remove(item.key)}>
                    {t('common.remove')}
                  </Button>
                ),
              ].filter(Boolean)}
            >
              <Space direction="vertical" size={2} style={{ inlineSize: '100%' }}>
                <Space wrap>
                  <Typography.Text>{item.file.name}</Typography.Text>
                  <Typography.Text type="secondary">{formatSize(item.file.size, digits)}</Typography.Text>
                  <Select
                    size="small"
                    aria-label={t('documents.kind')}
                    value={item.kind ?? undefined}
                    placeholder={t('documents.chooseKind')}
                    status={item.kind === null ? 'warning' : undefined}
                    options={kindOptions}
                    disabled={item.status === 'uploading' || item.status === 'done'}
                    style={{ minInlineSize: 180 }}
                    onChange={(kind: string) => {
                      queue.setKind(item.key, kind);
                      if (caseId && item.status === 'pending') void queue.uploadAll(caseId);
                    }}
                  />
                  <Typography.Text type={item.status === 'failed' ? 'danger' : 'secondary'}>
                    {item.kind === null && item.status === 'pending'
                      ? t('documents.kindNeeded')
                      : t(`documents.status.${item.status}`)}
                  </Typography.Text>
                </Space>
                {item.status === 'uploading' && (
                  <Progress
                    percent={Math.round(item.progress * 100)}
                    size="small"
                    format={(p) => digits(`${p ?? 0}%`)}
                  />
                )}
                {item.status === 'failed' && (
                  <Typography.Text type="danger">{t(errorMessageKey(item.error))}</Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
