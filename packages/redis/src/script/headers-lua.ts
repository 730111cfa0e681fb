/**
 * The shared throttle's reading of rate-limit headers, in Lua: a line-for-line port of core's
 * apply-headers.ts (`headerPace`, the request and token readings, quota holds, `sizeByScout`).
 * It is a part of the one script in throttle-lua.ts and uses that script's locals (`now`,
 * `burstFor`, `maxPauseMs`).
 */
export const HEADERS_LUA = `-- apply-headers.ts
local function isQuota(r) return r.windowSeconds ~= nil and r.windowSeconds >= 3600 end
-- headerPace: the rate, and whether it is firm (false: two statements disagree, neither wins)
local function headerPace(r, inflight)
  if isQuota(r) then return nil, false end
  local byWindow, byReset = nil, nil
  if r.limit ~= nil and r.limit > 0 and r.windowSeconds ~= nil and r.windowSeconds > 0 then byWindow = r.limit / r.windowSeconds end
  if r.limit ~= nil and r.remaining ~= nil and r.resetMs ~= nil and r.resetMs > 0 and r.limit > r.remaining then
    byReset = ((r.limit - r.remaining) * 1000) / r.resetMs
  end
  if byWindow == nil then return byReset, true end
  local spare = (r.remaining or 0) - inflight
  local headroom = r.remaining ~= nil and spare >= 2 and spare >= 0.2 * (r.limit or 0)
  if byReset == nil then
    if r.windowSeconds > 1 then return nil, false end
    return byWindow, true
  end
  if headroom then return math.max(byWindow, byReset), true end
  local low = math.min(byWindow, byReset)
  return low, math.max(byWindow, byReset) <= 2 * low
end
local function requestReading(s, r, stated)
  if stated ~= nil then
    local granted = 0
    if now - s.epochAt >= 1000 then granted = (s.successes * 1000) / math.max(1, now - s.epochAt) end
    local rate = math.max(stated, granted)
    local burst = burstFor(rate, s.burstCap)
    local level = burst
    if s.rate > 0 then level = math.min(s.level, burst) end
    s.rate, s.burst, s.level, s.lastMax, s.window, s.phase, s.told = rate, burst, level, rate, 0, 2, 1
  end
  if s.rate > 0 and r.remaining ~= nil then
    local accrued = math.max(0, s.level - math.floor(s.level + 1e-9))
    s.level = math.min(s.level, math.max(0, r.remaining - s.inflight) + accrued)
  end
end
local function tokenReading(s, r, rate)
  if rate ~= nil then
    local tokenBurst = math.max(1, rate * 1)
    local tokenLevel = tokenBurst
    if s.tokenRate > 0 then tokenLevel = math.min(s.tokenLevel, tokenBurst) end
    s.tokenRate, s.tokenBurst, s.tokenLevel = rate, tokenBurst, tokenLevel
  end
  if s.tokenRate > 0 and r.remaining ~= nil then s.tokenLevel = math.min(s.tokenLevel, math.max(0, r.remaining)) end
end
-- sizeByScout: the scout's answer caps slow start's window at its requests reading's remaining
local function sizeByScout(s, readings)
  if s.phase ~= 0 or s.told == 1 or s.rate > 0 then return end
  local room = math.huge
  for _, r in ipairs(readings) do
    if r.unit == 'r' and r.remaining ~= nil and not isQuota(r) then room = math.min(room, r.remaining) end
  end
  if room < s.window then s.window = math.max(1, room) end
end
local function applyHeaders(s, readings)
  for _, r in ipairs(readings) do
    if isQuota(r) then
      if r.remaining == 0 and r.resetMs ~= nil then
        s.pausedUntil = math.max(s.pausedUntil, now + math.min(r.resetMs, maxPauseMs))
      end
    else
      local pace, firm = headerPace(r, s.inflight)
      if r.remaining == 0 and pace == nil and r.resetMs ~= nil then
        s.pausedUntil = math.max(s.pausedUntil, now + math.min(r.resetMs, maxPauseMs))
      end
      local told = s.told == 1
      if r.unit ~= 'r' then told = s.tokenRate > 0 end
      local rate = pace
      if pace ~= nil and not firm and told then rate = nil end
      if r.unit == 'r' then requestReading(s, r, rate) else tokenReading(s, r, rate) end
    end
  end
end
`;
