// rfa serve: the readers' side on the web, over the same store the moderators
// use from the terminal. Prints the address it listens on (stdout: the one
// result, for scripts), logs requests on stderr, and stops cleanly on SIGTERM
// or SIGINT: no new connections, what is in flight finished and written, exit 0.
import type { Context, Output } from '../context.js';
import { RfaError, usageError } from '../errors.js';
import { startServer, type ServeOptions } from '../serve/server.js';

/** The flags: the server's options, less what the command supplies itself. */
export type ServeCommandOptions = Omit<ServeOptions, 'clock' | 'log'>;

function checkBaseUrl(raw: string | undefined): void {
  if (raw === undefined) return;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username) {
    throw usageError(`--base-url must be the site's public http(s) address, like https://news.example.org, not '${raw}'`);
  }
}

export async function serve(ctx: Context, options: ServeCommandOptions): Promise<Output> {
  checkBaseUrl(options.baseUrl);
  if (!/^[\x21-\x7e ]+$/.test(options.frameAncestors) || /[;,]/.test(options.frameAncestors)) {
    throw usageError(`--frame-ancestors takes CSP sources separated by spaces ('none', 'self', https://cms.example.org), not '${options.frameAncestors}'`);
  }
  const store = await ctx.openStore({ serving: true });
  let server;
  try {
    server = await startServer(store, { ...options, clock: ctx.clock, log: (line) => ctx.notice(`${ctx.clock().toISOString()} ${line}\n`) });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE' || e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL') {
      const why = e.code === 'EADDRINUSE' ? 'the address is in use' : e.code === 'EACCES' ? 'permission denied (ports below 1024 need privileges)' : 'no such address on this machine';
      throw new RfaError('STORE', `cannot listen on ${options.host}:${options.port}: ${why}`, 'choose another --port (0 picks a free one)');
    }
    throw err;
  }
  const running = server;
  // The signals are taken before the address is printed: whoever starts the
  // server may stop it as soon as it knows where it is.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      ctx.notice(`${ctx.clock().toISOString()} ${signal}: finishing what is in flight\n`);
      void running.close().then(resolve);
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
  ctx.screen(ctx.json ? `${JSON.stringify({ url: server.url })}\n` : `listening on ${server.url}\n`);
  await stopped;
  return { stderr: 'Stopped.\n' };
}
