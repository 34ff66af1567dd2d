/** The public face of `clocks`: what other modules may use of it (and nothing else). */
export {
  annotateBreach,
  getCaseClocks,
  openClock,
  settleClock,
  type OpenClockInput,
} from './clocks.usecase.js';
export { registerClockRoutes } from './clocks.routes.js';
export {
  adoptUntrackedCustodies,
  CUSTODY_LEGAL_BASIS,
  CUSTODY_NOTICE_LEGAL_BASIS,
  fireDueClocks,
  startClockScheduler,
} from './clock-scheduler.worker.js';
export { intakeDeadlineOf, isOutsideOfficeHoursOf } from './office-hours.usecase.js';
export {
  COMPLAINT_SEND,
  ESCORT_PICKUP,
  INTAKE_UNREGISTERED,
  RETURN_UNANSWERED,
} from './clock-terms.rules.js';
