import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface FileWatch {
  close(): void;
}

/**
 * Calls `onChange` once a burst of changes to `path` has settled for
 * `debounceMs`. It watches the directory, not the file: editors and
 * `npm run compose` replace a file by renaming a new one over it, which
 * ends a watch on the old file's inode.
 */
export function watchFile(
  path: string,
  options: { debounceMs: number; onChange: () => void },
): FileWatch {
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  // Not persistent: a forgotten watch must not keep the process alive.
  const watcher = watch(dirname(path), { persistent: false }, (_event, changed) => {
    if (changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(options.onChange, options.debounceMs);
  });
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
