import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: REPO });

/** The layering rules: a message from any of them means the import or global is refused. */
const LAYERING = new Set(['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals']);

async function layeringMessages(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  if (!result) throw new Error(`ESLint gave no result for ${file}`);
  // A file ESLint ignores would "pass" every case: that must not happen here.
  expect(result.messages.filter((m) => /ignored/i.test(m.message)), `${file} is linted`).toEqual([]);
  expect(result.messages.filter((m) => m.fatal), `${file} parses`).toEqual([]);
  return result.messages.filter((m) => m.ruleId !== null && LAYERING.has(m.ruleId));
}

// [importing file, code] pairs that must be refused.
const forbidden: [string, string][] = [
  ['electron/common/x.ts', "import fs from 'node:fs';\nexport const a = fs;"],
  ['electron/common/x.ts', "import fs from 'fs';\nexport const a = fs;"],
  ['electron/common/x.ts', "import { readFile } from 'node:fs/promises';\nexport const a = readFile;"],
  ['electron/common/x.ts', "import { app } from 'electron';\nexport const a = app;"],
  ['electron/common/x.ts', "import { marked } from 'marked';\nexport const a = marked;"],
  ['electron/common/x.ts', "import { PostStore } from '../main/posts/post-store.js';\nexport const a = PostStore;"],
  ['electron/common/model/x.ts', "import { WebHost } from '../../web/web-host.js';\nexport const a = WebHost;"],
  ['electron/common/x.ts', "import React from 'react';\nexport const a = React;"],
  ['electron/common/x.ts', "import DOMPurify from 'dompurify';\nexport const a = DOMPurify;"],
  ['electron/common/x.ts', "import { EditorView } from '@codemirror/view';\nexport const a = EditorView;"],
  ['electron/common/x.ts', 'export const a = window.location;'],
  ['electron/common/x.ts', "export const a = () => fetch('https://example.org');"],
  ['electron/common/x.ts', "export const a = process.env['HOME'];"],
  ['electron/common/x.ts', "export const a = Buffer.from('x');"],
  ['electron/common/markdown/x.ts', "import fs from 'node:fs';\nexport const a = fs;"],
  ['electron/common/markdown/x.ts', "import { app } from 'electron';\nexport const a = app;"],
  ['electron/common/markdown/x.ts', "import DOMPurify from 'dompurify';\nexport const a = DOMPurify;"],
  ['electron/common/markdown/x.ts', "import { PostStore } from '../../main/posts/post-store.js';\nexport const a = PostStore;"],
  ['electron/common/markdown/x.ts', 'export const a = document.title;'],
  ['renderer/components/X.tsx', "import { PostStore } from '../../electron/main/posts/post-store.js';\nexport const a = PostStore;"],
  ['renderer/components/X.tsx', "import { WebHost } from '../../electron/web/web-host.js';\nexport const a = WebHost;"],
  ['renderer/components/X.tsx', "import '../../electron/preload/index.js';"],
  ['renderer/components/X.tsx', "import path from 'node:path';\nexport const a = path;"],
  ['renderer/components/X.tsx', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;"],
  ['renderer/components/X.tsx', "import { marked } from 'marked';\nexport const a = marked;"],
  ['renderer/components/X.tsx', 'export const a = () => window.kladde.listPosts();'],
  ['renderer/hooks/useX.ts', "export const a = () => fetch('/api/listPosts');"],
  ['renderer/x.ts', "import { marked } from 'marked';\nexport const a = marked;"],
  ['renderer/editor/x.ts', "import React from 'react';\nexport const a = React;"],
  ['renderer/editor/x.ts', "import { useState } from 'react';\nexport const a = useState;"],
  ['renderer/editor/x.ts', "import { Sidebar } from '../components/Sidebar.js';\nexport const a = Sidebar;"],
  ['renderer/editor/x.ts', "import { marked } from 'marked';\nexport const a = marked;"],
  ['renderer/editor/x.ts', "import { PostStore } from '../../electron/main/posts/post-store.js';\nexport const a = PostStore;"],
  ['electron/main/posts/x.ts', "import { app } from 'electron';\nexport const a = app;"],
  ['electron/main/posts/x.ts', "import { shell } from 'electron';\nexport const a = shell;"],
  ['electron/main/services.ts', "import { app } from 'electron';\nexport const a = app;"],
  ['electron/main/posts/x.ts', "import { marked } from 'marked';\nexport const a = marked;"],
  ['electron/main/posts/x.ts', "import { App } from '../../../renderer/App.js';\nexport const a = App;"],
  ['electron/main/posts/x.ts', "import { WebHost } from '../../web/web-host.js';\nexport const a = WebHost;"],
  ['electron/main/posts/x.ts', "export const a = () => fetch('https://example.org');"],
  ['electron/main/window.ts', "import { App } from '../../renderer/App.js';\nexport const a = App;"],
  ['electron/preload/x.ts', "import fs from 'node:fs';\nexport const a = fs;"],
  ['electron/preload/x.ts', "import { contract } from '../common/ipc/contract.js';\nexport const a = contract;"],
  ['electron/preload/x.ts', "import { PostStore } from '../main/posts/post-store.js';\nexport const a = PostStore;"],
  ['electron/web/x.ts', "import { app } from 'electron';\nexport const a = app;"],
  ['electron/web/x.ts', "import { App } from '../../renderer/App.js';\nexport const a = App;"],
  ['tests/unit/x.test.ts', "import { marked } from 'marked';\nexport const a = marked;"],
  ['electron/cli/x.ts', "import { app } from 'electron';\nexport const a = app;"],
  ['electron/cli/commands/x.ts', "import { App } from '../../../renderer/App.js';\nexport const a = App;"],
  ['electron/cli/x.ts', "import { WebHost } from '../web/web-host.js';\nexport const a = WebHost;"],
  ['electron/cli/x.ts', "export const a = () => fetch('https://example.org');"],
  ['electron/main/publish/ghost.ts', "import { WordPressPublisher } from './wordpress.js';\nexport const a = WordPressPublisher;"],
  ['electron/main/publish/wordpress.ts', "import { x } from './micropub-api.js';\nexport const a = x;"],
  ['electron/main/publish/ghost.ts', "import { app } from 'electron';\nexport const a = app;"],
];

// Imports the architecture allows, which the rules must let through.
const allowed: [string, string][] = [
  ['electron/common/x.ts', "import { z } from 'zod';\nimport { parseDocument } from 'yaml';\nexport const a = [z, parseDocument];"],
  ['electron/common/text/x.ts', "import { splitFrontMatter } from '../markdown/front-matter.js';\nexport const a = splitFrontMatter;"],
  ['electron/common/markdown/x.ts', "import { Marked } from 'marked';\nexport const a = Marked;"],
  ['electron/main/posts/x.ts', "import { readFile } from 'node:fs/promises';\nimport { watch } from 'chokidar';\nimport { KladdeError } from '../../common/result.js';\nexport const a = [readFile, watch, KladdeError];"],
  ['electron/main/window.ts', "import { BrowserWindow, shell } from 'electron';\nexport const a = [BrowserWindow, shell];"],
  ['electron/main/ipc/register.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;"],
  ['electron/main/http/x.ts', "export const a = () => fetch('https://example.org');"],
  ['electron/main/publish/ghost.ts', "import type { Publisher } from './publisher.js';\nimport { HttpClient } from '../http/http-client.js';\nexport const a = HttpClient;\nexport type P = Publisher;"],
  ['electron/main/publish/wordpress.ts', "import { wpDate } from './wordpress-api.js';\nexport const a = wpDate;"],
  ['electron/preload/x.ts', "import { contextBridge, ipcRenderer } from 'electron';\nimport { CHANNELS } from '../common/ipc/channels.js';\nimport type { KladdeApi } from '../common/ipc/contract.js';\nexport const a: [unknown, unknown, unknown, KladdeApi | null] = [contextBridge, ipcRenderer, CHANNELS, null];"],
  ['electron/web/x.ts', "import { createServer } from 'node:http';\nimport { Services } from '../main/services.js';\nexport const a = [createServer, Services];"],
  ['electron/cli/commands/x.ts', "import { parseArgs } from 'node:util';\nimport { PostStore } from '../../main/posts/post-store.js';\nexport const a = [parseArgs, PostStore];"],
  ['renderer/components/X.tsx', "import { useState } from 'react';\nimport { api } from '../lib/api.js';\nimport { renderBlock } from '../../electron/common/markdown/render.js';\nimport type { PostSummary } from '../../electron/common/model/post.js';\nexport const a: [unknown, unknown, unknown, PostSummary | null] = [useState, api, renderBlock, null];"],
  ['renderer/lib/api.ts', "export const a = () => window.kladde.listPosts();\nexport const b = () => fetch('/api/listPosts');"],
  ['renderer/editor/x.ts', "import { EditorView } from '@codemirror/view';\nimport { slugify } from '../../electron/common/text/slug.js';\nexport const a = [EditorView, slugify];"],
  ['tests/unit/x.test.ts', "import fs from 'node:fs';\nimport { PostStore } from '../../electron/main/posts/post-store.js';\nexport const a = [fs, PostStore];"],
];

describe('layering rules', () => {
  it.each(forbidden)('refuses in %s: %s', async (file, code) => {
    const messages = await layeringMessages(file, code);
    expect(messages.length, `${file}: ${code}`).toBeGreaterThan(0);
    for (const m of messages) expect(m.severity).toBe(2);
  });

  it.each(allowed)('allows in %s: %s', async (file, code) => {
    expect(await layeringMessages(file, code)).toEqual([]);
  });

  it('names the layering rule in its message', async () => {
    const [message] = await layeringMessages('electron/common/x.ts', "import { app } from 'electron';\nexport const a = app;");
    expect(message?.message).toMatch(/Schichtregel/);
  });
});
