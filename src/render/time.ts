// Times for people: absolute in UTC, and short ages for tables.

/** "2026-11-28 16:40 UTC" */
export const formatTime = (iso: string) => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
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
