// A progress bar on stderr, only at a terminal and only for big files.
import { writeAll } from './output.js';

export function progressBar(enabled: boolean, label: string): { update(done: number, total: number): void; end(): void } {
  let last = -1;
  return {
    update(done, total) {
      if (!enabled || total <= 0) return;
      const pct = Math.floor((done / total) * 100);
      if (pct === last) return;
      last = pct;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      writeAll(2, `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}%`);
    },
    end() {
      if (enabled && last >= 0) writeAll(2, '\r\u001b[K');
    },
  };
}
