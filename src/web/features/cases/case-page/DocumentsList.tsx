import { useState } from 'react';
import { Button, List, Popconfirm, Select, Space, Typography } from 'antd';
import type { CaseDetail, CaseFileDocument } from '../../../../domain/cases/case.schema.js';
import { documentKinds, type DocumentKind } from '../../../../domain/documents/documents.schema.js';
import { DocumentThumbnail, DocumentViewerDialog, isViewable } from '../../../components/DocumentViewer.js';
import { JalaliTime } from '../../../components/JalaliTime.js';
import { useI18n } from '../../../i18n/i18n.js';
import { documentContentUrl, useClassifyDocument, useRemoveDocument } from '../api.js';
import { formatSize } from '../documents/DocumentDropzone.js';
import { codeLabel } from '../case-labels.js';
import { useChangeErrorText } from './DraftEditing.js';

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
              avatar={<DocumentThumbnail document={d} src={documentContentUrl(detail.id, d.id, true)} />}
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
      <DocumentViewerDialog
        document={viewing}
        inlineSrc={viewing ? documentContentUrl(detail.id, viewing.id, true) : ''}
        downloadHref={viewing ? documentContentUrl(detail.id, viewing.id) : ''}
        onClose={() => setViewing(null)}
      />
    </>
  );
}
