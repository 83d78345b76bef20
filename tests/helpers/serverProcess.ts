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

/** How a process that was expected not to start ended, and all it wrote on stderr. */
export interface RefusedStart {
  /** The exit code, or the signal that ended it. */
  exit: string;
  stderr: string;
}

/**
 * Runs `server/main.ts` like `spawnServer` for a start that should be refused,
 * and resolves once the process has ended. Should it start listening instead,
 * it is killed and the promise rejects.
 */
export function spawnRefusedServer(dataDir: string): Promise<RefusedStart> {
  const child = launch(join(repoRoot, 'server', 'main.ts'), { PORT: '0', DUET_DATA_DIR: dataDir, DUET_LOG_LEVEL: 'error' });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let listening = false;
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      if (listening || !/running at /.test(stdout)) return;
      listening = true;
      child.kill('SIGKILL');
    });
    // 'close' rather than 'exit': stderr has then been read to its end.
    child.once('close', (code, signal) => {
      if (listening) reject(new Error(`the server started instead of refusing: ${stdout}`));
      else resolve({ exit: signal ?? String(code), stderr });
    });
  });
}

function launch(file: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Runs a TypeScript file with tsx and resolves once it prints
 * "running at http://…" on stdout, with the URL it printed.
 */
export function spawnScript(file: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = launch(file, env);
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

/** Runs a script (`scripts/backup.ts`) with tsx to its end, as `npm run` would; resolves with how it ended and what it wrote. */
export function runScript(file: string, args: readonly string[], env: Record<string, string> = {}): Promise<{ exit: string; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, file), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ exit: signal ?? String(code), stdout, stderr })));
}
