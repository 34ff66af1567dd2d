import type { FormRule } from 'antd';
import { passportNumberSchema } from '../../domain/cases/party.schema.js';
import { isValidNationalId } from '../../domain/national-id.js';

type Translate = (key: string) => string;

/** A form rule from a check of a typed identifier; an empty field is left to `required`. */
function identifierRule(isValid: (value: string) => boolean, messageKey: string, t: Translate): FormRule {
  return {
    validator: (_, value: string | undefined) =>
      !value || isValid(value) ? Promise.resolve() : Promise.reject(new Error(t(messageKey))),
  };
}

/** A national ID's check digit, in whatever digits it was typed. */
export const nationalIdRule = (t: Translate): FormRule =>
  identifierRule(isValidNationalId, 'nationalId.invalid', t);

/** A passport number as the server will take it (letters and digits, 5 to 20 once normalised). */
export const passportNumberRule = (t: Translate): FormRule =>
  identifierRule(
    (v) => passportNumberSchema.safeParse(v).success,
    'errors.parties.invalid_passport_number',
    t,
  );
