// Colour: decided once from the flags, the environment and the terminal, never
// by chalk's own guess (chalk ignores NO_COLOR and reads argv by itself).
import { Chalk, type ChalkInstance } from 'chalk';

export type ColorLevel = 0 | 1 | 2 | 3;

export interface ColorInputs {
  /** false for --no-color; undefined when not given. */
  flag?: boolean;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

export function colorLevel({ flag, env, isTTY }: ColorInputs): ColorLevel {
  if (flag === false) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    return force === '2' ? 2 : force === '3' ? 3 : 1;
  }
  if (env.NO_COLOR) return 0;
  if (!isTTY || env.TERM === 'dumb') return 0;
  return 1;
}

export const makeStyle = (level: ColorLevel): ChalkInstance => new Chalk({ level });
export type Style = ChalkInstance;

const STATUS_COLORS: Record<string, 'yellow' | 'green' | 'red'> = { pending: 'yellow', approved: 'green', rejected: 'red' };

/** A status word in its colour; a hand-edited unknown status stays plain. */
export const styleStatus = (style: Style, status: string) => {
  const color = STATUS_COLORS[status];
  return color ? style[color](status) : status;
};
