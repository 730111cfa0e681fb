import { SCOUT_MS } from '@staunch/core';
import { HEADERS_LUA } from './headers-lua.js';
import { RECORD_LUA } from './record-lua.js';

/**
 * The shared throttle's one Lua script: each call is one atomic decision on one scope's hash.
 * It mirrors core's pure steps line for line — `refillScope` and `acquireStep`
 * (acquire-step.ts), `recordStep` with `applyHeaders` and `cubicRate` (record-step.ts,
 * apply-headers.ts, cubic.ts) — over the same `ScopeState` fields, so the whole CUBIC learner
 * runs inside Redis and every process sees every cut.
 *
 * Why these details:
 * - Time is Redis's own `TIME` (one clock for every process, so skew between hosts changes
 *   nothing); ARGV[2] may carry `now` instead, which only tests pass.
 * - Numbers are written with `%.17g`: Redis converts a Lua number with `%.14g`, which would
 *   round the state and break the mirror; 17 significant digits round-trip a double exactly.
 * - Replies are strings for the same reason (Redis truncates a Lua number to an integer).
 * - CUBIC's K (a cube root, which Lua 5.1 lacks) is computed once by the caller from the tuning.
 * - `record` on a missing hash does nothing, like the in-memory throttle's `record` on a scope
 *   it does not hold (expired, or Redis restarted); `acquire` creates the scope.
 *
 * ARGV: op ('a' acquire, 'r' record, 'i' inspect, 'p' ping), now ('' = TIME), ttlMs,
 * 9 tuning numbers (see script-args.ts), then the op's own arguments.
 */
export const THROTTLE_LUA = `
local key = KEYS[1]
local op = ARGV[1]
local function fmt(x) return string.format('%.17g', x) end
local now
if ARGV[2] ~= '' then
  now = tonumber(ARGV[2])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
if op == 'p' then return fmt(now) end

local ttl = tonumber(ARGV[3])
local initialWindow, beta, c = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local minRate, burstWindowMs, maxPauseMs = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local rampDoublingMs, rampHorizonMs, cubicK = tonumber(ARGV[10]), tonumber(ARGV[11]), tonumber(ARGV[12])
local EPS = 1e-9
local FIELDS = { 'rate', 'burst', 'level', 'tokenRate', 'tokenBurst', 'tokenLevel', 'updatedAt', 'pausedUntil',
  'window', 'inflight', 'lastMax', 'epochAt', 'successes', 'stale', 'phase', 'told', 'seen',
  'sampleAt', 'sampled', 'recent', 'burstCap', 'claimAt' }

local function load()
  local values = redis.call('HMGET', key, unpack(FIELDS))
  local s = {}
  for i, f in ipairs(FIELDS) do
    local v = tonumber(values[i])
    if v == nil then return nil end
    s[f] = v
  end
  return s
end
local function save(s)
  local args = {}
  for _, f in ipairs(FIELDS) do
    args[#args + 1] = f
    args[#args + 1] = fmt(s[f])
  end
  redis.call('HSET', key, unpack(args))
  redis.call('PEXPIRE', key, ttl)
end
local function initial(scout)
  local window = initialWindow
  if scout then window = 1 end
  return { rate = 0, burst = 0, level = 0, tokenRate = 0, tokenBurst = 0, tokenLevel = 0, updatedAt = now,
    pausedUntil = 0, window = window, inflight = 0, lastMax = 0, epochAt = now, successes = 0, stale = 0,
    phase = 0, told = 0, seen = 0, sampleAt = now, sampled = 0, recent = 0, burstCap = 0, claimAt = 0 }
end

-- token-bucket.ts
local function refillLevel(level, burst, rate, elapsed)
  if rate <= 0 then return level end
  return math.min(burst, level + (rate * math.max(0, elapsed)) / 1000)
end
local function msUntilLevel(level, need, rate)
  if rate <= 0 or level + EPS >= need then return 0 end
  return ((need - level) * 1000) / rate
end
local function burstFor(rate, cap)
  local b = math.max(1, (rate * burstWindowMs) / 1000)
  if cap ~= nil and cap > 0 then b = math.min(math.max(1, math.floor(cap + 1e-9)), b) end
  return b
end

-- scope-state.ts: a scouting scope (awaiting its scout's answer, or sized by an answer: sizeByScout)
local function scouting(s) return s.phase == 0 and s.window > 0 and s.window < initialWindow end
-- acquire-step.ts
local function refill(s)
  local elapsed = now - s.updatedAt
  if elapsed <= 0 then return end
  s.level = refillLevel(s.level, s.burst, s.rate, elapsed)
  s.tokenLevel = refillLevel(s.tokenLevel, s.tokenBurst, s.tokenRate, elapsed)
  s.updatedAt = now
end
local function acquire(s, requests, tokens)
  refill(s)
  if now < s.pausedUntil then return s.pausedUntil - now end
  if scouting(s) then
    local untilAt = s.epochAt + ${SCOUT_MS}
    if now < untilAt and s.inflight >= s.window - EPS then return untilAt - now end
    if now >= untilAt then s.window = initialWindow end
  end
  if s.window > 0 and s.inflight + 1 > s.window + EPS then return -1 end
  local need, needTokens = 0, 0
  if s.rate > 0 then need = math.min(math.max(0, requests), s.burst) end
  if s.tokenRate > 0 then needTokens = math.min(math.max(0, tokens), s.tokenBurst) end
  local wait = math.max(msUntilLevel(s.level, need, s.rate), msUntilLevel(s.tokenLevel, needTokens, s.tokenRate))
  if wait > 0 then return wait end
  s.level = s.level - need
  s.tokenLevel = s.tokenLevel - needTokens
  s.inflight = s.inflight + 1
  return 0
end

${HEADERS_LUA}
${RECORD_LUA}
if op == 'a' then
  local s = load() or initial(ARGV[15] == '1')
  local wait = acquire(s, tonumber(ARGV[13]), tonumber(ARGV[14]))
  save(s)
  return fmt(wait)
end
if op == 'r' then
  local s = load()
  if s == nil then return 'none' end
  local readings = {}
  local i = 17
  for _ = 1, tonumber(ARGV[16]) do
    readings[#readings + 1] = { unit = ARGV[i], limit = tonumber(ARGV[i + 1]), remaining = tonumber(ARGV[i + 2]),
      resetMs = tonumber(ARGV[i + 3]), windowSeconds = tonumber(ARGV[i + 4]) }
    i = i + 5
  end
  -- the outcome letter, then a rate-limit 429's server wait in ms when it stated one ('l2000')
  local outcome, waited = string.match(ARGV[14], '^(%a)(.*)$')
  record(s, ARGV[13] == '1', outcome, tonumber(ARGV[15]), readings, tonumber(waited))
  save(s)
  return 'ok'
end
if op == 'i' then
  local s = load()
  if s == nil then return false end
  local out = {}
  for _, f in ipairs(FIELDS) do out[#out + 1] = fmt(s[f]) end
  return out
end
return redis.error_reply('staunch: unknown op ' .. tostring(op))
`;
