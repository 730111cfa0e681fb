import type { PolicyInput } from '@staunch/core';

/** A provider preset: a policy as plain data, plus how people refer to it. */
export interface Preset {
  /** The name used in `policy: '<name>'`. Lower-case. */
  readonly name: string;
  /** Other names that resolve to this preset. */
  readonly aliases: readonly string[];
  /** The provider, as people write it. */
  readonly title: string;
  /** Where the facts come from (documentation or source), for readers of the data. */
  readonly sources: readonly string[];
  readonly policy: PolicyInput;
}
