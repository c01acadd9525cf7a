// npm run ping: after deploying the export, notify the WebSub hub (feeds.websub.hub) of the feeds
// that changed and IndexNow (indexNow.key) of the pages that changed since the last run.
//   --all      send every feed and page, ignoring what was sent before
//   --dry-run  print what would be sent, send nothing, keep the state
// The state is kept in PING_STATE (default .cache/ping-state.json), written only when every call succeeded.
import fs from 'node:fs';
import path from 'node:path';
import { buildContent, ContentError } from '@/lib/content';
import { loadContent } from '@/lib/content/load';
import { planPing, sendPing, type PingState } from '@/lib/ping';
import { ConfigError, getSite } from '@/lib/site';

const args = new Set(process.argv.slice(2));
const statePath = path.resolve(process.env.PING_STATE || '.cache/ping-state.json');

async function main(): Promise<number> {
  const site = getSite();
  if (!site.feeds.websub.hub && !site.indexNow.key) {
    console.log('Nothing to ping: set feeds.websub.hub or indexNow.key (or INDEXNOW_KEY) in site.config.ts.');
    return 0;
  }
  const content = buildContent(site, await loadContent(site));
  const previous = !args.has('--all') && fs.existsSync(statePath) ? (JSON.parse(fs.readFileSync(statePath, 'utf8')) as PingState) : undefined;
  const plan = planPing(content, previous);
  console.log(`${plan.feeds.length} changed feed(s), ${plan.pages.length} changed page(s)${previous ? '' : ' (no earlier ping: sending all)'}.`);
  if (args.has('--dry-run')) {
    for (const url of [...plan.feeds, ...plan.pages]) console.log(`  ${url}`);
    return 0;
  }
  const result = await sendPing(content, plan);
  for (const line of result.sent) console.log(`✓ ${line}`);
  for (const line of result.errors) console.error(`✖ ${line}`);
  if (result.errors.length) {
    console.error(`State not saved: the next run sends these changes again.`);
    return 1;
  }
  fs.mkdirSync(path.dirname(statePath), { recursive: true });
  fs.writeFileSync(statePath, `${JSON.stringify(plan.next, null, 2)}\n`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof ContentError || error instanceof ConfigError) {
    console.error(`✖ ${error.message}`);
    process.exitCode = 1;
  } else throw error;
}
