/**
 * Display formatting used on every page: dollars, compact counts, durations, percentages,
 * dates and model names as vendors write them.
 */

// Formatters built once: toLocaleString builds a new one on every call (a 100-row table made
// hundreds of them, about 0.1 ms each).
const WHOLE_NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DATE_TIME_OPTIONS: Intl.DateTimeFormatOptions = {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
};
const CLOCK_OPTIONS: Intl.DateTimeFormatOptions = {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
};
const DATE_TIME = {
  local: new Intl.DateTimeFormat('en-US', DATE_TIME_OPTIONS),
  utc: new Intl.DateTimeFormat('en-US', { ...DATE_TIME_OPTIONS, timeZone: 'UTC' }),
};
const CLOCK = {
  local: new Intl.DateTimeFormat('en-US', CLOCK_OPTIONS),
  utc: new Intl.DateTimeFormat('en-US', { ...CLOCK_OPTIONS, timeZone: 'UTC' }),
};

/** `$0.0123`, `$4.57`, `$1,234`, `$12.3K`: small amounts keep 3 significant digits. */
export function formatCost(dollars: number | null | undefined): string {
  if (dollars == null || !Number.isFinite(dollars)) return '—';
  const sign = dollars < 0 ? '-' : '';
  const value = Math.abs(dollars);
  if (value === 0) return '$0.00';
  if (value < 0.0001) return `${sign}<$0.0001`;
  if (value < 0.1) return `${sign}$${value.toFixed(Math.min(6, 2 - Math.floor(Math.log10(value))))}`;
  if (value < 1000) return `${sign}$${value.toFixed(2)}`;
  if (value < 10_000) return `${sign}$${WHOLE_NUMBER.format(Math.round(value))}`;
  return `${sign}$${formatCompact(value)}`;
}

/** `950`, `1.2K`, `45.6K`, `3.4M`, `1.2B`. */
export function formatCompact(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return '—';
  const value = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  const units: Array<[number, string]> = [
    [1e3, 'K'],
    [1e6, 'M'],
    [1e9, 'B'],
  ];
  for (let i = units.length - 1; i >= 0; i--) {
    const [size, suffix] = units[i];
    if (value < size) continue;
    const scaled = value / size;
    const text = scaled >= 100 ? String(Math.round(scaled)) : scaled.toFixed(1).replace(/\.0$/, '');
    // 999,960 rounds to "1000K": say "1M" instead.
    if (Number(text) >= 1000 && i < units.length - 1) return `${sign}1${units[i + 1][1]}`;
    return `${sign}${text}${suffix}`;
  }
  if (value >= 999.5 && value < 1000) return `${sign}1K`;
  return `${sign}${Number.isInteger(value) ? value : value.toFixed(value < 10 ? 2 : 1)}`;
}

/** Whole numbers with thousands separators: `12,345`. */
export function formatInteger(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return '—';
  return WHOLE_NUMBER.format(Math.round(n));
}

/** `450ms`, `1.2s`, `2m 05s`, `1h 02m`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return '—';
  // Each unit's thresholds are where rounding would reach the next unit (59.96 s is "1m 00s").
  if (ms < 999.5) return `${Math.round(ms)}ms`;
  if (ms < 9_950) return `${(ms / 1000).toFixed(1)}s`;
  if (ms < 59_500) return `${Math.round(ms / 1000)}s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** A 0..1 rate as `12.5%` (`0%`, `<0.1%` for tiny non-zero rates). */
export function formatPercent(rate: number | null | undefined, digits = 1): string {
  if (rate == null || !Number.isFinite(rate)) return '—';
  const percent = rate * 100;
  if (percent === 0) return '0%';
  if (Math.abs(percent) < 0.1) return '<0.1%';
  return `${percent.toFixed(digits).replace(/\.0+$/, '')}%`;
}

/** ` · 2.5% of calls unpriced` when some calls' model had no price (their cost counts as $0), else ''. */
export function unpricedNote(totals: { unpricedCalls: number; totalCalls: number }): string {
  if (totals.unpricedCalls <= 0 || totals.totalCalls <= 0) return '';
  return ` · ${formatPercent(totals.unpricedCalls / totals.totalCalls)} of calls unpriced`;
}

/** A judge score 0..10: `8.42`. */
export function formatScore(score: number | null | undefined): string {
  if (score == null || !Number.isFinite(score)) return '—';
  return score.toFixed(2);
}

/** A p-value: `p < 0.001`, `p = 0.042`. */
export function formatPValue(p: number | null | undefined): string {
  if (p == null || !Number.isFinite(p)) return 'p = —';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

export type TimeZoneChoice = 'local' | 'utc';

/** `Jan 20, 14:05` in local time or UTC. */
export function formatDateTime(ms: number, zone: TimeZoneChoice = 'local'): string {
  return DATE_TIME[zone].format(ms);
}

/** `14:05:09`. */
export function formatClock(ms: number, zone: TimeZoneChoice = 'local'): string {
  return CLOCK[zone].format(ms);
}

/** `just now`, `42s ago`, `5m ago`, `3h ago`, `2d ago`. */
export function formatAgo(ms: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}

const KNOWN_WORDS: Record<string, string> = {
  gpt: 'GPT',
  claude: 'Claude',
  gemini: 'Gemini',
  llama: 'Llama',
  mistral: 'Mistral',
  mixtral: 'Mixtral',
  deepseek: 'DeepSeek',
  grok: 'Grok',
  sonnet: 'Sonnet',
  opus: 'Opus',
  haiku: 'Haiku',
  flash: 'Flash',
  pro: 'Pro',
  mini: 'mini',
  nano: 'nano',
  turbo: 'Turbo',
  lite: 'Lite',
  large: 'Large',
  small: 'Small',
  medium: 'Medium',
  chat: 'Chat',
  instruct: 'Instruct',
  versatile: 'Versatile',
  latest: 'latest',
  reasoner: 'Reasoner',
  command: 'Command',
};

/**
 * Model ids as vendors write the names: `gpt-4o` → `GPT-4o`, `gpt-4o-mini` → `GPT-4o mini`,
 * `claude-sonnet-4-20250514` → `Claude Sonnet 4`, `claude-3-5-haiku-latest` → `Claude 3.5 Haiku`,
 * `o4-mini` → `o4-mini`, `gemini-2.5-flash` → `Gemini 2.5 Flash`. Unknown ids are returned as they are.
 */
export function formatModelName(id: string | null | undefined): string {
  if (!id) return '—';
  const prefixed = id.replace(/^(models\/|openai\/|anthropic\/|google\/)/, '');
  // A dated snapshot keeps its date, so it never reads as its alias (which may price differently).
  const dated = /^(.*?)-(\d{4})-?(\d{2})-?(\d{2})$/.exec(prefixed);
  const base = dated ? dated[1] : prefixed;
  const name = formatModelAlias(id, base);
  return dated ? `${name} (${dated[2]}-${dated[3]}-${dated[4]})` : name;
}

function formatModelAlias(id: string, base: string): string {
  if (/^o\d/.test(base)) return base;
  const parts = base.replace(/-latest$/, '').split('-');
  if (parts[0] === 'gpt') {
    const [, version, ...rest] = parts;
    return [`GPT-${version}`, ...rest.map((w) => KNOWN_WORDS[w] ?? w)].join(' ');
  }
  if (!KNOWN_WORDS[parts[0]]) return id === base ? id : base;
  // Join version digits split by dashes (claude-3-5-haiku → 3.5, claude-sonnet-4-5 → 4.5).
  const words: string[] = [];
  for (const part of parts) {
    const previous = words[words.length - 1];
    if (/^\d+$/.test(part) && previous && /^\d+(\.\d+)?$/.test(previous) && !previous.includes('.')) {
      words[words.length - 1] = `${previous}.${part}`;
    } else {
      words.push(KNOWN_WORDS[part] ?? part);
    }
  }
  return words.join(' ');
}
