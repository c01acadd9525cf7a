import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// A card render thread loads only what drawing a card needs. Through one value import of cards.ts it
// used to load the whole content pipeline (unified, shiki, zod…): 0.7 s instead of 0.4 s to start
// each thread, and more memory per thread for the whole pre-render.

const ROOT = path.resolve(__dirname, '../..');

/** Project files a module imports at run time (type-only imports and packages left out). */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers.flatMap((specifier) => {
    const base = specifier.startsWith('@/') ? path.join(ROOT, specifier.slice(2)) : specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : undefined;
    const found = base && ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((f) => fs.existsSync(f));
    return found ? [found] : [];
  });
}

function moduleGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    runtimeImports(file).forEach(visit);
  };
  visit(entry);
  return new Set([...seen].map((f) => path.relative(ROOT, f)));
}

describe('Open Graph render thread', () => {
  it('imports the renderer, fonts and cache, and nothing of the content pipeline', () => {
    const graph = moduleGraph(path.join(ROOT, 'lib/og/render-worker.ts'));
    expect(graph).toContain('lib/og/render.ts');
    expect([...graph].filter((f) => !f.startsWith('lib/og/'))).toEqual([]);
  });

  it('sees through type-only imports but not through mixed ones', () => {
    // cards.ts imports the content pipeline at run time; the walk must notice it.
    expect([...moduleGraph(path.join(ROOT, 'lib/og/cards.ts'))].some((f) => f.startsWith('lib/content/'))).toBe(true);
  });
});
