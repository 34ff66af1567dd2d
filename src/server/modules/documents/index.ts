export { receiveMultipartDocument } from './multipart-upload.codec.js';
export { registerDocumentRoutes } from './documents.routes.js';
export { uploadDocument } from './documents.usecase.js';
