import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';

// The costly parts of the output check are pure functions of a file's text: the references a
// markdown or HTML file makes, whether XML is well-formed (small results; parsed feed trees would
// hold too much memory at 10,000 posts). They are kept by the
// hash of the text, and `npm run build` saves them with the code's hash for the next build: an
// incremental build still checks every file of the export, but parses only the files that changed.

const results = new Map<string, { value: unknown }>();
const used = new Set<string>();
/** One copy of each string the results hold: most of a page's links (navigation, tags) are on every page. */
const strings = new Map<string, string>();

/** `value` with every string replaced by its one kept copy. Expects a fresh copy (structuredClone). */
function shareStrings<T>(value: T): T {
  if (typeof value === 'string') {
    const known = strings.get(value);
    if (known !== undefined) return known as T;
    strings.set(value, value);
    return value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = shareStrings(value[i]);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = shareStrings(record[key]);
  }
  return value;
}

/**
 * A copy of a parser's result that is safe to keep for the whole check. Strings a parser cuts from a
 * file's text are V8 slices that keep the entire text alive: kept for every page and feed of a
 * 10,000-post export, that was over a gigabyte of file text. The copy's strings are shared with
 * equal ones kept before (the same links are on many pages and in many feeds).
 */
export function detached<T>(value: T): T {
  return shareStrings(structuredClone(value));
}

/** `compute`, remembered by the function's name and its argument's text. */
export function byText<T>(name: string, compute: (text: string) => T): (text: string) => T {
  return (text) => {
    const key = `${name}:${createHash('sha1').update(text).digest('base64url')}`;
    used.add(key);
    let known = results.get(key);
    if (!known) results.set(key, (known = { value: detached(compute(text)) }));
    return known.value as T;
  };
}

interface MemoFile {
  code: string;
  results: [string, { value: unknown }][];
}

/** Starts from what a check of the same code saved; returns how many results that was. */
export function readCheckMemo(file: string, code: string): number {
  try {
    const saved = v8.deserialize(fs.readFileSync(file)) as MemoFile;
    if (saved.code !== code) return 0;
    for (const [key, result] of saved.results) results.set(key, shareStrings(result));
    return saved.results.length;
  } catch {
    return 0; // none yet, or unreadable: compute everything
  }
}

/** Saves the results the last check used (written beside and renamed). */
export function writeCheckMemo(file: string, code: string): void {
  const data: MemoFile = { code, results: [...results].filter(([key]) => used.has(key)) };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, v8.serialize(data));
  fs.renameSync(`${file}.tmp`, file);
}
