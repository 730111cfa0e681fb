// Child process of the G44 catalogue row (clock-process-exit.ts), one per adapter (argv). Twice,
// the script's own work ends while a retry is pending: first on Staunch's own timers (the retry
// must run: prints `ref settled <outcome>`), then, started after that call settled, on a clock
// whose timers are unref'd (a caller's choice; Staunch never unrefs): the process may then exit
// during the backoff, and must, since nothing else holds it. Only the adapter under test is
// loaded: each costs a noticeable part of a second to start.
import { type Clock, type PolicyInput, systemClock } from '@staunch/core';
import { describeError } from '../outcome.js';

const [adapter, refUrl, unrefUrl] = process.argv.slice(2);
if (refUrl === undefined || unrefUrl === undefined) {
  throw new Error('usage: call-then-exit.ts <fetch|ky|axios> <url for the ref call> <url for the unref call>');
}

const unrefClock: Clock = {
  ...systemClock,
  setTimeout: (callback, ms) => {
    const handle = systemClock.setTimeout(callback, ms) as ReturnType<typeof setTimeout>;
    handle.unref();
    return handle;
  },
};
const policy: PolicyInput = { backoff: { jitter: 'none', baseMs: 300, capMs: 300 } };

/** One GET in typed-error mode; engine defaults (adaptive throttle, outage gate) on, so what they keep is checked too. */
async function call(url: string, clock: Clock): Promise<number> {
  const options = { policy, clock };
  if (adapter === 'fetch') {
    const { createFetch } = await import('@staunch/fetch');
    const response = await createFetch({ ...options, throwHttpErrors: true })(url);
    await response.arrayBuffer();
    return response.status;
  }
  if (adapter === 'ky') {
    const [{ default: ky }, { kyOptions }] = await Promise.all([import('ky'), import('@staunch/ky')]);
    const response = await ky.create(kyOptions({ ...options, typedErrors: true }))(url);
    await response.arrayBuffer();
    return response.status;
  }
  if (adapter === 'axios') {
    const [{ default: axios }, { attachStaunch }] = await Promise.all([import('axios'), import('@staunch/axios')]);
    const instance = axios.create();
    attachStaunch(instance, { ...options, typedErrors: true });
    return (await instance.get(url, { responseType: 'arraybuffer' })).status;
  }
  throw new Error(`unknown adapter ${adapter}`);
}

const outcome = (status: number) => `${status}`;
void call(refUrl, systemClock)
  .then(outcome, describeError)
  .then((refOutcome) => {
    console.log(`ref settled ${refOutcome}`);
    return call(unrefUrl, unrefClock).then(outcome, describeError);
  })
  .then((unrefOutcome) => console.log(`unref settled ${unrefOutcome}`));
