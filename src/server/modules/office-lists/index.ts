/** The public face of `office-lists`: the office's branches and دادیاران, and the check that a choice is one of them. */
export { assertChosenFromOfficeLists } from './office-lists.usecase.js';
export { registerOfficeListRoutes } from './office-lists.routes.js';
