/**
 * Memoises an adapter's per-request policy resolution (validation is not free): a preset name is
 * kept by value, an input or built policy by identity and weakly, so a literal rebuilt on every
 * request costs one build each time but nothing leaks.
 */
export function policyCache<Option extends string | object, Built>(
  resolve: (option: Option) => Built,
): (option: Option) => Built {
  const byName = new Map<string, Built>();
  const byObject = new WeakMap<object, Built>();
  return (option) => {
    if (typeof option === 'string') {
      if (!byName.has(option)) byName.set(option, resolve(option));
      return byName.get(option) as Built;
    }
    let built = byObject.get(option);
    if (built === undefined) {
      built = resolve(option);
      byObject.set(option, built);
    }
    return built;
  };
}
