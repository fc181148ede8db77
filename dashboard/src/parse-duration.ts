const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30s`, `15m`, `24h`, `90d`, `4w` in milliseconds; null when the text is not such a duration. */
export function parseDuration(text: string): number | null {
  const match = /^(\d{1,6})\s*([smhdw])$/i.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]) * UNITS[match[2].toLowerCase()];
  return value > 0 ? value : null;
}
