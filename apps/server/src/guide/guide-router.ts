/**
 * The user guide at `/guide/`: the repository's docs/*.md rendered to HTML (see markdown.ts) and its
 * images, so the editor's welcome page can link to it. Only names like `editor.md` and
 * `images/x.png` are served; nothing outside the docs folder is reachable.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { escapeHtml, renderMarkdown } from './markdown.js';

const PAGE = /^[\w-]{1,100}\.md$/;
const IMAGE = /^[\w-]{1,100}\.(png|svg|jpg)$/;
const IMAGE_TYPES: Record<string, string> = { png: 'image/png', svg: 'image/svg+xml', jpg: 'image/jpeg' };

/** The repository's docs folder (this file is apps/server/{src,dist}/guide/); undefined in an install without it. */
export function defaultGuideDir(): string | undefined {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'docs');
  return existsSync(dir) ? dir : undefined;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} — Flowbridge guide</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:860px;margin:24px auto;padding:0 16px;color:#1d2330}img{max-width:100%;border:1px solid #d8dde6}
pre{background:#f6f8fa;padding:8px;overflow:auto}code{background:#f2f4f8;padding:0 3px}table{border-collapse:collapse}td,th{border:1px solid #d8dde6;padding:3px 6px;text-align:left}
nav a{margin-right:12px}</style></head><body><nav><a href="/guide/">Guide</a><a href="/">Editor</a></nav>${body}</body></html>`;
}

/** Serves the guide from `dir`. */
export function guideRouter(dir: string): Router {
  const router = Router();
  router.get(['/', '/:name'], async (req, res, next) => {
    const param: unknown = (req.params as Record<string, unknown>).name;
    const name = param === undefined ? 'README.md' : param;
    if (typeof name !== 'string' || !PAGE.test(name)) return next();
    try {
      const markdown = await readFile(join(dir, name), 'utf8');
      const title = /^#\s+(.*)$/m.exec(markdown)?.[1] ?? name;
      res.type('html').set('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'").send(page(title, renderMarkdown(markdown)));
    } catch {
      res.status(404).type('html').send(page('Not found', `<h1>No guide page ${escapeHtml(name)}</h1><p><a href="/guide/">Back to the guide</a></p>`));
    }
  });
  router.get('/images/:name', async (req, res, next) => {
    const name = req.params.name;
    if (!IMAGE.test(name)) return next();
    try {
      res.type(IMAGE_TYPES[name.split('.').pop()!]!).send(await readFile(join(dir, 'images', name)));
    } catch {
      res.status(404).end();
    }
  });
  return router;
}
