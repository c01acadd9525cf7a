import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';

// Splits a content file into its frontmatter and body and parses the frontmatter once, keeping
// where each key sits so that every error can name file:line:column. Three formats, told apart by
// the first line as Hugo does: `---` YAML, `+++` TOML (Hugo, Zola), `{` JSON (Hugo).

export type FrontmatterFormat = 'yaml' | 'toml' | 'json';

export interface Position {
  /** 1-based line in the file. */
  line: number;
  /** 1-based column. */
  column: number;
}

export interface Frontmatter {
  format: FrontmatterFormat;
  data: Record<string, unknown>;
  /** The markdown after the frontmatter, as written. */
  body: string;
  /** Lines before the body, to turn a body line into a file line. */
  bodyLineOffset: number;
  /** Where a key (or a nested key such as `["taxonomies", "tags"]`) is written in the file. */
  locate(path: readonly PropertyKey[]): Position | undefined;
}

export type FrontmatterResult =
  | { ok: true; frontmatter: Frontmatter }
  | { ok: false; error: { message: string } & Partial<Position> };

const FENCES = { yaml: '---', toml: '+++' } as const;

/** Reads the frontmatter of a content file. Never throws. */
export function readFrontmatter(fileText: string): FrontmatterResult {
  const text = fileText.charCodeAt(0) === 0xfeff ? fileText.slice(1) : fileText;
  const firstLine = text.slice(0, lineEnd(text, 0)).trimEnd();
  const format: FrontmatterFormat | undefined =
    firstLine === FENCES.yaml ? 'yaml' : firstLine === FENCES.toml ? 'toml' : text.startsWith('{') ? 'json' : undefined;
  if (!format) {
    return {
      ok: false,
      error: { line: 1, column: 1, message: 'has no frontmatter: start the file with a "---" block (YAML) holding at least a title, or "+++" (TOML) or a JSON object' },
    };
  }

  // `raw` starts at the end of the opening line (its leading newline keeps the parser's line
  // numbers equal to the file's); for JSON the opening brace is part of it.
  let raw: string;
  let bodyStart: number;
  if (format === 'json') {
    const end = jsonObjectEnd(text);
    if (end === undefined) return { ok: false, error: { line: 1, column: 1, message: 'JSON frontmatter never closes: end the object with a "}" before the body' } };
    raw = text.slice(0, end);
    bodyStart = Math.min(text.length, lineEnd(text, end) + 1);
  } else {
    const fence = FENCES[format];
    const close = closingFence(text, fence);
    if (close === undefined) {
      return { ok: false, error: { line: 1, column: 1, message: `frontmatter never closes: add a "${fence}" line after it, before the body` } };
    }
    raw = text.slice(lineEnd(text, 0), close);
    bodyStart = Math.min(text.length, lineEnd(text, close) + 1);
  }
  const body = text.slice(bodyStart);
  const bodyLineOffset = countLines(text, bodyStart);

  const parsed = format === 'toml' ? parseTomlBlock(raw) : parseYamlBlock(raw, format);
  if ('error' in parsed) return { ok: false, error: parsed.error };
  const { data, locate } = parsed;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, error: { line: 2, column: 1, message: 'frontmatter must be key: value pairs (a map), not a single value or a list' } };
  }
  return { ok: true, frontmatter: { format, data: data as Record<string, unknown>, body, bodyLineOffset, locate } };
}

type Parsed = { data: unknown; locate: Frontmatter['locate'] } | { error: { message: string } & Partial<Position> };

/**
 * YAML with the core schema, which has no timestamp type: dates stay strings and the loader reads
 * them in the site's time zone. JSON goes through the same parser with the JSON schema, which
 * accepts exactly JSON's values, so both keep their positions.
 */
function parseYamlBlock(raw: string, format: 'yaml' | 'json'): Parsed {
  const lineCounter = new LineCounter();
  const doc = parseDocument(raw, { lineCounter, schema: format === 'json' ? 'json' : 'core', prettyErrors: false });
  const [first] = doc.errors;
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    const reason = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const hint = format === 'json' ? 'Check the commas and quotes' : 'Check the indentation and quote values that contain ": "';
    return { error: { line: pos.line, column: pos.col, message: `malformed ${format.toUpperCase()} frontmatter: ${reason}. ${hint}` } };
  }
  const locate = (path: readonly PropertyKey[]): Position | undefined => {
    let node: unknown = doc.contents;
    let range: [number, number, number] | undefined;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
        range = (pair?.key as Node | undefined)?.range ?? undefined;
        node = pair?.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        range = (node as Node | undefined)?.range ?? undefined;
      } else {
        break;
      }
      if (!range) break;
    }
    if (!range) return undefined;
    const pos = lineCounter.linePos(range[0]);
    return { line: pos.line, column: pos.col };
  };
  return { data: doc.toJS() ?? {}, locate };
}

function parseTomlBlock(raw: string): Parsed {
  let data: Record<string, unknown>;
  try {
    data = parseToml(raw);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const reason = error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
    return { error: { line: error.line, column: error.column, message: `malformed TOML frontmatter: ${reason}. Check the quotes, brackets and "key = value" lines` } };
  }
  return { data: plainToml(data), locate: (path) => locateTomlKey(raw, path) };
}

/** TOML dates become the strings the YAML path gives (`2024-05-01`, `2024-05-01T10:00:00+02:00`). */
function plainToml(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString().replace(/\.000(?=Z|[+-]|$)/, '');
  if (Array.isArray(value)) return value.map(plainToml);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainToml(v)]));
  return value;
}

/**
 * Where a key is written in a TOML block. The parser keeps no positions, so this reads the lines:
 * a top-level key before the first `[table]`, or a key under its `[table]` header, or a dotted key.
 */
function locateTomlKey(raw: string, path: readonly PropertyKey[]): Position | undefined {
  const keys = path.filter((k): k is string => typeof k === 'string');
  if (!keys.length) return undefined;
  const quoted = (k: string) => `(?:${escapeRegExp(k)}|"${escapeRegExp(k)}"|'${escapeRegExp(k)}')`;
  const candidates = [[], ...keys.slice(0, -1).map((_, i) => keys.slice(0, i + 1))].reverse();
  const lines = raw.split('\n');
  for (const table of candidates) {
    const rest = keys.slice(table.length);
    const keyLine = new RegExp(`^(\\s*)${rest.map(quoted).join('\\s*\\.\\s*')}\\s*=`);
    let current: string[] = [];
    for (const [index, line] of lines.entries()) {
      const header = /^\s*\[+\s*([^\]]+?)\s*\]+/.exec(line);
      if (header) {
        current = header[1]!.split('.').map((part) => part.trim().replace(/^["']|["']$/g, ''));
        continue;
      }
      const match = keyLine.exec(line);
      if (match && current.join('.') === table.join('.')) return { line: index + 1, column: match[1]!.length + 1 };
    }
  }
  return undefined;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

function countLines(text: string, end: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Start of the line that closes the block: the fence alone on its line (trailing spaces allowed). */
function closingFence(text: string, fence: string): number | undefined {
  for (let start = lineEnd(text, 0) + 1; start < text.length; start = lineEnd(text, start) + 1) {
    if (text.slice(start, lineEnd(text, start)).trimEnd() === fence) return start;
  }
  return undefined;
}

/** Index just after the `}` that closes the JSON object the text starts with. */
function jsonObjectEnd(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}
