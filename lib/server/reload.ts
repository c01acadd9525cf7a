import { revalidatePath } from 'next/cache';
import { reloadContent, type Content } from '../content';
import { errorFields, logger } from './log';
import { getStore } from './store';

// Reloads run one after another, in the order they were asked for: the newest webhook's reload is the
// last to finish, so its content wins over an older reload that happened to be slower. On globalThis
// because every route bundle has its own copy of this module.
const QUEUE = Symbol.for('mdsite.reload-queue');
const slot = globalThis as typeof globalThis & { [QUEUE]?: Promise<unknown> };

/** Runs `reload` once every reload queued before it has settled. */
export function serializedReload<T>(reload: () => Promise<T>): Promise<T> {
  const run = (slot[QUEUE] ?? Promise.resolve()).then(reload, reload);
  slot[QUEUE] = run.catch(() => {});
  return run;
}

/**
 * Reads the content again, revalidates every page and generated file (all derive from the whole
 * content) and, with `announce`, tells the other processes on the same Postgres to do the same.
 * Throws the ContentError of an invalid edit; the previous content then stays live.
 */
export async function reloadAndRevalidate({ announce }: { announce: boolean }): Promise<Content> {
  const content = await serializedReload(async () => {
    const loaded = await reloadContent();
    revalidatePath('/', 'layout');
    return loaded;
  });
  if (announce) {
    try {
      await (await getStore()).announceContentChange?.();
    } catch (error) {
      // This process serves the new content; the others keep theirs until the next announcement.
      logger.error('could not announce the reload to other processes', errorFields(error));
    }
  }
  return content;
}
