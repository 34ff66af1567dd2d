/** The public face of `organisations`: what other modules may use of it (and nothing else). */
export {
  competentOfficeQuery,
  findCompetentProsecutorOffice,
  findOrganisation,
  findOrganisationByCode,
  findPoliceUnits,
  organisationFromJson,
} from './organisations.repository.js';
export { registerOrganisationRoutes } from './organisations.routes.js';
export { createOrganisation, setJurisdictionRule } from './organisations.usecase.js';
