import type { Site } from '../site';
import { absoluteUrl } from '../urls';
import { securityTxtPath } from '../paths';

const DAY = 24 * 60 * 60 * 1000;

/** security.txt contacts: the configured ones, else mailto: the author; none means no file. */
export function securityContacts(site: Site): string[] {
  return site.security.contact ?? (site.author.email ? [`mailto:${site.author.email}`] : []);
}

/** /.well-known/security.txt (RFC 9116), with Expires computed from the build time. */
export function renderSecurityTxt(site: Site): string {
  const expires = new Date(site.buildDate.getTime() + site.security.expiresInDays * DAY);
  const languages = site.security.preferredLanguages ?? [site.language];
  return [
    ...securityContacts(site).map((c) => `Contact: ${c}`),
    `Expires: ${expires.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    `Canonical: ${absoluteUrl(site, securityTxtPath())}`,
    // The field holds one or more tags (RFC 9116, 2.5.8): an empty list in the config leaves it out.
    ...(languages.length ? [`Preferred-Languages: ${languages.join(', ')}`] : []),
    ...(site.security.policy ? [`Policy: ${site.security.policy}`] : []),
    '',
  ].join('\n');
}

/** /.well-known/atproto-did: the DID alone, as atproto handle resolution reads it. */
export function renderAtprotoDid(site: Site): string {
  return site.identity.atprotoDid ?? '';
}

/** /.well-known/webfinger: the JRD (RFC 7033) of the one configured identity. */
export function renderWebfinger(site: Site): string {
  const identity = site.identity.webfinger;
  if (!identity) return '';
  return JSON.stringify(
    {
      subject: identity.subject,
      aliases: [identity.profile, ...identity.aliases],
      links: [{ rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: identity.profile }],
    },
    null,
    2,
  );
}
