import { STATE_FIELDS } from './script-args.js';
import { THROTTLE_LUA } from './throttle-lua.js';

/**
 * Presence, in-flight leases and rebuild: the part of the script around the learner, never
 * inside it. The learner (throttle-lua.ts, a line-for-line port of core's steps) runs as the
 * function `learner()`, unchanged; this section runs before and after it on the same hash.
 *
 * Fields it keeps beside the learner's (names the learner never uses):
 *   l:<id>   when process <id>'s lease ends (Redis time, ms): renewed by each of its calls
 *   n:<id>   the attempts process <id> holds (granted, not yet recorded)
 *   procs    live leases at the last sweep, plus those registered since
 *   sweepAt  the earliest lease end at the last sweep: no sweep before it
 * `inflight` stays the sum the learner reads; a sweep subtracts the holdings of every expired
 * lease, so a process killed mid-call frees its slots one lease after its last word.
 *
 * Ops 'a' (acquire), 'r' (record) and 'h' (heartbeat) take four more ARGV at the very end —
 * process id, lease ms, the attempts the process holds ('' = unknown: a record, or a call sent
 * while the process's acquire is under way) and the rebuild payload ('' = none) — so the
 * learner's own ARGV keep their places. 'c' counts live leases. Replies to 'a', 'r', 'h':
 * { the learner's reply, now, procs, the 16 state fields (when the scope exists) }.
 *
 * Rebuild (acquire only): the payload is a returning process's local learner — its share of
 * the scope (share-state.ts). The first process back writes it as the scope's state when the
 * hash is gone (Redis restarted, or evicted it), untouched by any decision since that process
 * lost Redis, or has learned nothing (slow start, nothing told) while the payload has; the
 * scope is marked rebuilt. Each later process back that lost Redis before that mark adds its
 * own share (rates, levels, lastMax, its epoch's success rate; once per process) — even after
 * a cut, which measured only the shares already back. So the scope's rate is the sum of the
 * shares of the processes pacing by it, and never counts one still pacing locally.
 *   rebuiltAt   when the scope was last rebuilt
 *   b:<id>      the rebuild process <id> has reported into
 */
export const PRESENCE_LUA = `
local key = KEYS[1]
local op = ARGV[1]
if op ~= 'a' and op ~= 'r' and op ~= 'h' and op ~= 'c' then return learner() end
local function fmt(x) return string.format('%.17g', x) end
local now
if ARGV[2] ~= '' then
  now = tonumber(ARGV[2])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local function leases()
  local all = redis.call('HGETALL', key)
  local fields, out = {}, {}
  for i = 1, #all, 2 do fields[all[i]] = all[i + 1] end
  for f, v in pairs(fields) do
    if string.sub(f, 1, 2) == 'l:' then
      local pid = string.sub(f, 3)
      out[#out + 1] = { id = pid, ends = tonumber(v), held = tonumber(fields['n:' .. pid]) or 0 }
    end
  end
  return out
end
if op == 'c' then
  local live = 0
  for _, l in ipairs(leases()) do if l.ends > now then live = live + 1 end end
  return tostring(live)
end

local ttl = tonumber(ARGV[3])
local last = #ARGV
local id, leaseMs, held, payload = ARGV[last - 3], tonumber(ARGV[last - 2]), tonumber(ARGV[last - 1]), ARGV[last]
local STATE = { ${STATE_FIELDS.map((f) => `'${f}'`).join(', ')} }
local function num(field) return tonumber(redis.call('HGET', key, field)) end
local function exists() return redis.call('HEXISTS', key, 'rate') == 1 end

local function adjustInflight(delta)
  if delta == 0 then return end
  local inflight = math.max(0, (num('inflight') or 0) + delta)
  redis.call('HSET', key, 'inflight', fmt(inflight), 'stale', fmt(math.min(num('stale') or 0, inflight)))
end
local function renew()
  if redis.call('HSET', key, 'l:' .. id, fmt(now + leaseMs)) == 1 then redis.call('HINCRBY', key, 'procs', 1) end
end
local function reconcile()
  if held == nil then return end
  local before = num('n:' .. id) or 0
  redis.call('HSET', key, 'n:' .. id, tostring(held))
  adjustInflight(held - before)
end
local function sweep()
  local due = num('sweepAt')
  if due ~= nil and now < due then return end
  local live, nextAt, freed = 0, now + leaseMs, 0
  for _, l in ipairs(leases()) do
    if l.ends <= now then
      freed = freed + l.held
      redis.call('HDEL', key, 'l:' .. l.id, 'n:' .. l.id, 'b:' .. l.id)
    else
      live = live + 1
      nextAt = math.min(nextAt, l.ends)
    end
  end
  redis.call('HSET', key, 'procs', tostring(live), 'sweepAt', fmt(nextAt))
  adjustInflight(-freed)
end
local function attend()
  renew()
  reconcile()
  sweep()
end

-- payload (share-state.ts): rate, level, tokenRate, tokenLevel, pausedFor, window, lastMax,
-- epochAge, successes, phase, told, sinceMs, burstWindowMs
local function burstOf(rate, burstWindowMs)
  if rate <= 0 then return 0 end
  return math.max(1, rate * burstWindowMs / 1000)
end
local function tokenBurstOf(rate)
  if rate <= 0 then return 0 end
  return math.max(1, rate)
end
-- A later process back adds its share to the scope rebuilt since it lost Redis, once.
local function addShare(v)
  local reported = 'b:' .. id
  if redis.call('HGET', key, reported) == fmt(num('rebuiltAt')) then return false end
  local rate, tokenRate = num('rate') + v[1], num('tokenRate') + v[3]
  local burst, tokenBurst = burstOf(rate, v[13]), tokenBurstOf(tokenRate)
  local window = 0
  if num('window') > 0 then window = num('window') + v[6] end
  -- its epoch's success rate over the scope's epoch, so the scope's is the sum of the shares'
  local successes = num('successes') + v[9] / math.max(1, v[8]) * math.max(1, now - num('epochAt'))
  redis.call('HSET', key, 'rate', fmt(rate), 'burst', fmt(burst), 'level', fmt(math.min(burst, num('level') + v[2])),
    'tokenRate', fmt(tokenRate), 'tokenBurst', fmt(tokenBurst),
    'tokenLevel', fmt(math.min(tokenBurst, num('tokenLevel') + v[4])), 'window', fmt(window),
    'lastMax', fmt(num('lastMax') + v[7]), 'successes', fmt(successes), reported, fmt(num('rebuiltAt')))
  return true
end
-- The first process back writes its own learner as the scope's.
local function writeShare(v)
  local pausedUntil = 0
  if v[5] > 0 then pausedUntil = now + v[5] end
  redis.call('HSET', key, 'rate', fmt(v[1]), 'burst', fmt(burstOf(v[1], v[13])), 'level', fmt(v[2]),
    'tokenRate', fmt(v[3]), 'tokenBurst', fmt(tokenBurstOf(v[3])), 'tokenLevel', fmt(v[4]), 'updatedAt', fmt(now),
    'pausedUntil', fmt(pausedUntil), 'window', fmt(v[6]), 'inflight', fmt(num('inflight') or 0), 'lastMax', fmt(v[7]),
    'epochAt', fmt(now - v[8]), 'successes', fmt(v[9]), 'stale', fmt(0), 'phase', fmt(v[10]), 'told', fmt(v[11]), 'seen', fmt(0), 'sampleAt', fmt(now), 'sampled', fmt(0), 'recent', fmt(0), 'burstCap', fmt(0), 'claimAt', fmt(0),
    'rebuiltAt', fmt(now), 'b:' .. id, fmt(now))
  redis.call('PEXPIRE', key, ttl)
  return true
end
local function rebuild(present)
  local v = {}
  for x in string.gmatch(payload, '[^,]+') do v[#v + 1] = tonumber(x) end
  if #v ~= 13 then return false end
  if not present then return writeShare(v) end
  local lostAt = now - v[12]
  if (num('rebuiltAt') or -math.huge) >= lostAt then return addShare(v) end
  local untouched = (num('updatedAt') or now) <= lostAt
  local learnedNothing = num('phase') == 0 and num('told') == 0 and (v[10] > 0 or v[11] > 0)
  if untouched or learnedNothing then return writeShare(v) end
  return false
end
local function reply(result)
  local out = { result, fmt(now), tostring(num('procs') or 0) }
  local values = redis.call('HMGET', key, unpack(STATE))
  for i = 1, #STATE do
    if values[i] == false or values[i] == nil then return { result, out[2], out[3] } end
    out[#out + 1] = values[i]
  end
  return out
end

local present = exists()
if op == 'a' and payload ~= '' and rebuild(present) then present = true end
if present then attend() end
if op == 'h' then
  if present then redis.call('PEXPIRE', key, ttl) end
  return reply('ok')
end
local result = learner()
if op == 'a' then
  if not present then attend() end
  if result == '0' then redis.call('HINCRBY', key, 'n:' .. id, 1) end
elseif result ~= 'none' then
  local n = num('n:' .. id) or 0
  if n > 0 then redis.call('HSET', key, 'n:' .. id, tostring(n - 1)) end
end
return reply(result)
`;

/** The whole script Redis runs: the learner as a function, then the presence section that calls it. */
export const SCRIPT_LUA = `local function learner()\n${THROTTLE_LUA}\nend\n${PRESENCE_LUA}`;
