import { brandGuard, StaunchError } from './staunch-error.js';

/**
 * Bad options or a bad policy, reported when they are built. The message names the field, the
 * value and the fix; `field` is the dotted path, e.g. `rules["429"].maxAttempts`.
 */
export class ConfigError extends StaunchError {
  readonly field: string;
  constructor(field: string, message: string) {
    super('StaunchConfigError', `${field}: ${message}`);
    this.field = field;
  }
}
export const isConfigError = brandGuard<ConfigError>('StaunchConfigError');
