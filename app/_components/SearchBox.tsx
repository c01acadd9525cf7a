'use client';

import { useId, useRef, useState, type FormEvent } from 'react';
import { excerptParts, matchesQuery, type ExcerptPart } from '@/lib/search/excerpt';

const MAX_RESULTS = 8;
const DEBOUNCE_MS = 100;

/** The part of Pagefind's browser API (pagefind.js) the box uses. */
interface Pagefind {
  options(options: { excerptLength?: number }): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(term: string, options?: object, ms?: number): Promise<{ results: { data(): Promise<PagefindResult> }[] } | null>;
}
interface PagefindResult {
  url: string;
  excerpt: string;
  meta: { title?: string };
}

interface Result {
  url: string;
  title: string;
  excerpt: ExcerptPart[];
}

/**
 * Loads the bundle's script at run time (it is no module of this app) and sets it up. Result URLs
 * get the folder above the bundle as their prefix, which is the base path.
 */
async function loadPagefind(bundleUrl: string): Promise<Pagefind> {
  const pagefind = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ `${bundleUrl}pagefind.js`)) as Pagefind;
  await pagefind.options({ excerptLength: 18 });
  await pagefind.init();
  return pagefind;
}

/**
 * Full-text search over the Pagefind index the build writes to `/pagefind/`; the script, the engine
 * and the index chunks a query needs load on first use. Without JavaScript the form leads to the
 * archive. `bundleUrl` and `archiveUrl` carry the base path.
 */
export function SearchBox({ bundleUrl, archiveUrl }: { bundleUrl: string; archiveUrl: string }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; results: Result[] } | null>(null);
  const [failed, setFailed] = useState(false);
  const engine = useRef<Promise<Pagefind> | null>(null);
  const latest = useRef('');

  const load = () => {
    if (!engine.current) {
      engine.current = loadPagefind(bundleUrl);
      engine.current.catch(() => setFailed(true));
    }
    return engine.current;
  };

  const search = async (value: string) => {
    setQuery(value);
    latest.current = value;
    if (!value.trim()) return;
    try {
      const answer = await (await load()).debouncedSearch(value, {}, DEBOUNCE_MS);
      if (!answer || latest.current !== value) return; // a newer query is on its way
      const data = await Promise.all(answer.results.slice(0, MAX_RESULTS).map((r) => r.data()));
      if (latest.current !== value) return;
      const results = data.map((d) => ({ url: d.url, title: d.meta.title ?? d.url, excerpt: excerptParts(d.excerpt) }));
      setFound({ query: value, results: results.filter((r) => matchesQuery(value, r.excerpt)) });
    } catch {
      setFailed(true);
    }
  };

  // Enter opens the first result; before the script runs, the form goes to the archive instead.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = found?.query === query ? found.results[0] : undefined;
    if (first) window.location.assign(first.url);
  };

  const current = found && (found.query === query || found.results.length > 0) ? found : null;
  return (
    <form role="search" className="search" action={archiveUrl} onSubmit={submit}>
      <label htmlFor={id} className="sr-only">Search</label>
      <input id={id} type="search" placeholder="Search" value={query} onFocus={() => void load()} onChange={(e) => void search(e.target.value)} autoComplete="off" />
      {query.trim() && (
        <div className="search-results" aria-live="polite">
          {failed ? <p>Search is unavailable.</p> : !current ? <p>Loading…</p> : current.results.length === 0 ? <p>No matches.</p> : (
            <ul>
              {current.results.map((result) => (
                <li key={result.url}>
                  <a href={result.url}>{result.title}</a>
                  <span className="search-excerpt">
                    {result.excerpt.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
