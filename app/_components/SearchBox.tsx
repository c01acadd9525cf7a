'use client';

import { useId, useRef, useState } from 'react';
import type { SearchIndex } from '@/lib/outputs/api';

type Row = SearchIndex['entries'][number];

const MAX_RESULTS = 8;

/** Rows whose title, description or tags contain every word of the query, title hits first. */
export function searchRows(rows: Row[], query: string): Row[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const scored = rows.flatMap((row) => {
    const title = row.title.toLocaleLowerCase();
    const text = `${title} ${row.description.toLocaleLowerCase()} ${row.tags.join(' ').toLocaleLowerCase()}`;
    if (!words.every((w) => text.includes(w))) return [];
    return [{ row, score: words.filter((w) => title.includes(w)).length }];
  });
  return scored.sort((a, b) => b.score - a.score).slice(0, MAX_RESULTS).map((s) => s.row);
}

/** Search over /search.json, loaded on first use; `indexUrl` carries the base path. */
export function SearchBox({ indexUrl }: { indexUrl: string }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<Row[] | null>(null);
  const [failed, setFailed] = useState(false);
  const loading = useRef(false);

  const load = () => {
    if (loading.current) return;
    loading.current = true;
    fetch(indexUrl)
      .then((r) => (r.ok ? (r.json() as Promise<SearchIndex>) : Promise.reject(new Error(String(r.status)))))
      .then((index) => setRows(index.entries))
      .catch(() => setFailed(true));
  };

  const results = rows ? searchRows(rows, query) : [];
  return (
    <div role="search" className="search">
      <label htmlFor={id} className="sr-only">Search</label>
      <input id={id} type="search" placeholder="Search" value={query} onFocus={load} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      {query.trim() && (
        <div className="search-results" aria-live="polite">
          {failed ? <p>Search is unavailable.</p> : !rows ? <p>Loading…</p> : results.length === 0 ? <p>No matches.</p> : (
            <ul>
              {results.map((row) => (
                <li key={row.url}>
                  <a href={row.url}>{row.title}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
