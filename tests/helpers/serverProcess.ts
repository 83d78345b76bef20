import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  wsUrl: string;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<string>;
}

/** Runs `server/main.ts` as its own process on a free port, as `npm start` would. */
export function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  return spawnScript(join(repoRoot, 'server', 'main.ts'), { PORT: '0', DUET_DATA_DIR: dataDir, DUET_LOG_LEVEL: 'error', ...env });
}

/**
 * Runs a TypeScript file with tsx and resolves once it prints
 * "running at http://…" on stdout, with the URL it printed.
 */
export function spawnScript(file: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /running at (http:\/\/\S+)/.exec(stdout);
      if (match) resolve({ child, url: match[1], wsUrl: `${match[1].replace(/^http/, 'ws')}/collab`, exited });
    });
    void exited.then((how) => reject(new Error(`${file} exited (${how}) before listening:\n${stderr}`)));
  });
}
