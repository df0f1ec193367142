import { InvalidValidityInput } from '../../domain/validity-input.ts';
import { userInputError } from '../errors.ts';

/** Runs a domain computation, turning its input errors into BAD_USER_INPUT naming the field under `argumentPath`. */
export function asUserInput<T>(argumentPath: string | null, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof InvalidValidityInput) {
      throw userInputError(error.message, { field: argumentPath === null ? error.field : `${argumentPath}.${error.field}` });
    }
    throw error;
  }
}
