export interface Preferences {
  theme: 'light' | 'dark' | 'system';
  language: string;
  notifications: { email: boolean; push: boolean; digest: 'daily' | 'weekly' | 'never' };
  layout: { density: 'compact' | 'comfortable'; sidebar: boolean };
}

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  language: 'en',
  notifications: { email: true, push: false, digest: 'weekly' },
  layout: { density: 'comfortable', sidebar: true },
};

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merges `patch` into `target` in place; arrays and scalars replace. */
export function deepMerge(target: Plain, patch: Plain): Plain {
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (isPlain(value)) {
      if (!isPlain(target[key])) target[key] = {};
      deepMerge(target[key] as Plain, value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

/** Preferences from localStorage over the defaults, plus a patch from the URL (?prefs=<json>) for support links. */
export function loadPreferences(storage: Storage, search: string): Preferences {
  const prefs = structuredClone(DEFAULT_PREFERENCES) as unknown as Plain;
  const stored = storage.getItem('prefs');
  if (stored) {
    try {
      deepMerge(prefs, JSON.parse(stored) as Plain);
    } catch {
      storage.removeItem('prefs');
    }
  }
  const fromUrl = new URLSearchParams(search).get('prefs');
  if (fromUrl) deepMerge(prefs, JSON.parse(fromUrl) as Plain);
  return prefs as unknown as Preferences;
}

export function savePreferences(storage: Storage, prefs: Preferences): void {
  storage.setItem('prefs', JSON.stringify(prefs));
}
