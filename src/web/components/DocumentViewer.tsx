import { Button, Image, Modal, Space } from 'antd';
import { useI18n } from '../i18n/i18n.js';

/** What the viewer needs to know of a document, whichever side holds it (a case's, an intake file's). */
export interface ViewedDocument {
  name: string;
  mediaType: string;
}

const isImage = (d: ViewedDocument) => /^image\/(jpeg|png|gif|webp|avif)$/.test(d.mediaType);
const isVideo = (d: ViewedDocument) => /^video\/(mp4|webm)$/.test(d.mediaType);
const isAudio = (d: ViewedDocument) => /^audio\/(mpeg|mp4|ogg|wav)$/.test(d.mediaType);
const isFramed = (d: ViewedDocument) => d.mediaType === 'application/pdf' || d.mediaType === 'text/plain';

/** Whether the browser can show the document by itself (the server sends these `inline`; the same list). */
export const isViewable = (d: ViewedDocument) => isImage(d) || isVideo(d) || isAudio(d) || isFramed(d);

/**
 * An image's thumbnail in a document list, sized by the browser (the stored bytes, loaded lazily): no
 * image library on the server (the usual one, sharp, needs a native build), and the picture shown is the
 * very file whose SHA-256 the list prints. Nothing for a document that is not an image.
 */
export function DocumentThumbnail({ document, src }: { document: ViewedDocument; src: string }) {
  const { t } = useI18n();
  if (!isImage(document)) return null;
  return (
    <img
      src={src}
      alt={t('documents.thumbnail', { name: document.name })}
      loading="lazy"
      decoding="async"
      width={56}
      height={56}
      style={{ objectFit: 'cover', borderRadius: 4 }}
      data-testid="document-thumbnail"
    />
  );
}

/**
 * A document read in the page: a PDF in the browser's own viewer, an image zoomable, video and audio in the
 * native players (streamed by range requests). The bytes come with headers that never let them run as a page.
 */
function DocumentBody({ document, src }: { document: ViewedDocument; src: string }) {
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

/** The dialog a document is read in, with its download beside the close button. */
export function DocumentViewerDialog({
  document,
  inlineSrc,
  downloadHref,
  onClose,
}: {
  /** The document shown, or null when the dialog is closed. */
  document: ViewedDocument | null;
  inlineSrc: string;
  downloadHref: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={document !== null}
      title={document?.name}
      width="min(1100px, 95vw)"
      footer={
        document && (
          <Space>
            <Button href={downloadHref}>{t('documents.download')}</Button>
            <Button type="primary" onClick={onClose}>
              {t('documents.close')}
            </Button>
          </Space>
        )
      }
      onCancel={onClose}
      destroyOnHidden
    >
      {document && <DocumentBody document={document} src={inlineSrc} />}
    </Modal>
  );
}
