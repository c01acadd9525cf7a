import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildContent, type Content } from '@/lib/content';
import { loadContent } from '@/lib/content/load';
import { outputFileByPath } from '@/lib/outputs/registry';
import { outputResponse } from '@/lib/outputs/route';
import { planPing, sendPing } from '@/lib/ping';
import { resolveSite } from '@/lib/site';
import rawConfig from '@/site.config';
import { makeContentDir, md } from '../helpers/content';

// npm run ping against a local HTTP server that records what it receives, standing in for a WebSub
// hub and an IndexNow endpoint.

interface Received {
  path: string;
  contentType: string;
  body: string;
}

let server: http.Server;
let base: string;
let received: Received[] = [];
let status = 202;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
  status = 202;
});

const KEY = 'a1b2c3d4e5f60718';
const post = (slug: string, date: string, tag: string) => ({ [`posts/${slug}.md`]: md(`title: ${slug}\ndate: ${date}\ntags: [${tag}]`) });

async function contentOf(files: Record<string, string>): Promise<Content> {
  const config = { ...rawConfig, feeds: { websub: { hub: `${base}/hub` } }, indexNow: { key: KEY, endpoint: `${base}/indexnow` } };
  const site = resolveSite(config, { NODE_ENV: 'production', BUILD_DATE: '2026-01-01T00:00:00Z', CONTENT_DIR: makeContentDir(files) });
  return buildContent(site, await loadContent(site));
}

const hubCalls = () => received.filter((r) => r.path === '/hub');
const indexNowCalls = () => received.filter((r) => r.path === '/indexnow');
const publishedFeeds = () => hubCalls().map((r) => new URLSearchParams(r.body)).map((p) => (expect(p.get('hub.mode')).toBe('publish'), p.get('hub.url')));

describe('npm run ping', () => {
  const first = { ...post('one', '2025-01-01', 'cats'), ...post('two', '2025-02-01', 'dogs') };

  it('the first run publishes every subscription feed to the hub and every page to IndexNow', async () => {
    const content = await contentOf(first);
    const result = await sendPing(content, planPing(content));
    expect(result.errors).toEqual([]);
    const origin = 'https://mdsite.example.com';
    // Site, cats and dogs × RSS, Atom, JSON Feed: one form-encoded publish each.
    expect(publishedFeeds().sort()).toEqual(
      ['', '/tags/cats', '/tags/dogs'].flatMap((dir) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `${origin}${dir}/${f}`)).sort(),
    );
    for (const call of hubCalls()) expect(call.contentType).toBe('application/x-www-form-urlencoded');
    expect(indexNowCalls()).toHaveLength(1);
    expect(indexNowCalls()[0]!.contentType).toBe('application/json; charset=utf-8');
    const body = JSON.parse(indexNowCalls()[0]!.body);
    expect(body).toMatchObject({ host: 'mdsite.example.com', key: KEY, keyLocation: `${origin}/${KEY}.txt` });
    expect(body.urlList.sort()).toEqual(
      ['/', '/posts/one/', '/posts/two/', '/archive/', '/archive/2025/', '/tags/', '/tags/cats/', '/tags/dogs/'].map((p) => `${origin}${p}`).sort(),
    );
  });

  it('a later run sends only what changed: nothing, then the new post, its lists and its feeds', async () => {
    const before = await contentOf(first);
    const state = planPing(before).next;
    const same = await contentOf(first);
    expect(planPing(same, state)).toMatchObject({ feeds: [], pages: [] });
    await sendPing(same, planPing(same, state));
    expect(received).toEqual([]);

    const after = await contentOf({ ...first, ...post('three', '2025-03-01', 'cats') });
    await sendPing(after, planPing(after, state));
    const origin = 'https://mdsite.example.com';
    expect(publishedFeeds().sort()).toEqual(['', '/tags/cats'].flatMap((dir) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `${origin}${dir}/${f}`)).sort());
    expect(JSON.parse(indexNowCalls()[0]!.body).urlList.sort()).toEqual(['/', '/posts/three/', '/archive/', '/archive/2025/', '/tags/', '/tags/cats/'].map((p) => `${origin}${p}`).sort());
  });

  it('a removed post is sent to IndexNow so search engines drop it', async () => {
    const state = planPing(await contentOf(first)).next;
    const plan = planPing(await contentOf(post('one', '2025-01-01', 'cats')), state);
    expect(plan.pages).toContain('https://mdsite.example.com/posts/two/');
    expect(plan.feeds).not.toContain('https://mdsite.example.com/tags/dogs/rss.xml');
  });

  it('reports a hub or endpoint that refuses, so the state is not saved', async () => {
    status = 500;
    const content = await contentOf(first);
    const result = await sendPing(content, planPing(content));
    expect(result.sent).toEqual([]);
    expect(result.errors[0]).toMatch(/^WebSub https:\/\/mdsite\.example\.com\/.*answered 500/);
    expect(result.errors.at(-1)).toMatch(/^IndexNow 8 URLs: .*answered 500/);
  });

  it('publishes the IndexNow key file /<key>.txt, served by the root file route', async () => {
    const content = await contentOf(first);
    const keyFile = outputFileByPath(content).get(`/${KEY}.txt`)!;
    expect(keyFile.row).toMatchObject({ name: 'IndexNow key', route: '/[...file]' });
    const response = await outputResponse(keyFile);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe(KEY);
  });

  it('refuses a hub that is not an http(s) URL and a key IndexNow would not accept, naming the field', () => {
    const resolve = (config: Record<string, unknown>) => () => resolveSite({ ...rawConfig, ...config }, { NODE_ENV: 'production' });
    expect(resolve({ feeds: { websub: { hub: 'ftp://hub.example/' } } })).toThrow(/feeds\.websub\.hub.*WebSub hub/s);
    expect(resolve({ indexNow: { key: 'short' } })).toThrow(/indexNow\.key.*8 to 128/s);
    expect(() => resolveSite(rawConfig, { NODE_ENV: 'production', INDEXNOW_KEY: 'bad key!' })).toThrow(/indexNow\.key/);
  });

  it('the script plans from the content folder and env, and --dry-run sends nothing and keeps no state', () => {
    const dir = makeContentDir(first);
    const state = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-ping-')), 'state.json');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ping.ts', '--dry-run'], {
      env: { ...process.env, CONTENT_DIR: dir, INDEXNOW_KEY: KEY, PING_STATE: state, BUILD_DATE: '2026-01-01T00:00:00Z', NODE_ENV: 'production' },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('9 changed feed(s), 8 changed page(s) (no earlier ping: sending all).');
    expect(run.stdout).toContain('https://mdsite.example.com/posts/two/');
    expect(fs.existsSync(state)).toBe(false);
  }, 60_000);
});
