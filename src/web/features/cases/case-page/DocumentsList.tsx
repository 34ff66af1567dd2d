import { useState } from 'react';
import { Button, Image, List, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import type { CaseDetail, CaseFileDocument } from '../../../../domain/cases/case.schema.js';
import { documentKinds, type DocumentKind } from '../../../../domain/documents/documents.schema.js';
import { JalaliTime } from '../../../components/JalaliTime.js';
import { useI18n } from '../../../i18n/i18n.js';
import { documentContentUrl, useClassifyDocument, useRemoveDocument } from '../api.js';
import { formatSize } from '../documents/DocumentDropzone.js';
import { codeLabel } from '../case-labels.js';
import { useChangeErrorText } from './DraftEditing.js';

const isImage = (d: CaseFileDocument) => /^image\/(jpeg|png|gif|webp|avif)$/.test(d.mediaType);
const isPdf = (d: CaseFileDocument) => d.mediaType === 'application/pdf';
const isVideo = (d: CaseFileDocument) => /^video\/(mp4|webm)$/.test(d.mediaType);
const isAudio = (d: CaseFileDocument) => /^audio\/(mpeg|mp4|ogg|wav)$/.test(d.mediaType);
const isText = (d: CaseFileDocument) => d.mediaType === 'text/plain';
/** Whether the browser can show the document by itself (the server sends these `inline`). */
export const isViewable = (d: CaseFileDocument) =>
  isImage(d) || isPdf(d) || isVideo(d) || isAudio(d) || isText(d);

/**
 * A document read in the page: a PDF in the browser's own viewer, an image zoomable, video and audio in the
 * native players (streamed by range requests). The bytes come with headers that never let them run as a page.
 */
function DocumentViewer({ caseId, document }: { caseId: string; document: CaseFileDocument }) {
  const src = documentContentUrl(caseId, document.id, true);
  if (isImage(document))
    return (
      <Image src={src} alt={document.name} style={{ maxInlineSize: '100%' }} data-testid="document-image" />
    );
  if (isVideo(document))
    return (
      <video
        src={src}
        controls
        preload="metadata"
        style={{ inlineSize: '100%' }}
        data-testid="document-video"
      />
    );
  if (isAudio(document)) return <audio src={src} controls preload="metadata" data-testid="document-audio" />;
  return (
    <iframe
      src={src}
      title={document.name}
      data-testid="document-frame"
      style={{ inlineSize: '100%', blockSize: '75vh', border: 0 }}
    />
  );
}

/**
 * The case's documents: a thumbnail for each image, each shown in the page or downloaded; in a draft each can be
 * re-classified (the readiness checklist follows) or removed.
 */
export function DocumentsList({ detail }: { detail: CaseDetail }) {
  const i18n = useI18n();
  const { t, digits } = i18n;
  const [viewing, setViewing] = useState<CaseFileDocument | null>(null);
  const classify = useClassifyDocument();
  const remove = useRemoveDocument();
  const errorText = useChangeErrorText();
  const failure = classify.error ?? remove.error;
  const kindOptions = documentKinds.map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }));
  return (
    <>
      <List
        size="small"
        dataSource={detail.documents}
        locale={{ emptyText: t('documents.empty') }}
        renderItem={(d) => (
          <List.Item
            key={d.id}
            data-testid="case-document"
            actions={[
              isViewable(d) && (
                <Button key="view" size="small" onClick={() => setViewing(d)}>
                  {t('documents.view')}
                </Button>
              ),
              detail.allowed.removeDocument && (
                <Popconfirm
                  key="remove"
                  title={t('documents.removeConfirm')}
                  okText={t('common.remove')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    remove.mutate({ caseId: detail.id, documentId: d.id, version: detail.updatedAt })
                  }
                >
                  <Button size="small" type="text" danger>
                    {t('documents.remove')}
                  </Button>
                </Popconfirm>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              avatar={
                isImage(d) ? (
                  <img
                    src={documentContentUrl(detail.id, d.id, true)}
                    alt={t('documents.thumbnail', { name: d.name })}
                    loading="lazy"
                    width={56}
                    height={56}
                    style={{ objectFit: 'cover', borderRadius: 4 }}
                    data-testid="document-thumbnail"
                  />
                ) : null
              }
              title={
                <a href={documentContentUrl(detail.id, d.id)} title={t('documents.download')}>
                  {d.name}
                </a>
              }
              description={
                <>
                  <Space wrap size={4}>
                    {detail.allowed.classifyDocument ? (
                      <Select<DocumentKind>
                        size="small"
                        aria-label={t('documents.reclassify')}
                        value={d.kind}
                        options={kindOptions}
                        style={{ minInlineSize: 170 }}
                        onChange={(kind) =>
                          void classify
                            .mutateAsync({
                              caseId: detail.id,
                              documentId: d.id,
                              kind,
                              version: detail.updatedAt,
                            })
                            .catch(() => {})
                        }
                      />
                    ) : (
                      codeLabel(i18n, 'documents.kinds', d.kind)
                    )}
                    <span>
                      · {formatSize(d.size, digits)} · <JalaliTime at={d.uploadedAt} />
                    </span>
                  </Space>
                  <Typography.Text
                    type="secondary"
                    className="cb-ltr"
                    style={{ display: 'block', fontSize: 11 }}
                    title={t('documents.sha256')}
                  >
                    {d.sha256.slice(0, 16)}…
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      {failure && (
        <Typography.Text type="danger" role="alert">
          {errorText(failure)}
        </Typography.Text>
      )}
      <Modal
        open={viewing !== null}
        title={viewing?.name}
        width="min(1100px, 95vw)"
        footer={
          viewing && (
            <Space>
              <Button href={documentContentUrl(detail.id, viewing.id)}>{t('documents.download')}</Button>
              <Button type="primary" onClick={() => setViewing(null)}>
                {t('documents.close')}
              </Button>
            </Space>
          )
        }
        onCancel={() => setViewing(null)}
        destroyOnHidden
      >
        {viewing && <DocumentViewer caseId={detail.id} document={viewing} />}
      </Modal>
    </>
  );
}
