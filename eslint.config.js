// Layering is enforced here, not remembered: each folder may import only what ARCHITECTURE.md allows.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const msg = (why) => `Schichtregel: ${why}`;
/** One file (or file prefix) per publishing target in electron/main/publish. */
const PUBLISH_TARGETS = ['wordpress', 'ghost', 'micropub', 'xmlrpc'];
const SELF_CONTAINED_TARGETS = ['ghost', 'micropub'];

const banNode = nodeBuiltins.map((name) => ({ name, message: msg('kein Node-Modul hier') }));
const banElectron = [{ name: 'electron', message: msg('kein electron hier; Fähigkeiten kommen über Konstruktoren') }];
const banMarked = [{ name: 'marked', message: msg('marked nur in electron/common/markdown (ein Renderer für Vorschau und Veröffentlichung)') }];

/** @param {string[]} groups @param {string} message */
const patterns = (groups, message) => ({ group: groups, message: msg(message) });

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'release/**', 'node_modules/**', 'tests/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: banMarked }],
    },
  },
  {
    files: ['electron/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...banNode, ...banElectron, ...banMarked],
          patterns: [
            patterns(['**/main/**', '**/renderer/**', '**/preload/**', '**/web/**', '../../main/*', '../../web/*'], 'common ist rein: kein main, renderer, preload oder web'),
            patterns(['react', 'react-dom', 'dompurify', '@codemirror/*'], 'common ist rein: keine DOM-Bibliotheken'),
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'fetch', 'process', 'Buffer', 'require'],
    },
  },
  {
    // The same as electron/common, except that marked is allowed here (and only here).
    files: ['electron/common/markdown/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...banNode, ...banElectron],
          patterns: [
            patterns(['**/main/**', '**/renderer/**', '**/preload/**', '**/web/**'], 'common ist rein'),
            patterns(['react', 'react-dom', 'dompurify', '@codemirror/*'], 'common ist rein: keine DOM-Bibliotheken'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/index.ts', 'electron/main/window.ts', 'electron/main/menu.ts', 'electron/main/ipc/register.ts', 'electron/main/app-protocol.ts', 'electron/main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...banElectron, ...banMarked],
          patterns: [patterns(['**/renderer/**', '**/preload/**', '**/web/**'], 'main importiert weder renderer noch preload noch web')],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: msg('fetch nur im HTTP-Helfer von main') }],
    },
  },
  // Publisher targets stand side by side behind one interface: none imports another (ARCHITECTURE.md).
  ...PUBLISH_TARGETS.map((target) => ({
    // Ghost and Micropub live in folders of their own; xmlrpc/ is WordPress's XML-RPC and shares WordPress's REST helpers.
    files: [`electron/main/publish/${target}*.ts`, ...(SELF_CONTAINED_TARGETS.includes(target) ? [`electron/main/publish/${target}/**/*.ts`] : [])],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...banElectron, ...banMarked],
          patterns: [
            patterns(['**/renderer/**', '**/preload/**', '**/web/**'], 'main importiert weder renderer noch preload noch web'),
            patterns(
              PUBLISH_TARGETS.filter((other) => other !== target).flatMap((other) => [`./${other}*`, `../${other}*`]),
              'ein Veröffentlichungsziel importiert kein anderes; Gemeinsames gehört ins Publisher-Interface oder den HTTP-Helfer',
            ),
          ],
        },
      ],
    },
  })),
  {
    files: ['electron/main/index.ts', 'electron/main/window.ts', 'electron/main/menu.ts', 'electron/main/menu-template.ts', 'electron/main/ipc/register.ts', 'electron/main/app-protocol.ts', 'electron/main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: banMarked, patterns: [patterns(['**/renderer/**', '**/preload/**', '**/web/**'], 'main importiert weder renderer noch preload noch web')] },
      ],
    },
  },
  {
    files: ['electron/main/http/**/*.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|\\.\\./common/ipc/channels(\\.js)?$).*',
              allowTypeImports: true,
              message: msg('der Preload importiert nur electron und die Kanalliste'),
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [...banElectron, ...banMarked], patterns: [patterns(['**/renderer/**', '**/preload/**'], 'web nutzt nur common und die Dienste von main')] },
      ],
    },
  },
  {
    // The command line: main's services in plain Node, like the web host — never electron, never the renderer.
    files: ['electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [...banElectron, ...banMarked], patterns: [patterns(['**/renderer/**', '**/preload/**', '**/web/**'], 'die Kommandozeile nutzt nur common und die Dienste von main')] },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: msg('fetch nur im HTTP-Helfer von main') }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...banNode, ...banElectron, ...banMarked],
          patterns: [patterns(['**/electron/main/**', '**/electron/preload/**', '**/electron/web/**'], 'der Renderer spricht nur über lib/api.ts mit main')],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='window'][property.name='kladde']", message: msg('window.kladde nur in renderer/lib/api.ts') },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: msg('fetch nur in renderer/lib/api.ts') }],
    },
  },
  {
    files: ['renderer/lib/api.ts'],
    rules: { 'no-restricted-syntax': 'off', 'no-restricted-globals': 'off' },
  },
  {
    files: ['renderer/editor/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...banNode, ...banElectron, ...banMarked],
          patterns: [
            patterns(['react', 'react-dom', 'react/*', '**/components/**'], 'Editor-Erweiterungen kennen kein React'),
            patterns(['**/electron/main/**', '**/electron/preload/**', '**/electron/web/**'], 'der Renderer spricht nur über lib/api.ts mit main'),
          ],
        },
      ],
    },
  },
);
