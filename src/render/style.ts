// Colour: decided once from the flags, the environment and the terminal, never
// by chalk's own guess (chalk ignores NO_COLOR and reads argv by itself).
// chalk is loaded only when colour is on: most runs are piped, and loading it
// costs a few milliseconds of every start.

export type ColorLevel = 0 | 1 | 2 | 3;

/** The few styles rfa uses; a chalk instance is one, and so is the plain one below. */
export interface Style {
  bold(text: string): string;
  italic(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  inverse(text: string): string;
}

export interface ColorInputs {
  /** false for --no-color; undefined when not given. */
  flag?: boolean;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

export function colorLevel({ flag, env, isTTY }: ColorInputs): ColorLevel {
  if (flag === false) return 0;
  // Both variables count only when set and not empty (no-color.org, force-color.org).
  const force = env.FORCE_COLOR;
  if (force) {
    if (force === '0' || force === 'false') return 0;
    return force === '2' ? 2 : force === '3' ? 3 : 1;
  }
  if (env.NO_COLOR) return 0;
  if (!isTTY || env.TERM === 'dumb') return 0;
  return 1;
}

const same = (text: string) => text;
export const PLAIN: Style = { bold: same, italic: same, dim: same, red: same, green: same, yellow: same, cyan: same, inverse: same };

export async function loadStyle(level: ColorLevel): Promise<Style> {
  if (level === 0) return PLAIN;
  const { Chalk } = await import('chalk');
  return new Chalk({ level });
}

const STATUS_COLORS: Record<string, 'yellow' | 'green' | 'red'> = { pending: 'yellow', approved: 'green', rejected: 'red' };

/** A status word in its colour; a hand-edited unknown status stays plain. */
export const styleStatus = (style: Style, status: string) => {
  const color = STATUS_COLORS[status];
  return color ? style[color](status) : status;
};
