/**
 * Every error the API can return, as a stable dotted code that is also an i18n key
 * (`errors.<code>` in the web UI's fa/en dictionaries). The HTTP status lives here too, in one place.
 */
export const errorStatus = {
  'request.invalid': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'request.rate_limited': 429,
  'validation.invalid_text': 400,
  'validation.empty_code': 400,
  'list.invalid_cursor': 400,
  'cases.invalid_period': 400,
  'office_lists.not_found': 404,
  'office_lists.name_taken': 409,
  'office_lists.not_an_office': 403,
  'intake.branch_unknown': 400,
  'intake.staff_unknown': 400,
  'auth.unauthenticated': 401,
  'auth.invalid_credentials': 401,
  'auth.locked': 423,
  'auth.account_disabled': 403,
  'auth.throttled': 429,
  'auth.invalid_code': 401,
  'auth.sign_in_expired': 401,
  'auth.totp_already_enrolled': 409,
  'auth.totp_not_started': 409,
  'auth.forbidden': 403,
  'auth.origin_refused': 403,
  'auth.session_expired': 401,
  'users.username_taken': 409,
  'users.not_found': 404,
  'users.cannot_change_self': 409,
  'users.password_too_short': 400,
  'users.already_in_state': 409,
  'users.role_not_for_organisation': 400,
  'auth.password_unchanged': 400,
  'organisations.not_found': 404,
  'organisations.code_taken': 409,
  'organisations.county_unknown': 400,
  'organisations.nothing_to_change': 400,
  'organisations.county_not_in_province': 400,
  'organisations.unknown_node': 400,
  'audit.invalid_period': 400,
  'audit.invalid_case_number': 400,
  'jurisdiction.not_found': 404,
  'cases.not_found': 404,
  'cases.not_editable': 409,
  'cases.not_ready': 422,
  'cases.invalid_state': 409,
  'parties.not_found': 404,
  'parties.invalid_national_id': 400,
  'parties.identity_required': 400,
  'parties.invalid_mobile': 400,
  'parties.sms_consent_needs_mobile': 400,
  'parties.sms_consent_complainant_only': 400,
  'parties.invalid_passport_number': 400,
  'parties.has_custody': 409,
  'custody.not_found': 404,
  'custody.already_ended': 409,
  'custody.end_before_start': 400,
  'custody.party_not_accused': 400,
  'custody.already_open': 409,
  'custody.time_in_future': 400,
  'custody.start_before_incident': 400,
  'custody.start_before_case': 400,
  'custody.change_reason_required': 400,
  'documents.not_found': 404,
  'documents.too_large': 413,
  'documents.unsupported_type': 415,
  'documents.empty': 400,
  'documents.upload_conflict': 409,
  'documents.kind_mismatch': 400,
  'cases.changed_concurrently': 409,
  'cases.invalid_version': 400,
  'documents.duplicate': 409,
  'documents.range_not_satisfiable': 416,
  'uploads.not_found': 404,
  'uploads.length_required': 400,
  'tracking.not_found': 404,
  'tracking.identity_required': 400,
  'figures.invalid_period': 400,
  'figures.unknown_measure': 400,
  'figures.unit_not_found': 404,
  'units.invalid_csv': 400,
  'units.not_found': 404,
  'rollout.invalid_target': 400,
  'rollout.unknown_unit': 400,
  'rollout.target_unreachable': 422,
  'rollout.no_units': 409,
  'paper.sent_in_future': 400,
  'documents.hash_mismatch': 422,
  'documents.missing': 409,
  'thread.gap': 409,
  'thread.broken': 422,
  'signature.malformed': 422,
  'signature.invalid': 422,
  'signature.unknown_key': 422,
  'signature.revoked_key': 422,
  'signature.wrong_node': 422,
  'message.malformed': 422,
  'message.not_canonical': 422,
  'message.invalid_body': 422,
  'message.wrong_recipient': 422,
  'message.id_conflict': 422,
  'message.too_large': 413,
  'message.rate_limited': 429,
  'peers.not_found': 404,
  'submission.not_found': 404,
  'intake.not_found': 404,
  'intake.invalid_state': 409,
  'intake.file_number_taken': 409,
  'orders.not_found': 404,
  'orders.invalid_state': 409,
  'orders.deadline_in_past': 400,
  'orders.deadline_too_far': 400,
  'escorts.not_found': 404,
  'escorts.invalid_state': 409,
  'escorts.scheduled_in_past': 400,
  'escorts.no_escort_unit': 422,
  'escorts.not_an_escort_order': 422,
  'clocks.breach_not_found': 404,
  'custody.notice_before_start': 400,
  'custody.notice_already_recorded': 409,
  'clocks.invalid_office_hours': 400,
  'users.invalid_phone': 400,
  'users.sms_needs_phone': 400,
  'tracking.code_required': 401,
  'tracking.code_invalid': 401,
  'tracking.code_rate_limited': 429,
  'tracking.no_phone': 422,
  'internal.error': 500,
  'service.unavailable': 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/**
 * What each code means, in English, for API clients and logs (the web UI shows its own Persian sentence per
 * code, `errors.<code>` in its i18n files). Where a code concerns fields, the error's issues name them and
 * `describeError` adds their names to the sentence.
 */
export const errorMessages: Record<ErrorCode, string> = {
  'request.invalid': 'The request is not valid.',
  'request.too_large': 'The request is too large.',
  'request.unsupported_media_type': 'The request\u2019s content type is not accepted here.',
  'request.rate_limited': 'Too many requests; try again later.',
  'validation.invalid_text':
    'A text field holds a character that is not accepted (NUL or another control character, a lone surrogate, or a non-character).',
  'validation.empty_code': 'A code field is empty; leave it out or give a code from the list.',
  'cases.invalid_period': 'The first day of the period comes after its last day.',
  'office_lists.not_found': 'No such branch or staff member in this office\u2019s lists.',
  'office_lists.name_taken': 'This office\u2019s list already holds that name.',
  'office_lists.not_an_office': 'Only a prosecutor\u2019s office keeps lists of branches and staff.',
  'intake.branch_unknown': 'The branch is not one of the office\u2019s active branches.',
  'intake.staff_unknown':
    'The assistant prosecutor or investigator is not one of the office\u2019s active staff.',
  'list.invalid_cursor':
    'The `cursor` is not one this list answered as `next`; start again from the first page (no `cursor`).',
  'auth.unauthenticated': 'Sign in first.',
  'auth.invalid_credentials': 'The username or the password is wrong.',
  'auth.locked': 'The account is locked; try again later.',
  'auth.forbidden': 'Your role may not do this.',
  'auth.session_expired': 'The session has expired; sign in again.',
  'auth.account_disabled': 'This account is disabled.',
  'auth.invalid_code': 'The code is wrong or has already been used.',
  'auth.origin_refused': 'This request came from a page outside this system and was refused.',
  'auth.sign_in_expired': 'The sign-in timed out; enter your username and password again.',
  'auth.throttled': 'Too many failed attempts; wait and try again.',
  'auth.totp_already_enrolled': 'Two-step sign-in is already on for this account.',
  'auth.totp_not_started': 'Start setting up two-step sign-in first.',
  'message.rate_limited': 'Too many refused messages came from this address; try again later.',
  'message.too_large': 'The message is larger than allowed; documents travel separately.',
  'users.username_taken': 'That username is already taken.',
  'users.not_found': 'No such user.',
  'users.cannot_change_self':
    'An administrator cannot disable, re-role or reset the password of their own account; ask another administrator.',
  'users.password_too_short': 'The password is too short: at least 10 characters.',
  'users.already_in_state': 'The user is already disabled (or already enabled).',
  'users.role_not_for_organisation':
    'This role does not fit the kind of the user\u2019s organisation (role).',
  'auth.password_unchanged': 'Choose a new password, not the one-time password you were given (newPassword).',
  'organisations.not_found': 'No such organisation.',
  'organisations.code_taken': 'That organisation code is already taken.',
  'organisations.county_unknown': 'No county has this code (countyCode).',
  'organisations.nothing_to_change': 'Name at least one of nameFa, nameEn, countyCode or nodeId to change.',
  'organisations.county_not_in_province':
    'The county (countyCode) lies in another province than the organisation\u2019s.',
  'organisations.unknown_node':
    'The node (nodeId) is neither this node nor one of its peers; add the peer first.',
  'audit.invalid_period': 'The period is not valid: `to` must be after `from`.',
  'audit.invalid_case_number': 'A case number is a year and a number, like 1405/000123 (caseNumber).',
  'jurisdiction.not_found': 'No prosecutor\u2019s office is set for this station\u2019s jurisdiction.',
  'cases.not_found': 'No such case.',
  'cases.not_editable': 'The case has been sent and can no longer be edited; add to it with a supplement.',
  'cases.not_ready': 'The case is not ready to be sent; see what is missing.',
  'cases.invalid_state': 'The case is not in a state that allows this step.',
  'parties.not_found': 'No such party in this case.',
  'parties.invalid_national_id': 'The national ID is not valid (10 digits with a correct check digit).',
  'parties.identity_required':
    'The party must be identified: a national ID for an Iranian, a passport number for a foreign national.',
  'parties.invalid_mobile': 'The mobile number is not a valid Iranian mobile number (09xxxxxxxxx).',
  'parties.sms_consent_needs_mobile':
    'SMS consent (smsConsent) needs the complainant\u2019s mobile number (mobile).',
  'parties.sms_consent_complainant_only':
    'Only a complainant can agree to SMS of the case\u2019s status (smsConsent).',
  'parties.invalid_passport_number': 'The passport number must be 5 to 20 letters and digits.',
  'parties.has_custody': 'The party has a custody record and cannot be removed.',
  'custody.not_found': 'No such custody record in this case.',
  'custody.already_ended': 'The custody has already ended.',
  'custody.end_before_start': 'The custody\u2019s end (endedAt) is before its start.',
  'custody.party_not_accused': 'Only an accused of the case can be held in custody (partyId).',
  'custody.already_open': 'The party is already in custody.',
  'custody.time_in_future': 'The custody time is in the future.',
  'custody.start_before_incident': 'The custody start (startedAt) is before the incident (incidentAt).',
  'custody.start_before_case':
    'The custody start (startedAt) is more than 72 hours before the case was opened; set the incident time first if it really is.',
  'custody.change_reason_required': 'A change to the custody record of a sent case needs a reason.',
  'documents.not_found': 'No such document.',
  'documents.too_large': 'The document is larger than this node accepts.',
  'documents.unsupported_type': 'This type of file is not accepted.',
  'documents.empty': 'The document is empty.',
  'documents.upload_conflict': 'The same document is being uploaded at the same time; try again.',
  'documents.kind_mismatch': 'The document\u2019s content does not fit its declared kind.',
  'cases.changed_concurrently':
    'The case was changed by someone else since it was loaded (details: changedBy, changedAt); reload it and make the change again.',
  'cases.invalid_version':
    'The If-Match header must be the case\u2019s updatedAt as the API gave it (an ISO 8601 instant).',
  'documents.duplicate': 'This case already has a document with the same bytes (details: documentId, name).',
  'uploads.not_found':
    'No such upload of this session (it may have been finished, cancelled or left too long).',
  'uploads.length_required':
    'A resumable upload says its length when it begins (Upload-Length); a length given later is not accepted.',
  'documents.range_not_satisfiable':
    'The Range header asks for bytes the document does not have (one range, bytes=start-end).',
  'tracking.not_found': 'No case matches this tracking code and identity.',
  'tracking.identity_required': 'Give exactly one of nationalId or passportNumber with the tracking code.',
  'units.invalid_csv':
    'The units register file is not valid; nothing was imported. Each issue names its line and field.',
  'units.not_found': 'No such unit in the register.',
  'rollout.invalid_target': 'The target share must be a number in (0, 1], the weight of visits in [0, 1].',
  'rollout.unknown_unit': 'A unit to include or exclude is not in the register.',
  'rollout.target_unreachable':
    'The units that may be chosen cover less than the target share; exclude fewer units or lower the target.',
  'rollout.no_units': 'The register of units is empty; import it first.',
  'paper.sent_in_future': 'The date the files were sent on paper is in the future.',
  'figures.invalid_period': 'The period is not valid: `to` must be after `from`, at most 400 days later.',
  'figures.unknown_measure':
    'This figure has no list behind it in this view (a police unit\u2019s figures or an office\u2019s).',
  'figures.unit_not_found': 'No unit with this code among the units whose figures you see.',
  'documents.hash_mismatch': 'A document\u2019s bytes do not match its SHA-256.',
  'documents.missing': 'A document the message names has not arrived.',
  'thread.gap': 'An earlier message of this case\u2019s thread has not arrived yet.',
  'thread.broken': 'The message does not follow the previous message of its thread.',
  'signature.malformed': 'The signature is not a well-formed JWS.',
  'signature.invalid': 'The signature does not verify.',
  'signature.unknown_key': 'The message is signed with a key this node does not know.',
  'signature.revoked_key': 'The message is signed with a revoked key.',
  'signature.wrong_node': 'The signing key does not belong to the sending node.',
  'message.malformed': 'The message envelope is not valid.',
  'message.not_canonical': 'The message is not in canonical JSON.',
  'message.invalid_body': 'The message body does not fit its type.',
  'message.wrong_recipient': 'The message is not addressed to an organisation on this node.',
  'message.id_conflict': 'Another message already has this id.',
  'peers.not_found': 'No such peer or key.',
  'submission.not_found': 'The case has not been sent.',
  'intake.not_found': 'No such intake file.',
  'intake.invalid_state': 'The intake file is not in a state that allows this step.',
  'intake.file_number_taken': 'This office already has a file with that number (fileNumber).',
  'orders.not_found': 'No such order.',
  'orders.invalid_state': 'The order is not in a state that allows this step.',
  'orders.deadline_in_past': 'The order\u2019s deadline (deadlineAt) is in the past.',
  'orders.deadline_too_far': 'The order\u2019s deadline (deadlineAt) is more than 180 days ahead.',
  'escorts.not_found': 'No such escort.',
  'escorts.invalid_state': 'The escort is not in a state that allows this step.',
  'escorts.scheduled_in_past': 'The escort\u2019s time (scheduledAt) is in the past.',
  'escorts.no_escort_unit': 'No escort unit serves this station.',
  'escorts.not_an_escort_order': 'The order named is not an escort order for this case.',
  'clocks.breach_not_found': 'No such breach record.',
  'custody.notice_before_start': 'The family was told (familyNotifiedAt) before the custody started.',
  'custody.notice_already_recorded': 'The notice of this custody was recorded already.',
  'clocks.invalid_office_hours':
    'The office hours (officeHours) do not parse: write them as HH:MM-HH:MM, the start before the end.',
  'users.invalid_phone': 'The phone number (phone) is not a valid Iranian mobile number (09xxxxxxxxx).',
  'users.sms_needs_phone': 'The SMS channel (notifyChannels) needs a phone number (phone).',
  'tracking.code_required': 'A one-time code sent to the complainant’s phone is needed to see this case.',
  'tracking.code_invalid': 'The one-time code (otp) is wrong or has expired.',
  'tracking.code_rate_limited': 'Too many codes or tries for this case or address; try again later.',
  'tracking.no_phone': 'No mobile number is recorded for the complainant: ask the station.',
  'internal.error': 'Internal error.',
  'service.unavailable': 'The service is unavailable (its database does not answer); try again shortly.',
};

/** The English sentence for a code, naming the fields its issues concern. */
export function describeError(code: ErrorCode, issues?: readonly FieldIssue[]): string {
  const fields = [...new Set((issues ?? []).map((i) => i.path))];
  const base = errorMessages[code];
  return fields.length > 0 ? `${base} Field${fields.length > 1 ? 's' : ''}: ${fields.join(', ')}.` : base;
}

/** A field-level problem inside a 400 `request.invalid`: the field's path and a code. */
export interface FieldIssue {
  path: string;
  code: string;
  message?: string;
}

/** The one error type use cases throw; the HTTP layer maps `code` to a status and a body. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly issues: FieldIssue[] | undefined;

  constructor(
    code: ErrorCode,
    options: { message?: string; details?: Record<string, unknown>; issues?: FieldIssue[] } = {},
  ) {
    super(options.message ?? describeError(code, options.issues));
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.issues = options.issues;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** Shorthand: `throw appError('cases.not_found')`. */
export function appError(code: ErrorCode, details?: Record<string, unknown>): AppError {
  return new AppError(code, details ? { details } : {});
}

/** Is this value an AppError with the given code? */
export function isAppError(value: unknown, code?: ErrorCode): value is AppError {
  return value instanceof AppError && (code === undefined || value.code === code);
}
