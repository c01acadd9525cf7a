import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { typeCheckFailure } from '@/scripts/type-check';

// A two-file Next.js app in a temporary folder, using this project's node_modules.
const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsite-type-check-'));
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(projectDir, file)), { recursive: true });
  fs.writeFileSync(path.join(projectDir, file), text);
};
fs.symlinkSync(path.resolve(import.meta.dirname, '../../node_modules'), path.join(projectDir, 'node_modules'));
write('tsconfig.json', JSON.stringify({
  compilerOptions: { target: 'ES2022', lib: ['dom', 'ES2023'], strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', jsx: 'react-jsx', skipLibCheck: true, isolatedModules: true },
  include: ['**/*.ts', '**/*.tsx', '.next/types/**/*.ts', '.next/dev/types/**/*.ts'],
  exclude: ['node_modules'],
}));
// The project's own check configuration, as it is.
fs.copyFileSync(path.resolve(import.meta.dirname, '../../tsconfig.check.json'), path.join(projectDir, 'tsconfig.check.json'));
write('app/layout.tsx', 'export default function Layout({ children }: { children: React.ReactNode }) {\n  return <html><body>{children}</body></html>;\n}\n');
write('app/page.tsx', "import { greeting } from '../lib/greeting';\n\nexport default function Page() {\n  return <p>{greeting}</p>;\n}\n");

afterAll(() => fs.rmSync(projectDir, { recursive: true, force: true }));

describe('the type check npm run build runs before next build', () => {
  it('passes a project without type errors', async () => {
    write('lib/greeting.ts', "export const greeting: string = 'hello';\n");
    expect(await typeCheckFailure(projectDir)).toBeUndefined();
  }, 120_000);

  it('fails on a type error and names the file, line and problem', async () => {
    write('lib/greeting.ts', 'export const greeting: string = 42;\n');
    const failure = await typeCheckFailure(projectDir);
    expect(failure).toContain('lib/greeting.ts(1,14)');
    expect(failure).toContain("Type 'number' is not assignable to type 'string'");
  }, 120_000);

  it('is not failed by the route types a dev server left for a route that is gone', async () => {
    write('lib/greeting.ts', "export const greeting: string = 'hello';\n");
    write('.next/dev/types/validator.ts', "import type * as Gone from '../../../app/removed/route.js';\nexport type Checked = typeof Gone;\n");
    expect(await typeCheckFailure(projectDir)).toBeUndefined();
  }, 120_000);
});
