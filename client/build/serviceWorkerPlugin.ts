import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Plugin, transformWithOxc } from 'vite';
import { ICON_BACKGROUND, iconPng, iconSvg } from './appIcon.js';

const SW_SOURCE = fileURLToPath(new URL('../sw/serviceWorker.ts', import.meta.url));
const PLACEHOLDER = 'DUET_SW_MANIFEST';

/** Files the plugin adds to the build besides sw.js; all are precached. */
const ICONS = [
  { fileName: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', source: () => iconSvg() },
  { fileName: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', source: () => iconPng(192) },
  { fileName: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', source: () => iconPng(512) },
];

function webManifest(): string {
  return JSON.stringify(
    {
      name: 'Duet',
      short_name: 'Duet',
      description: 'A journal you write together.',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: ICON_BACKGROUND,
      theme_color: ICON_BACKGROUND,
      // The mark sits inside the maskable safe zone, so one set of images serves both purposes.
      icons: ICONS.flatMap(({ fileName, sizes, type }) => [
        { src: `/${fileName}`, sizes, type, purpose: 'any' },
        ...(type === 'image/png' ? [{ src: `/${fileName}`, sizes, type, purpose: 'maskable' }] : []),
      ]),
    },
    null,
    2,
  );
}

/**
 * Makes the built client installable and usable offline: emits the web app
 * manifest, the icons, and /sw.js with the list of every built file (source
 * maps aside) and a version hash of their contents. Build only: in development
 * no service worker is registered, so nothing is cached while you edit.
 */
export function serviceWorkerPlugin(): Plugin {
  return {
    name: 'duet:service-worker',
    apply: 'build',
    // After Vite's own plugins, so index.html is already in the bundle.
    enforce: 'post',
    // Tells the client to register /sw.js. Not `import.meta.env.PROD`: that is
    // false when a build runs under NODE_ENV=test (the browser tests build the
    // client inside vitest), and those tests need the worker too.
    config: () => ({ define: { 'import.meta.env.DUET_SERVICE_WORKER': 'true' } }),
    async generateBundle(_options, bundle) {
      const added = new Map<string, string | Uint8Array>([
        ...ICONS.map(({ fileName, source }) => [fileName, source()] as const),
        ['manifest.webmanifest', webManifest()],
      ]);
      for (const [fileName, source] of added) this.emitFile({ type: 'asset', fileName, source });

      const files = [...new Set([...Object.keys(bundle), ...added.keys()])].filter((name) => !name.endsWith('.map') && name !== 'sw.js').sort();
      if (!files.includes('index.html')) this.error('index.html is not in the bundle; the service worker would have no page to fall back to');

      const hash = createHash('sha256');
      for (const name of files) {
        const output = bundle[name];
        hash.update(name);
        if (output?.type === 'chunk') hash.update(output.code);
        else if (output?.type === 'asset') hash.update(output.source);
        else hash.update(added.get(name) ?? '');
      }
      const manifest = { version: hash.digest('hex').slice(0, 16), files };

      const { code } = await transformWithOxc(readFileSync(SW_SOURCE, 'utf8'), SW_SOURCE);
      // A module with only type exports still ends with `export {}` after
      // stripping types; the worker is registered as a classic script.
      const script = code.replace(/^export \{\};?\s*$/m, '');
      if (/^\s*(import|export)\b/m.test(script)) this.error('sw/serviceWorker.ts must not import or export anything');
      const uses = script.split(PLACEHOLDER).length - 1;
      if (uses !== 1) this.error(`expected one ${PLACEHOLDER} in the service worker, found ${uses}`);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: script.replace(PLACEHOLDER, JSON.stringify(manifest)) });
    },
  };
}
