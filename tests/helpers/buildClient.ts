import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Builds the client from the current source into `outDir`, so browser tests never run a stale build. */
export async function buildClient(outDir: string): Promise<void> {
  await build({
    configFile: join(repoRoot, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
}
