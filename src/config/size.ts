/**
 * Sizes, rates and windows as people write them in config ("2MiB/s", "6GiB", "24h"). Binary units
 * (KiB…TiB) are powers of 1024, decimal ones (KB…TB) powers of 1000, as the issue specifies.
 */
const SIZE_UNITS: Readonly<Record<string, number>> = Object.freeze({
  B: 1,
  KIB: 1024,
  MIB: 1024 ** 2,
  GIB: 1024 ** 3,
  TIB: 1024 ** 4,
  KB: 1000,
  MB: 1000 ** 2,
  GB: 1000 ** 3,
  TB: 1000 ** 4,
});

const WINDOW_UNITS: Readonly<Record<string, number>> = Object.freeze({ s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 });

const SIZE_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/;
const WINDOW_PATTERN = /^(\d+)([smhd])$/;

/** Bytes for "10MiB", "810GB", "512" or a plain number; null when it is not a size. */
export function parseSize(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
  const match = SIZE_PATTERN.exec(value);
  if (!match) return null;
  const unit = SIZE_UNITS[(match[2] || 'B').toUpperCase()];
  if (unit === undefined) return null;
  const bytes = Math.floor(Number(match[1]) * unit);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

/** Bytes per second for "2MiB/s" (a size per second); null otherwise. */
export function parseRate(value: string | number): number | null {
  if (typeof value === 'number') return parseSize(value);
  const trimmed = value.trim();
  if (!trimmed.endsWith('/s')) return null;
  return parseSize(trimmed.slice(0, -2));
}

/** Milliseconds for "1h", "24h", "7d"; null otherwise. */
export function parseWindow(value: string): number | null {
  const match = WINDOW_PATTERN.exec(value);
  if (!match) return null;
  const ms = Number(match[1]) * WINDOW_UNITS[match[2]!]!;
  return ms > 0 && Number.isSafeInteger(ms) ? ms : null;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let index = 0;
  while (Math.abs(value) >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  return `${index === 0 ? value : value.toFixed(2)}${units[index]!}`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'never';
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  if (seconds < 7_200) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds < 172_800) return `${(seconds / 3_600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}
