// Type-checked in CI (`pnpm typecheck`) against undici 7; docs/adapters.md quotes it.
import { staunch } from '@staunch/undici';
import { Agent, request, setGlobalDispatcher } from 'undici';

// One dispatcher for the calls you choose: pass it to undici's fetch or request.
export const llmAgent = new Agent().compose(staunch({ policy: 'openai' }));
export const completion = (body: string) =>
  request('https://api.openai.com/v1/chat/completions', { method: 'POST', body, dispatcher: llmAgent });

// Or every fetch of the process, Node's global fetch and every library's included; the policy
// then comes from each request's host (a preset per provider, the default for other hosts),
// and `filter` keeps what is not an LLM call out of it.
export function installGlobally(): void {
  setGlobalDispatcher(new Agent().compose(staunch({ filter: (url) => url.hostname.startsWith('api.') })));
}
