import { InvalidValidityInput } from '../../domain/validity-input.ts';
import { userInputError } from '../errors.ts';

/**
 * Runs a domain computation, turning its input errors into BAD_USER_INPUT naming what was wrong:
 * the input field under `argumentPath`, or, when null, the argument itself (the computation's
 * inputs are the field's own arguments).
 */
export function asUserInput<T>(argumentPath: string | null, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof InvalidValidityInput) {
      throw userInputError(error.message, argumentPath === null ? { argument: error.field } : { field: `${argumentPath}.${error.field}` });
    }
    throw error;
  }
}
