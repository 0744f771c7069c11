import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends';
import { BIN, cleanEnv, newStore, readStore, rfa, rfaJson, tempDir } from '../helpers/rfa';

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

describe.each(BACKENDS)('on a $name store', ({ newStore, data, snapshot }) => {
  describe('policy', () => {
    it('a new store has every list empty and every rule off, keyed by name', async () => {
      const store = await newStore();
      const p = await rfaJson(store, ['policy', 'show']);
      expect(p).toMatchObject({
        'banned-words': [], 'suspect-words': [], 'blocked-authors': [], 'trusted-authors': [],
        'max-links': 0, 'flood-max': 0, 'flood-window': 0, 'trust-returning': false, 'auto-close-days': 0,
      });
      expect(p.reasons.spam).toMatch(/spam/);
      expect((await data(store)).settings ?? null).toBeNull(); // reading writes nothing
    });

    it('set, add and remove change the store; bad values exit 2 and leave it untouched', async () => {
      const store = await newStore();
      expect((await rfaJson(store, ['policy', 'set', 'max-links', '2']))['max-links']).toBe(2);
      expect((await rfaJson(store, ['policy', 'add', 'banned-words', 'viagra=spam', 'idiot']))['banned-words']).toEqual(['viagra=spam', 'idiot']);
      expect((await rfaJson(store, ['policy', 'remove', 'banned-words', 'idiot']))['banned-words']).toEqual(['viagra=spam']);
      const before = (await snapshot(store));
      for (const args of [['set', 'max-links', 'lots'], ['set', 'trust-returning', 'maybe'], ['set', 'colour', 'red'], ['add', 'max-links', 'x'], ['add', 'banned-words', 'x=nocode']]) {
        const r = await rfa(['policy', ...args, '--store', store]);
        expect(r.code, args.join(' ')).toBe(2);
      }
      expect((await rfa(['policy', 'remove', 'banned-words', 'absent', '--store', store])).code).toBe(3);
      expect((await snapshot(store))).toEqual(before);
      expect((await rfa(['policy', 'show', '--store', store])).stdout).toMatch(/^max-links\s+2 links per comment$/m);
    });

    it('a banned word stores the comment rejected, exits 0 and says so', async () => {
      const store = await newStore();
      await rfa(['policy', 'add', 'banned-words', 'viagra=spam', '--store', store]);
      const human = await rfa(['comment', 'add', '--author', 'Bot', 'Cheap ｖｉａｇｒａ here', '--store', store]);
      expect(human.code).toBe(0);
      expect(human.stdout).toContain('rejected by the house rules (banned-words "viagra=spam" matched "viagra"; code spam)');
      const c = await rfaJson(store, ['comment', 'add', '--author', 'Bot2', 'V-I-A-G-R-A deals']);
      expect(c.status).toBe('rejected');
      expect(c.history[1]).toMatchObject({ action: 'rejected', by: 'policy', code: 'spam', rule: expect.stringContaining('banned-words') });
    });

    it('suspect words flag a pending comment, listed by queue --flagged and shown by moderate show', async () => {
      const store = await newStore();
      await rfa(['policy', 'add', 'suspect-words', 'idiot', '--store', store]);
      await rfaJson(store, ['comment', 'add', '--author', 'A', 'A calm comment.']);
      const flagged = await rfa(['comment', 'add', '--author', 'B', 'What an IDIOT.', '--store', store]);
      expect(flagged.stdout).toContain('Flagged for the moderator: suspect-words: "idiot"');
      expect((await rfa(['moderate', 'queue', '--flagged', '--format', 'ids', '--store', store])).stdout).toBe('2\n');
      expect((await rfa(['moderate', 'queue', '--store', store])).stdout).toMatch(/^!#2/m);
      expect((await rfa(['moderate', 'show', '2', '--store', store])).stdout).toContain('Flag       suspect-words: "idiot"');
    });

    it('trusted authors are approved at once; a flood is refused with exit 4 and nothing stored', async () => {
      const store = await newStore();
      await rfa(['policy', 'add', 'trusted-authors', 'editor@example.org', '--store', store]);
      const trusted = await rfaJson(store, ['comment', 'add', '--author', 'Ed', '--email', 'editor@example.org', 'Correction noted.']);
      expect(trusted.status).toBe('approved');
      await rfa(['policy', 'set', 'flood-max', '2', '--store', store]);
      await rfa(['policy', 'set', 'flood-window', '10', '--store', store]);
      await rfaJson(store, ['comment', 'add', '--author', 'Fast', 'one']);
      await rfaJson(store, ['comment', 'add', '--author', 'Fast', 'two']);
      const before = (await snapshot(store));
      const third = await rfa(['comment', 'add', '--author', 'fast', 'three', '--store', store]);
      expect(third.code).toBe(4);
      expect(third.stderr).toContain('flood');
      expect((await snapshot(store))).toEqual(before);
    });
  });

  describe('reasons', () => {
    it('reject --code is recorded and shown in moderate show, the rejected queue, --json and the log', async () => {
      const store = await newStore();
      await rfaJson(store, ['comment', 'add', '--author', 'A', 'Buy watches']);
      const [c] = await rfaJson(store, ['moderate', 'reject', '1', '--code', 'spam', '--reason', 'ad', '--as', 'alice']);
      expect(c.history.at(-1)).toMatchObject({ action: 'rejected', code: 'spam', reason: 'ad', by: 'alice' });
      expect((await rfa(['moderate', 'show', '1', '--store', store])).stdout).toContain('code: spam');
      expect((await rfa(['moderate', 'queue', '--status', 'rejected', '--store', store])).stdout).toContain('rejected:spam');
      expect((await rfaJson(store, ['moderate', 'log']))[0]).toMatchObject({ commentId: 1, action: 'rejected', code: 'spam', by: 'alice' });
      expect((await rfa(['moderate', 'reject', '1', '--code', 'rude', '--store', store])).code).toBe(2);
      await rfa(['policy', 'set', 'reason.spam', 'We do not publish advertising.', '--store', store]);
      expect((await rfaJson(store, ['policy', 'show'])).reasons.spam).toBe('We do not publish advertising.');
    });
  });

  describe('articles open and closed', () => {
    it('a closed article refuses comments (4) and show says so; open takes them again', async () => {
      const store = await newStore();
      const id = 'japan-tight-lipped-on-report-of';
      expect((await rfa(['article', 'close', id, '--store', store])).stdout).toContain('now closed');
      const before = (await snapshot(store));
      const refused = await rfa(['comment', 'add', '--author', 'A', 'late', '--store', store]);
      expect(refused.code).toBe(4);
      expect((await snapshot(store))).toEqual(before);
      expect((await rfa(['show', '--store', store])).stdout).toContain('Comments are closed.');
      expect((await rfaJson(store, ['show'])).article.closed).toBe(true);
      expect((await rfa(['article', 'close', id, '--store', store])).stdout).toContain('unchanged');
      await rfa(['article', 'open', id, '--store', store]);
      expect((await rfa(['comment', 'add', '--author', 'A', 'on time', '--store', store])).code).toBe(0);
      expect((await rfa(['article', 'close', 'nope', '--store', store])).code).toBe(3);
    });

  });

  describe('the record', () => {
    it('moderate log filters by moderator, article, time and count', async () => {
      const store = await newStore();
      for (const t of ['one', 'two', 'three']) await rfaJson(store, ['comment', 'add', '--author', 'A', t]);
      await rfa(['moderate', 'approve', '1', '--as', 'alice', '--store', store]);
      await rfa(['moderate', 'reject', '2', '--as', 'bob', '--store', store]);
      await rfa(['moderate', 'edit', '3', 'THREE', '--as', 'alice', '--store', store]);
      const all = await rfaJson(store, ['moderate', 'log']);
      expect(all.map((e: any) => e.action)).toEqual(['edited', 'rejected', 'approved']);
      expect((await rfaJson(store, ['moderate', 'log', '--by', 'alice'])).map((e: any) => e.commentId)).toEqual([3, 1]);
      expect(await rfaJson(store, ['moderate', 'log', '--since', '2999-01-01'])).toEqual([]);
      expect(await rfaJson(store, ['moderate', 'log', '--since', '1h'])).toHaveLength(3);
      expect(await rfaJson(store, ['moderate', 'log', '--limit', '1'])).toHaveLength(1);
      expect((await rfa(['moderate', 'log', '--since', 'soon', '--store', store])).code).toBe(2);
      const text = await rfa(['moderate', 'log', '--store', store]);
      expect(text.stdout.split('\n')[0]).toMatch(/UTC {2}edited\s+#3 {2}alice/);
    });

    it('stats gives counts, waiting and decisions per moderator', async () => {
      const store = await newStore();
      for (const t of ['one', 'two']) await rfaJson(store, ['comment', 'add', '--author', 'A', t]);
      await rfa(['moderate', 'approve', '1', '--as', 'alice', '--store', store]);
      const s = await rfaJson(store, ['stats']);
      expect(s.counts).toEqual({ pending: 1, approved: 1, rejected: 0 });
      expect(s.oldestPending.id).toBe(2);
      expect(s.decisionsBy.alice.approved).toBe(1);
      expect(typeof s.medianWaitSeconds).toBe('number');
      expect((await rfa(['stats', '--store', store])).stdout).toContain('alice: 1 approved');
    });

    it('purge needs --yes without a terminal, then erases for good and leaves a tombstone', async () => {
      const store = await newStore();
      await rfaJson(store, ['comment', 'add', '--author', 'Jane Doe', '--email', 'jane@example.org', 'Call me on 555-1234']);
      const before = (await snapshot(store));
      const refused = await rfa(['moderate', 'purge', '1', '--reason', 'erasure request', '--store', store]);
      expect(refused.code).toBe(2);
      expect((await snapshot(store))).toEqual(before);
      expect((await rfa(['moderate', 'purge', '1', '--yes', '--store', store])).code).toBe(2); // no reason
      expect((await rfa(['moderate', 'purge', '9', '--reason', 'x', '--yes', '--store', store])).code).toBe(3);
      const r = await rfa(['moderate', 'purge', '1', '--reason', 'erasure request', '--yes', '--as', 'alice', '--store', store]);
      expect(r.code).toBe(0);
      expect((await snapshot(store))).not.toMatch(/Jane Doe|jane@example.org|555-1234/);
      expect((await rfaJson(store, ['moderate', 'log']))[0]).toMatchObject({ commentId: 1, action: 'purged', by: 'alice', reason: 'erasure request' });
      expect((await rfa(['moderate', 'approve', '1', '--store', store])).code).toBe(4);
    });
  });

  describe('finding things', () => {
    it('queue --search, --since and --sort', async () => {
      const store = await newStore();
      await rfaJson(store, ['comment', 'add', '--author', 'Min-jun', 'About the Kyodo report']);
      await rfaJson(store, ['comment', 'add', '--author', 'Aiko', 'Kishida should go']);
      const ids = async (...args: string[]) => (await rfa(['moderate', 'queue', '--format', 'ids', ...args, '--store', store])).stdout.trim();
      expect(await ids('--search', 'KYODO')).toBe('1');
      expect(await ids('--search', 'aiko')).toBe('2');
      expect(await ids('--sort', 'newest')).toBe('2 1');
      expect(await ids('--sort', 'newest', '--limit', '1')).toBe('2');
      expect(await ids('--since', '1h')).toBe('1 2');
      expect(await ids('--since', '2999-01-01')).toBe('');
    });

    it('bash completion: commands, options, values from their choices, files, and ids from the store', async () => {
      const store = await newStore();
      await rfaJson(store, ['comment', 'add', '--author', 'Aiko', 'First.']);
      await rfaJson(store, ['comment', 'add', '--author', 'Ken', 'Second.']);
      await rfaJson(store, ['comment', 'add', '--author', 'Lee', 'Third.']);
      await rfa(['moderate', 'reject', '3', '--store', store]);
      const script = (await rfa(['completion', 'bash'])).stdout;
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'export.xml'), '<rss/>');
      fs.mkdirSync(path.join(dir, 'backups'));
      // Bash's own completion machinery on the generated script: what Tab offers after each line.
      const complete = (line: string) => {
        const words = line.split(' ');
        const r = spawnSync(
          'bash',
          ['-c', `${script}\nrfa() { ${quote(process.execPath)} ${quote(BIN)} "$@"; }\nCOMP_WORDS=(${words.map(quote).join(' ')}); COMP_CWORD=${words.length - 1}; _rfa; printf '%s\\n' "\${COMPREPLY[@]}"`],
          { encoding: 'utf8', cwd: dir, env: cleanEnv() },
        );
        expect(r.stderr).toBe('');
        return r.stdout.split('\n').filter(Boolean);
      };
      expect(complete('rfa mod')).toEqual(['moderate']);
      expect(complete('rfa moderate ap')).toEqual(['approve']);
      expect(complete('rfa moderate reject --co')).toEqual(['--code']);
      expect(complete('rfa --store x.json moderate q')).toEqual(['queue']);
      // A command's subcommands, not its options, until a dash is typed.
      expect(complete('rfa moderate ')).toContain('review');
      expect(complete('rfa moderate ')).not.toContain('--help');
      // Values from the option's or the argument's choices.
      expect(complete('rfa moderate reject --code o')).toEqual(['off-topic', 'other']);
      expect(complete('rfa moderate queue --status ')).toEqual(['pending', 'approved', 'rejected', 'all']);
      expect(complete('rfa moderate queue --format c')).toEqual(['csv', 'count']);
      expect(complete('rfa import --from ')).toEqual(['wxr', 'disqus', 'rfa']);
      expect(complete('rfa completion ')).toEqual(['bash', 'zsh']);
      expect(complete('rfa policy set flood-')).toEqual(['flood-max', 'flood-window']);
      expect(complete('rfa help exit')).toEqual(['exit-codes']);
      // Files where a file is taken, folders where a folder is, nothing where free text is.
      expect(complete('rfa import ex')).toEqual(['export.xml']);
      expect(complete('rfa --store ex')).toEqual(['export.xml']);
      expect(complete('rfa backup --dir ')).toEqual(['backups']);
      expect(complete('rfa moderate reject --reason ')).toEqual([]);
      // Ids from the store on the line: the pending ones to decide, any to reopen; articles after --article.
      expect(complete(`rfa --store ${store} moderate approve `)).toEqual(['1', '2']);
      expect(complete(`rfa moderate reject --code spam --store ${store} 1 `)).toEqual(['1', '2']);
      expect(complete(`rfa moderate show --store ${store} `)).toEqual(['1', '2']);
      expect(complete(`rfa moderate reopen --store ${store} `)).toEqual(['1', '2', '3']);
      expect(complete(`rfa moderate queue --store ${store} --article `)).toEqual(['japan-tight-lipped-on-report-of']);
      expect(complete(`rfa article close --store ${store} j`)).toEqual(['japan-tight-lipped-on-report-of']);
      // No store, or a broken one: nothing offered, and nothing printed over the line.
      expect(complete('rfa --store /nonexistent/x.json moderate approve ')).toEqual([]);
    });

    it('zsh completion is native, with a description beside each command and option', async () => {
      const script = (await rfa(['completion', 'zsh'])).stdout;
      expect(script.startsWith('#compdef rfa\n')).toBe(true);
      expect(script).not.toContain('bashcompinit');
      expect(script).toContain("'approve:approve comments (all or nothing: an unknown id changes none)'");
      expect(script).toContain("'--code:the reason as a code a commenter can be told'");
      expect(script).toContain('_describe -t commands command subs');
      // The shared part is shell code bash can read too: check its syntax there.
      expect(spawnSync('bash', ['-n'], { input: script.replace(/^if \[\[.*$/m, ''), encoding: 'utf8' }).stderr).toBe('');
      expect((await rfa(['completion', 'fish'])).code).toBe(2);
    });
  });
});

describe('auto-close on a JSON file store', () => {
  it('auto-close-days closes an article that old', async () => {
    const store = await newStore();
    const data = readStore(store);
    data.articles[0].createdAt = '2020-01-01T00:00:00.000Z';
    fs.writeFileSync(store, JSON.stringify(data));
    expect((await rfa(['comment', 'add', '--author', 'A', 'x', '--store', store])).code).toBe(0);
    await rfa(['policy', 'set', 'auto-close-days', '30', '--store', store]);
    expect((await rfa(['comment', 'add', '--author', 'A', 'y', '--store', store])).code).toBe(4);
    expect((await rfaJson(store, ['article', 'list']))[0].closed).toBe(true);
  });
});
