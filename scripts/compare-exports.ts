// npm run compare-exports -- <a> <b>: are two exports the same site? Compares every file outside
// _next/ byte for byte after masking what changes with any rebuild of the code: the build id and the
// content hashes in the names of Next.js's scripts and styles. Prints each difference; exits 1 on any.
import fs from 'node:fs';
import path from 'node:path';

function listFiles(root: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(root, prefix), { withFileTypes: true }).flatMap((d) => {
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    if (rel === '_next') return [];
    return d.isDirectory() ? listFiles(root, rel) : [rel];
  });
}

/** The build id: the one folder in _next/static that is not chunks or media. */
function buildId(root: string): string | undefined {
  const dir = path.join(root, '_next/static');
  if (!fs.existsSync(dir)) return undefined;
  return fs.readdirSync(dir).find((name) => !['chunks', 'media', 'css'].includes(name));
}

function masked(root: string, file: string, id: string | undefined): Buffer | string {
  const bytes = fs.readFileSync(path.join(root, file));
  if (!/\.(html|txt|json|js|css|xml|md|webmanifest)$/.test(file) && !file.startsWith('.well-known/')) return bytes;
  let text = bytes.toString('utf8');
  if (id) text = text.replaceAll(id, '[build-id]');
  return text.replace(/(_next\/static\/(?:chunks|media|css)\/)[^"'\s),\\]+/g, '$1[asset]');
}

export function compareExports(a: string, b: string): string[] {
  const differences: string[] = [];
  const filesA = new Set(listFiles(a));
  const filesB = new Set(listFiles(b));
  for (const file of filesA) if (!filesB.has(file)) differences.push(`only in ${a}: ${file}`);
  for (const file of filesB) if (!filesA.has(file)) differences.push(`only in ${b}: ${file}`);
  const [idA, idB] = [buildId(a), buildId(b)];
  for (const file of [...filesA].filter((f) => filesB.has(f)).sort()) {
    const [x, y] = [masked(a, file, idA), masked(b, file, idB)];
    const same = typeof x === 'string' && typeof y === 'string' ? x === y : Buffer.compare(Buffer.from(x), Buffer.from(y)) === 0;
    if (!same) differences.push(`differs: ${file}`);
  }
  return differences;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [a, b] = process.argv.slice(2);
  if (!a || !b) {
    console.error('usage: npm run compare-exports -- <export folder> <export folder>');
    process.exit(2);
  }
  const differences = compareExports(path.resolve(a), path.resolve(b));
  for (const line of differences) console.log(line);
  console.log(differences.length ? `✖ ${differences.length} difference(s)` : `✓ ${listFiles(a).length} files outside _next/ are the same`);
  process.exit(differences.length ? 1 : 0);
}
