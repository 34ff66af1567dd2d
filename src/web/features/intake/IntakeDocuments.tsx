import { useState } from 'react';
import { Button, List, Tag, Typography } from 'antd';
import type { IntakeDetail } from '../../../domain/intake/intake.schema.js';
import { DocumentThumbnail, DocumentViewerDialog, isViewable } from '../../components/DocumentViewer.js';
import { JalaliTime } from '../../components/JalaliTime.js';
import { useI18n } from '../../i18n/i18n.js';
import { codeLabel } from '../cases/case-labels.js';
import { formatSize } from '../cases/documents/DocumentDropzone.js';
import { intakeDocumentUrl } from './api.js';

type IntakeDocument = IntakeDetail['documents'][number];

/**
 * The documents of a received file, as the station's case page shows its own: a thumbnail for each image,
 * each read in the page (PDF viewer, zoomable image, native players) or downloaded, with its hash and
 * whether the receiver's re-hash matched it.
 */
export function IntakeDocuments({ file }: { file: IntakeDetail }) {
  const i18n = useI18n();
  const { t, digits } = i18n;
  const [viewing, setViewing] = useState<IntakeDocument | null>(null);
  return (
    <>
      <List
        size="small"
        dataSource={file.documents}
        locale={{ emptyText: t('documents.empty') }}
        renderItem={(d) => (
          <List.Item
            key={d.sha256}
            data-testid="intake-document"
            data-hash-verified={d.hashVerified}
            actions={[
              isViewable(d) && (
                <Button key="view" size="small" onClick={() => setViewing(d)}>
                  {t('documents.view')}
                </Button>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              avatar={<DocumentThumbnail document={d} src={intakeDocumentUrl(file.id, d.sha256, true)} />}
              title={
                <a href={intakeDocumentUrl(file.id, d.sha256)} title={t('documents.download')}>
                  {d.name}
                </a>
              }
              description={
                <>
                  {codeLabel(i18n, 'documents.kinds', d.kind)} · {formatSize(d.size, digits)} ·{' '}
                  <JalaliTime at={d.receivedAt} />
                  <Typography.Text
                    type="secondary"
                    className="cb-ltr"
                    style={{ display: 'block', fontSize: 11 }}
                    title={d.sha256}
                  >
                    {d.sha256.slice(0, 16)}…
                  </Typography.Text>
                </>
              }
            />
            <Tag color={d.hashVerified ? 'success' : 'error'}>
              {t(d.hashVerified ? 'intake.verification.hashOk' : 'intake.verification.hashBad')}
            </Tag>
          </List.Item>
        )}
      />
      <DocumentViewerDialog
        document={viewing}
        inlineSrc={viewing ? intakeDocumentUrl(file.id, viewing.sha256, true) : ''}
        downloadHref={viewing ? intakeDocumentUrl(file.id, viewing.sha256) : ''}
        onClose={() => setViewing(null)}
      />
    </>
  );
}
