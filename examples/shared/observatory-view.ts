import type { Observatory } from '@observatory/core';

/**
 * `obs` with some methods replaced (for filling in history). Every other method runs on the
 * observatory itself, so its sessions and queue stay one.
 */
export function observatoryView(obs: Observatory, replaced: Partial<Observatory>): Observatory {
  return new Proxy(obs, {
    get(target, key) {
      if (Object.hasOwn(replaced, key)) return replaced[key as keyof Observatory];
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
