import type { MockProviderOptions, TimelineEntry } from '@staunch/testing';

/** Arena → provider host. */
export type HostOrder =
  | { readonly type: 'start'; readonly id: number; readonly options: MockProviderOptions }
  | { readonly type: 'finish'; readonly id: number; readonly poisonIds: readonly string[] };

/** What the arena keeps of a finished provider. */
export interface ProviderReading {
  readonly arrivals: number;
  readonly rateLimited: number;
  readonly timeline: readonly TimelineEntry[];
  readonly poisonArrivals: readonly number[];
}

/** Provider host → arena. `startedAt` is on the shared clock. */
export type HostReply =
  | { readonly type: 'ready' }
  | { readonly type: 'started'; readonly id: number; readonly url: string; readonly startedAt: number }
  | { readonly type: 'finished'; readonly id: number; readonly reading: ProviderReading }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
