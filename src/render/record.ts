// The moderation log and the desk's figures, for people.
import type { LogEntry, Stats } from '../domain/record.js';
import { safeLine } from './safe-text.js';
import type { Style } from './style.js';
import { formatTime } from './time.js';
import { displayWidth, truncate, widest } from './wrap.js';

const ACTION_COLORS: Record<string, 'green' | 'red' | 'yellow' | 'cyan'> = { approved: 'green', rejected: 'red', reopened: 'yellow', edited: 'cyan', purged: 'red' };

export function renderLog(entries: LogEntry[], width: number, style: Style, local = false): string {
  const byW = Math.min(16, widest(entries.map((e) => safeLine(e.by).length), 2));
  const idW = widest(entries.map((e) => String(e.commentId).length)) + 1;
  return `${entries
    .map((e) => {
      const detail = [e.code, e.rule ?? e.reason].filter(Boolean).map((d) => safeLine(String(d))).join(' — ');
      const fixed = `${formatTime(e.at, local)}  ${e.action.padEnd(9)}  ${`#${e.commentId}`.padStart(idW)}  ${truncate(safeLine(e.by), byW).padEnd(byW)}`;
      const room = width - fixed.length - 2;
      const color = ACTION_COLORS[e.action];
      const action = color ? style[color](e.action.padEnd(9)) : e.action.padEnd(9);
      const line = `${style.dim(formatTime(e.at, local))}  ${action}  ${style.cyan(`#${e.commentId}`.padStart(idW))}  ${truncate(safeLine(e.by), byW).padEnd(byW)}`;
      return detail && room > 8 ? `${line}  ${truncate(detail, room)}` : line.trimEnd();
    })
    .join('\n')}\n`;
}

const humanDuration = (seconds: number) => {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
};

export function renderStats(stats: Stats, style: Style, width = 80): string {
  const out: string[] = [];
  const { pending, approved, rejected } = stats.counts;
  out.push(style.bold('Comments'), `  ${pending} pending, ${approved} approved, ${rejected} rejected`);
  out.push('', style.bold('Per article'));
  for (const a of stats.articles) {
    const counts = `${a.counts.pending} pending, ${a.counts.approved} approved, ${a.counts.rejected} rejected`;
    const line = `  ${safeLine(a.id)}: ${counts}`;
    // Narrow terminals: the counts go under the id rather than past the edge.
    out.push(...(displayWidth(line) <= width ? [line] : [`  ${truncate(safeLine(a.id), width - 3)}:`, `    ${counts}`]));
  }
  out.push('', style.bold('Waiting'));
  out.push(
    stats.oldestPending
      ? `  oldest pending: #${stats.oldestPending.id}, waiting ${humanDuration(stats.oldestPending.waitingSeconds)}`
      : '  nothing pending',
  );
  out.push(`  median wait to a decision: ${stats.medianWaitSeconds === null ? 'no decisions yet' : humanDuration(stats.medianWaitSeconds)}`);
  out.push('', style.bold('Decisions per moderator'));
  const people = Object.entries(stats.decisionsBy);
  if (!people.length) out.push('  none yet');
  for (const [by, d] of people) out.push(`  ${safeLine(by)}: ${d.approved} approved, ${d.rejected} rejected, ${d.edited} edited${d.purged ? `, ${d.purged} purged` : ''}`);
  return `${out.join('\n')}\n`;
}
