// Times for people: absolute (in UTC, or in the local zone at a terminal), and short ages for tables.

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * "2026-11-28 16:40 UTC"; with `local`, the zone of this machine or $TZ with its
 * offset, "2026-11-28 17:40 +01:00" (still "UTC" where that is the zone).
 * Scripts get UTC: `local` is for a terminal only, and --json keeps ISO 8601.
 */
export const formatTime = (iso: string, local = false) => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const offset = local ? -d.getTimezoneOffset() : 0;
  if (offset === 0) return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const zone = `${offset > 0 ? '+' : '-'}${pad2(Math.floor(Math.abs(offset) / 60))}:${pad2(Math.abs(offset) % 60)}`;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())} ${zone}`;
};

/** "now", "5m", "3h", "2d", "7w", "1y": the age of something, as a queue shows it. */
export function formatAge(iso: string, now: Date): string {
  const seconds = Math.max(0, (now.getTime() - new Date(iso).getTime()) / 1000);
  if (Number.isNaN(seconds)) return '?';
  if (seconds < 60) return 'now';
  const minutes = seconds / 60;
  if (minutes < 60) return `${Math.floor(minutes)}m`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.floor(hours)}h`;
  const days = hours / 24;
  if (days < 14) return `${Math.floor(days)}d`;
  if (days < 365) return `${Math.floor(days / 7)}w`;
  return `${Math.floor(days / 365)}y`;
}

/** "just now", "5m ago" */
export const formatAgo = (iso: string, now: Date) => {
  const age = formatAge(iso, now);
  return age === 'now' ? 'just now' : `${age} ago`;
};
