import type { CheckContext } from './context';

const REFRESH = /<meta http-equiv="refresh" content="0; url=([^"]+)">/;

/** A redirect page sends readers to a page of the export (or another site), and asks not to be indexed. */
export function checkRedirectPage(ctx: CheckContext, file: string): void {
  const html = ctx.read(file);
  const target = REFRESH.exec(html)?.[1]?.replaceAll('&amp;', '&');
  if (!target) return ctx.report(file, 'is a redirect page without a <meta http-equiv="refresh"> target');
  if (!html.includes('<meta name="robots" content="noindex">')) ctx.report(file, 'is a redirect page without noindex');
  if (ctx.scan(file).canonical !== target) ctx.report(file, `redirect page's canonical is not its target ${target}`);
  const landing = ctx.resolve(target, ctx.urlOf(file));
  if (landing.external) return;
  if (!landing.file) ctx.report(file, `redirects to ${target}, which ${landing.problem ?? 'is not in the export'}`);
  else if (!landing.file.endsWith('.html')) ctx.report(file, `redirects to ${target}, a file rather than a page`);
}
