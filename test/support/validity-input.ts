import type { ValidityInput } from '../../src/domain/validity-input.ts';

/** A domain validity input with the given dates and every optional field absent. */
export function validityInput(fields: Pick<ValidityInput, 'birthDate' | 'issuedOn' | 'asOf'> & Partial<ValidityInput>): ValidityInput {
  return {
    previousExpiresOn: null,
    previousUserAuthenticationExpiresOn: null,
    previousSignatureExpiresOn: null,
    appliedOn: null,
    cardExpiresOn: null,
    underGuardianship: false,
    ...fields,
  };
}
