export { receiveMultipartDocument } from './documents.multipart.js';
export { registerDocumentRoutes } from './documents.routes.js';
export { uploadDocument } from './documents.usecases.js';
