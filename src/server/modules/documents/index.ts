/** The public face of `documents`: what other modules may use of it (and nothing else). */
export { registerDocumentUploadRoute } from './document-upload.routes.js';
export { registerDocumentRoutes } from './documents.routes.js';
export { uploadDocument } from './documents.usecase.js';
export { listRecordedBlobs } from './documents.repository.js';
