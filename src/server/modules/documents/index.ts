/** The public face of `documents`: what other modules may use of it (and nothing else). */
export { receiveMultipartDocument } from './multipart-upload.codec.js';
export { registerDocumentRoutes } from './documents.routes.js';
export { uploadDocument } from './documents.usecase.js';
