import type { TestProject } from 'vitest/node';
import { ensureSystemTools } from './system-tools';

/**
 * Global setup of each test project: the system programs its tests drive are there (installed if
 * need be), or the run stops here with the message alone. Thrown, vitest would print it after a
 * misleading "No test files found".
 */
export default function setup(project: TestProject): void {
  try {
    ensureSystemTools(project.name);
  } catch (error) {
    process.stderr.write(`\n${(error as Error).message}\n\n`);
    process.exit(1);
  }
}
