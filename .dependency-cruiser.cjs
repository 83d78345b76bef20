// Who may import whom: the layering README's Architecture section describes, checked
// by `npm run check` (and so by `npm test`). Paths are relative to the repository root.
// A rule here sees imports; code that reaches the browser through globals (window,
// localStorage) is caught by `no-restricted-globals` in eslint.config.js.

/** Folders of the client that render or route: the sync engine must not need any of them. */
const CLIENT_UI = '^client/src/(ui|toast|collab|journal|entry|editor|comments|auth|invite|routing|session|offline)/|^client/src/(App|main)\\.tsx$';

/** Packages that need a browser page or React to mean anything. */
const REACT_AND_DOM_PACKAGES = '^node_modules/(@types/)?(react|react-dom)/|^node_modules/@tiptap/react/';

/** Sockets, databases and caches: the relay core talks to none of them directly. */
const IO_PACKAGES = '^(node_modules/@types/|node_modules/)?(ws|better-sqlite3|pg|pg-[^/]+|ioredis|redis)(/|$)';

/** Node built-ins that reach files and the network. */
const IO_BUILTINS = '^(node:)?(fs|fs/promises|net|http|https|http2|tls|dgram|child_process)$';

/**
 * Tests under tests/unit and tests/integration that test client code running in Node.
 * The client sync engine's tests are named tests/unit/sync*; the photo upload queue's is photoUploadQueue.test.ts.
 */
const CLIENT_TESTS = '^tests/unit/(sync[^/]*|threadList\\.test\\.ts|authorRanges\\.test\\.ts|photoUploadQueue\\.test\\.ts)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // ---- the relay core (server/relay) ----
    {
      name: 'relay-no-io-packages',
      comment:
        'The relay core takes decoded messages and a send/close interface, so it runs in unit tests without a network and the transport or database can change without touching room logic. ws lives in server/transport, SQLite (and later PostgreSQL, Redis) in server/storage.',
      severity: 'error',
      from: { path: '^server/relay/' },
      to: { path: IO_PACKAGES },
    },
    {
      name: 'relay-no-io-builtins',
      comment: 'The relay core reads no files and opens no sockets: storage and transport are passed in.',
      severity: 'error',
      from: { path: '^server/relay/' },
      to: { dependencyTypes: ['core'], path: IO_BUILTINS },
    },
    {
      name: 'relay-no-http-or-transport',
      comment:
        'The relay core sits below the HTTP API and the WebSocket adapter, which call into it; the reverse would tie rooms to one transport. server/main.ts and createDuetServer.ts wire everything and sit above it too.',
      severity: 'error',
      from: { path: '^server/relay/' },
      to: { path: '^server/(http|transport)/|^server/(main|createDuetServer)\\.ts$' },
    },
    {
      name: 'relay-storage-only-through-DocStore',
      comment:
        'The relay needs from storage only what server/storage/DocStore.ts declares (so any backend, or a test double, can be passed in). It may not reach a backend or the rest of the storage folder.',
      severity: 'error',
      from: { path: '^server/relay/' },
      to: { path: '^server/storage/', pathNot: '^server/storage/DocStore\\.ts$' },
    },
    {
      name: 'relay-DocStore-types-only',
      comment: 'The relay takes a DocStore, it never makes one: `import type` keeps storage code out of its module graph.',
      severity: 'error',
      from: { path: '^server/relay/' },
      to: { path: '^server/storage/DocStore\\.ts$', dependencyTypesNot: ['type-only'] },
    },

    // ---- shared/ ----
    {
      name: 'shared-stands-alone',
      comment: 'shared/ is used by the client, the server and the tests alike; importing any of them would pull one side into the other.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(client|server|tests|scripts)/' },
    },
    {
      name: 'shared-no-node-builtins',
      comment: 'shared/ runs in the browser too, where Node built-ins do not exist.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-no-react-or-dom',
      comment: 'shared/ runs on the server too: the editor schema the server needs is built without React or a page (see README, Architecture).',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: REACT_AND_DOM_PACKAGES },
    },

    // ---- the client sync engine (client/src/sync) ----
    {
      name: 'sync-engine-no-ui',
      comment:
        'The sync engine is built once in main.tsx and handed to React through one context; the UI reads its state, never the other way round. It is tested in Node without a browser.',
      severity: 'error',
      from: { path: '^client/src/sync/' },
      to: { path: CLIENT_UI },
    },
    {
      name: 'sync-engine-no-react',
      comment: 'React hooks and components that show the engine state live with the UI; the engine itself runs in Node tests without React or an editor.',
      severity: 'error',
      from: { path: '^client/src/sync/' },
      to: { path: `${REACT_AND_DOM_PACKAGES}|^node_modules/@tiptap/` },
    },

    // ---- client and server ----
    {
      name: 'client-not-server',
      comment: 'The client talks to the server over HTTP and the WebSocket only; what both need lives in shared/.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^server/' },
    },
    {
      name: 'server-not-client',
      comment: 'The server must not depend on browser code; what both need lives in shared/.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^client/' },
    },

    // ---- tests ----
    {
      name: 'server-tests-not-client',
      comment:
        'Tests of the server state what the server does, not how today\'s client does it, so a client refactor cannot break them; a document helper both need belongs in shared/. ' +
        'Tests of client code that runs in Node are listed in CLIENT_TESTS; browser (tests/e2e) and benchmark tests drive the whole app and may use anything.',
      severity: 'error',
      from: {
        path: '^tests/(unit|integration)/',
        pathNot: CLIENT_TESTS,
      },
      to: { path: '^client/' },
    },
    {
      name: 'sync-engine-tests-only-engine-and-relay',
      comment: 'The sync engine is tested against the real relay and a DocStore double, with no UI and no server wiring around them.',
      severity: 'error',
      from: { path: '^tests/unit/sync[^/]*$' },
      to: { path: '^client/|^server/', pathNot: '^client/src/sync/|^server/relay/|^server/storage/DocStore\\.ts$' },
    },

    // ---- cycles ----
    {
      name: 'no-circular-server-or-shared',
      comment: 'A cycle makes load order matter and stops a layer from being read, tested or replaced on its own.',
      severity: 'error',
      from: { path: '^(server|shared)/' },
      to: { circular: true },
    },
    {
      name: 'no-circular-client',
      comment: 'A cycle makes load order matter and stops a module from being read, tested or replaced on its own.',
      severity: 'error',
      from: { path: '^client/' },
      to: { circular: true },
    },

    // The client's folders import in one direction (README, Architecture):
    //   sync <- local <- api;  routing and toast import no other folder;
    //   <- collab (React hooks on the engine) <- session <- offline <- ui (the page frame and its parts)
    //   <- features: comments <- editor (the entry editor, with comments) <- journal <- entry, and auth <- invite
    //   <- App.tsx, main.tsx.
    {
      name: 'no-circular-client-folders',
      comment:
        'A loop between folders (collab imports session imports collab) means no folder can be understood or tested without the others.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^client/' },
      to: { circular: true },
    },

    // ---- the checker itself ----
    {
      name: 'resolvable',
      comment: 'Every import must resolve: one this checker cannot follow (an alias it does not know) would slip past every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '^(dist|data|tests/\\.artifacts|\\.tmp)/' },
    // `import type` counts: a type-only import still couples two layers' code.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
