import type { DocumentKind } from './documents.schema.js';

/** The families of content a document can be, told by its bytes (`image/png` → image, `application/pdf` → pdf). */
type ContentFamily = 'image' | 'pdf' | 'video' | 'audio' | 'text';

/**
 * What content each kind of document may have. A photo is an image, a video a video, a recording audio; a
 * scanned paper (complaint, report, medical report) may be an image or a PDF, or typed text; an ID document a
 * scan or a photo; evidence and "other" anything the node accepts. Audio also takes the MP4 and 3GPP
 * containers: phone recorders write voice into them and their first bytes do not say whether a picture is in.
 */
const ACCEPTED: Readonly<Record<DocumentKind, readonly ContentFamily[]>> = {
  complaint: ['pdf', 'image', 'text'],
  report: ['pdf', 'image', 'text'],
  medical: ['pdf', 'image', 'text'],
  id_document: ['pdf', 'image'],
  photo: ['image'],
  video: ['video'],
  audio: ['audio'],
  evidence: ['pdf', 'image', 'video', 'audio', 'text'],
  other: ['pdf', 'image', 'video', 'audio', 'text'],
};

/** Containers that hold sound alone as often as sound and picture. */
const AUDIO_CONTAINERS = new Set(['video/mp4', 'video/3gpp', 'video/3gpp2']);

function familyOf(mediaType: string): ContentFamily | null {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType === 'text/plain') return 'text';
  const top = mediaType.split('/')[0];
  return top === 'image' || top === 'video' || top === 'audio' ? top : null;
}

/** May a document declared as `kind` have content of this (detected) media type? */
export function kindFitsContent(kind: DocumentKind, mediaType: string): boolean {
  const family = familyOf(mediaType);
  if (family !== null && ACCEPTED[kind].includes(family)) return true;
  return kind === 'audio' && AUDIO_CONTAINERS.has(mediaType);
}

/** The content families a kind accepts, for the error that says what was expected. */
export function acceptedContentOf(kind: DocumentKind): readonly string[] {
  return kind === 'audio' ? [...ACCEPTED.audio, ...AUDIO_CONTAINERS] : ACCEPTED[kind];
}
