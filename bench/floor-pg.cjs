// The floor of a PostgreSQL command: what a small hand-written script costs to
// do the same work. It loads pg, connects, and does it with plain SQL in one
// transaction against rfa's own tables. pg is loaded the way rfa loads it (its
// bundle in dist/ with the V8 code cache, which saves about 40 ms over a plain
// require here), so that the ratio is what rfa adds, not what it saves.
// Usage: node bench/floor-pg.cjs <url> <case> [args...]
//   add <article> <text>          the duplicate check, one insert, the count
//   approve <id> [<id>...]         lock the rows, decide each (a history entry), write them and the counts
//   count                          the pending count
//   queue                          the first 50 pending comments, as JSON
//   show <article>                 the article and its approved comments, as JSON
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const bundled = path.join(__dirname, '..', 'dist', 'pg.cjs');
const { Client } = fs.existsSync(bundled) ? require('../bin/cached-script.js').requireCached(bundled) : require('pg');

const [url, kind, ...args] = process.argv.slice(2);
const now = new Date().toISOString();

async function main() {
  const client = new Client({ connectionString: url });
  await client.connect();
  let out = '';
  await client.query('BEGIN');
  if (kind === 'add') {
    const [article, text] = args;
    const author = 'Floor';
    const dup = await client.query(
      `SELECT 1 FROM rfa_comments WHERE article_id = $1 AND author_key = $2 AND status <> 'rejected' AND data ->> 'body' = $3 LIMIT 1`,
      [article, author.toLowerCase(), text],
    );
    if (dup.rowCount) throw new Error('duplicate');
    const { rows } = await client.query(`SELECT nextval('rfa_comment_id') AS id`);
    const id = Number(rows[0].id);
    const comment = { id, articleId: article, parentId: null, author, email: null, body: text, status: 'pending', createdAt: now, updatedAt: now, history: [{ action: 'submitted', at: now, by: author }] };
    await client.query(`INSERT INTO rfa_comments (id, article_id, status, created_at, author_key, email_key, data) VALUES ($1, $2, 'pending', $3, $4, NULL, $5)`, [id, article, now, author.toLowerCase(), JSON.stringify(comment)]);
    await client.query(`UPDATE rfa_counts SET n = n + 1 WHERE article_id = $1 AND status = 'pending'`, [article]);
    out = `${JSON.stringify({ id, status: 'pending' })}\n`;
  } else if (kind === 'approve') {
    const ids = args.map(Number);
    const { rows } = await client.query('SELECT id, data::text AS data FROM rfa_comments WHERE id = ANY($1) ORDER BY id FOR UPDATE', [ids]);
    const moved = new Map();
    const changed = [];
    for (const row of rows) {
      const c = JSON.parse(row.data);
      if (c.status === 'approved') continue;
      const key = `${c.articleId}\u0000${c.status}`;
      moved.set(key, (moved.get(key) ?? 0) + 1);
      c.status = 'approved';
      c.updatedAt = now;
      c.history.push({ action: 'approved', at: now, by: 'bench' });
      changed.push(c);
    }
    if (changed.length) {
      await client.query(`UPDATE rfa_comments AS c SET status = 'approved', data = v.data::json FROM unnest($1::bigint[], $2::text[]) AS v (id, data) WHERE c.id = v.id`, [changed.map((c) => c.id), changed.map((c) => JSON.stringify(c))]);
      for (const [key, n] of moved) {
        const [article, status] = key.split('\u0000');
        await client.query('UPDATE rfa_counts SET n = n - $3 WHERE article_id = $1 AND status = $2', [article, status, n]);
        await client.query(`INSERT INTO rfa_counts (article_id, status, n) VALUES ($1, 'approved', $2) ON CONFLICT (article_id, status) DO UPDATE SET n = rfa_counts.n + EXCLUDED.n`, [article, n]);
      }
    }
    out = `${JSON.stringify({ approved: changed.map((c) => c.id) })}\n`;
  } else if (kind === 'count') {
    const { rows } = await client.query(`SELECT coalesce(sum(n), 0) AS n FROM rfa_counts WHERE status = 'pending'`);
    out = `${rows[0].n}\n`;
  } else if (kind === 'queue') {
    const { rows } = await client.query(`SELECT data::text AS data FROM rfa_comments WHERE status = 'pending' ORDER BY id LIMIT 50`);
    out = `${JSON.stringify(rows.map((r) => JSON.parse(r.data)), null, 2)}\n`;
  } else if (kind === 'show') {
    const [article] = args;
    const a = await client.query('SELECT data::text AS data FROM rfa_articles WHERE id = $1', [article]);
    const { rows } = await client.query(`SELECT data::text AS data FROM rfa_comments WHERE article_id = $1 AND status = 'approved' ORDER BY id`, [article]);
    out = `${JSON.stringify({ article: JSON.parse(a.rows[0].data), comments: rows.map((r) => JSON.parse(r.data)) }, null, 2)}\n`;
  } else {
    throw new Error(`unknown case ${kind}`);
  }
  await client.query('COMMIT');
  await client.end();
  process.stdout.write(out);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
