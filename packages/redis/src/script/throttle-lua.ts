import { HEADERS_LUA } from './headers-lua.js';

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
local function initial()
  return { rate = 0, burst = 0, level = 0, tokenRate = 0, tokenBurst = 0, tokenLevel = 0, updatedAt = now,
    pausedUntil = 0, window = initialWindow, inflight = 0, lastMax = 0, epochAt = now, successes = 0, stale = 0,
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
-- record-step.ts
local function epochRate(s) return (s.successes * 1000) / math.max(1, now - s.epochAt) end
-- epoch-rate.ts: the sample (500 ms, 10 successes) and the measured rate (a long epoch: 2 s)
local function sampleSuccess(s, requests)
  s.sampled = s.sampled + requests
  local span = now - s.sampleAt
  if span >= 500 and s.sampled >= 10 then s.sampleAt, s.recent, s.sampled = now, (s.sampled * 1000) / span, 0 end
end
local function measuredRate(s, cap)
  local epoch = epochRate(s)
  if now - s.epochAt >= 2000 then return math.max(epoch, math.min(cap, s.recent)) end
  return epoch
end
local function restart(s, rate)
  local window = s.window
  if s.phase == 0 then window = 0 end
  s.rate, s.burst, s.level, s.window, s.epochAt, s.successes, s.stale = rate, burstFor(rate, s.burstCap), 0, window, now, 0, s.inflight
end
-- burst-cap.ts
local function shrinkBurst(s)
  s.burstCap = math.max(1, math.floor(s.burst / 2))
  s.burst, s.level = math.min(s.burst, s.burstCap), math.min(s.level, s.burstCap)
end
local function regrowBurst(s)
  if s.burstCap <= 0 or s.rate <= 0 then return end
  local full = burstFor(s.rate)
  if s.burstCap >= full then s.burstCap, s.burst = 0, full return end
  s.burstCap = s.burstCap + 1 / math.max(64, 16 * s.burstCap)
  s.burst = burstFor(s.rate, s.burstCap)
end
local function widenCap(s, inflight)
  s.seen = math.max(s.seen, inflight)
  if s.window > 0 and inflight + 1 > s.window then s.window = s.window + 1 / math.max(64, 16 * s.window) end
end
local function restartRamp(s)
  local guess = (s.successes * 1000) / (math.max(1, now - s.epochAt) + rampHorizonMs)
  if guess > s.lastMax then s.rate, s.burst, s.lastMax = guess, burstFor(guess, s.burstCap), guess end
end
local function startRamp(s)
  local elapsed = math.max(1, now - s.epochAt) + rampHorizonMs
  local rate = math.max(minRate, (s.successes * 1000) / elapsed)
  restart(s, rate)
  s.phase, s.lastMax = 1, rate
end
local function cut(s)
  local measured = measuredRate(s, s.lastMax)
  local share = 0.5
  if s.phase == 1 then share = 0.7 end
  local lastMax = math.max(minRate, math.min(s.rate, math.max(measured, share * s.rate)))
  restart(s, math.max(minRate, beta * lastMax))
  s.phase, s.lastMax = 2, lastMax
end
local function grow(s)
  local since = now - s.epochAt
  local curve
  if s.phase == 1 then
    curve = s.lastMax * 2 ^ (since / rampDoublingMs)
  else
    -- probeTime: past K, slower at low rates (50 successes per climb)
    local t, kMs = math.max(0, since), cubicK * 1000
    if t > kMs then t = kMs + (t - kMs) / math.max(1, 50 / (math.max(minRate, s.lastMax) * cubicK)) end
    local offset = t / 1000 - cubicK
    curve = s.lastMax * (1 + c * offset * offset * offset)
  end
  local guard = math.max(s.lastMax, 2 * measuredRate(s, math.huge))
  local rate = math.max(minRate, math.min(curve, guard))
  local burst = burstFor(rate, s.burstCap)
  s.rate, s.burst, s.level = rate, burst, math.min(s.level, burst)
  if s.phase == 1 and since >= rampDoublingMs and s.successes >= 8 then
    s.lastMax, s.epochAt, s.successes = rate, now, 0
  end
end
-- window-hold.ts: two 429s naming the same instant ≥ 2 s away are a window's boundary
local function windowHold(s, retryAfterMs)
  if retryAfterMs == nil or retryAfterMs < 2000 then return false end
  local at = now + retryAfterMs
  local agrees = s.claimAt > now and math.abs(at - s.claimAt) <= 1000
  if not agrees then s.claimAt = at return false end
  local untilAt = math.min(at, s.claimAt, now + maxPauseMs)
  s.claimAt, s.pausedUntil, s.level = at, math.max(s.pausedUntil, untilAt), 0
  return true
end
local function record(s, cancelled, outcome, requests, readings, retryAfterMs)
  refill(s)
  local wasStale = s.stale > 0
  local inflight = s.inflight
  s.inflight = math.max(0, s.inflight - 1)
  s.stale = math.max(0, s.stale - 1)
  if cancelled then return end
  applyHeaders(s, readings)
  requests = math.max(0, requests)
  if outcome == 's' then
    s.successes = s.successes + requests
    sampleSuccess(s, requests)
    if s.phase == 0 then
      s.window, s.seen = s.window + requests, math.max(s.seen, inflight)
    else
      widenCap(s, inflight)
      regrowBurst(s)
      if s.told == 0 then
        if wasStale and s.phase == 1 then restartRamp(s) end
        grow(s)
      end
    end
  elseif outcome == 'l' then
    local slots = math.floor(s.window + EPS)
    if windowHold(s, retryAfterMs) then
      -- held until the boundary; no cut
    elseif s.phase ~= 0 and slots >= 2 and inflight >= slots and s.window - slots < 0.25 then
      s.window, s.seen, s.level = slots - 1 + 0.25, math.min(s.seen, slots - 1), 0
    elseif s.phase ~= 0 and s.seen > 0 and inflight > s.seen and (s.window == 0 or s.window > s.seen) then
      s.window, s.level = s.seen, 0
    elseif s.told == 1 then
      s.level, s.epochAt, s.successes = 0, now, 0
      if not wasStale then shrinkBurst(s) end
    elseif s.phase == 0 then startRamp(s)
    elseif not wasStale then
      cut(s)
      shrinkBurst(s)
    end
  elseif s.phase == 0 then
    s.window = s.window + requests
  end
end

if op == 'a' then
  local s = load() or initial()
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
