/**
 * `npm run bench`: every benchmark, written to docs/benchmarks.md with the
 * machine it ran on. Absolute numbers move with the machine's other load;
 * compare the ratios between servers measured in the same run.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { runCommentsBench } from './commentsBench.js';
import { runOfflineMergeBench } from './offlineMergeBench.js';
import { runOfflineOpenBench } from './offlineOpenBench.js';
import { runPhotoUploadBench } from './photoUploadBench.js';
import { runRelayBench } from './relayBench.js';
import { runWorstUpdateBench } from './worstUpdateBench.js';

const cpu = cpus();
const machine = `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
const sections = [await runRelayBench(), await runOfflineMergeBench(), await runOfflineOpenBench(), await runCommentsBench(), await runWorstUpdateBench(), await runPhotoUploadBench()];
const report = `# Benchmarks

Written by \`npm run bench\` (tests/bench/run.ts) on ${new Date().toISOString().slice(0, 10)}.

Machine: ${machine}. This machine is shared and noisy, so compare the servers by the ratios of one run,
not by the absolute numbers across runs. Each server runs in its own process, driven from the
benchmark process.

${sections.join('\n')}`;
writeFileSync(join(import.meta.dirname, '..', '..', 'docs', 'benchmarks.md'), report);
process.stdout.write(`\n${report}`);
// Done: third-party clients used above (Hocuspocus's provider, awareness timers of documents a
// benchmark did not destroy) can keep the event loop alive, and a benchmark must not hang CI or a shell.
process.exit(0);
