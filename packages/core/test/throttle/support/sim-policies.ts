/** The simulated server's OpenAI-style request headers, declared per minute as OpenAI's preset does. */
export const perMinutePolicy = {
  name: 'sim-per-minute',
  rateLimitHeaders: [
    {
      unit: 'requests' as const,
      windowSeconds: 60,
      limit: 'x-ratelimit-limit-requests',
      remaining: 'x-ratelimit-remaining-requests',
      reset: 'x-ratelimit-reset-requests',
      resetFormat: 'go-duration' as const,
    },
  ],
};
