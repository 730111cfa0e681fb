/**
 * The shared throttle's learning step, in Lua: a line-for-line port of core's record-step.ts
 * (with epoch-rate.ts, burst-cap.ts and window-hold.ts). It is a part of the one script in
 * throttle-lua.ts and uses that script's locals (`now`, the tuning numbers, `burstFor`,
 * `refill`, `applyHeaders`).
 */
export const RECORD_LUA = `-- record-step.ts
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
  if s.window > 0 and inflight + 1 > s.window then
    if s.phase == 1 then s.window = s.window + 1 else s.window = s.window + 1 / math.max(64, 16 * s.window) end
  end
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
-- a requests reading with nothing left: the 429 is that bucket's refusal
local function bucketEmpty(readings)
  for _, r in ipairs(readings) do if r.unit == 'r' and r.remaining == 0 then return true end end
  return false
end
local function capSignal(s, inflight, readings)
  if bucketEmpty(readings) then return 0 end
  local roomy = false
  if s.told == 1 then
    for _, r in ipairs(readings) do if r.unit == 'r' and (r.remaining or 0) >= 1 then roomy = true end end
  end
  if not roomy or inflight < 2 then return s.seen end
  if s.seen > 0 then return math.min(s.seen, inflight - 1) end
  return inflight - 1
end
-- before: the rate, successes and epochAt this 429 found
local function trimTold(s, readings, before)
  if not bucketEmpty(readings) or before.successes < 10 then return end
  local granted, stated = epochRate(before), 0
  for _, r in ipairs(readings) do
    if r.unit == 'r' and r.remaining == 0 then stated = math.max(stated, headerPace(r, 0) or 0) end
  end
  local rate = math.max(minRate, beta * before.rate, math.min(before.rate, math.max(granted, stated)))
  if rate ~= s.rate then s.rate, s.burst, s.level = rate, burstFor(rate, s.burstCap), 0 end
end
local function record(s, cancelled, outcome, requests, readings, retryAfterMs)
  refill(s)
  local wasStale = s.stale > 0
  local inflight = s.inflight
  local before = { rate = s.rate, successes = s.successes, epochAt = s.epochAt }
  s.inflight = math.max(0, s.inflight - 1)
  s.stale = math.max(0, s.stale - 1)
  if cancelled then return end
  local alongside = inflight
  local scouted = scouting(s)
  if scouted then s.window, alongside = initialWindow - 1, 0 end
  applyHeaders(s, readings)
  requests = math.max(0, requests)
  if outcome == 's' then
    s.successes = s.successes + requests
    sampleSuccess(s, requests)
    if s.phase == 0 then
      s.window, s.seen = s.window + requests, math.max(s.seen, alongside)
    else
      widenCap(s, alongside)
      regrowBurst(s)
      if s.told == 0 then
        if wasStale and s.phase == 1 then restartRamp(s) end
        grow(s)
      end
    end
  elseif outcome == 'l' then
    local slots = math.floor(s.window + EPS)
    local capAt = capSignal(s, inflight, readings)
    if windowHold(s, retryAfterMs) then
      -- held until the boundary; no cut
    elseif s.phase ~= 0 and slots >= 2 and inflight >= slots and s.window - slots < 0.25 then
      s.window, s.seen, s.level = slots - 1 + 0.25, math.min(s.seen, slots - 1), 0
      if s.phase == 1 then s.phase, s.lastMax, s.epochAt, s.successes = 2, s.rate, now, 0 end
    elseif s.phase ~= 0 and capAt > 0 and inflight > capAt and (s.window == 0 or s.window > capAt) then
      s.window, s.level = capAt, 0
    elseif s.told == 1 then
      s.level, s.epochAt, s.successes = 0, now, 0
      if not wasStale then
        trimTold(s, readings, before)
        shrinkBurst(s)
      end
    elseif s.phase == 0 then startRamp(s)
    elseif not wasStale then
      cut(s)
      shrinkBurst(s)
    end
  elseif s.phase == 0 then
    s.window = s.window + requests
  end
  if scouted then sizeByScout(s, readings) end
end
`;
