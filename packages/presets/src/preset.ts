import type { PolicyInput } from '@staunch/core';

/** A provider preset: a policy as plain data, plus how people refer to it. */
export interface Preset {
  /** The name used in `policy: '<name>'`. Lower-case. */
  readonly name: string;
  /** Other names that resolve to this preset. */
  readonly aliases: readonly string[];
  /** The provider, as people write it. */
  readonly title: string;
  /**
   * The hosts whose requests get this preset when an adapter has no `policy`: a host name
   * (`api.openai.com`), a wildcard host (`*.openai.azure.com`), or a host with a path prefix
   * whose segments may be `*` (the AI Gateway's `gateway.ai.cloudflare.com/v1/<account>/<gateway>/openai`
   * is written with `*` for the two ids). The longest match wins.
   */
  readonly hosts: readonly string[];
  /** Where the facts come from (documentation or source), for readers of the data. */
  readonly sources: readonly string[];
  readonly policy: PolicyInput;
}
