import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../main/fs/atomic-write.js';

/**
 * The web host's address across restarts: its access token and last port, kept in its config folder, so a tab
 * left open keeps working after `npm run web` is started again. The token is a local access token for this
 * machine's browser (no blog secret); the file is readable by its owner only.
 */
export const IDENTITY_FILE = 'web-host.json';

const identitySchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  port: z.number().int().min(1).max(65535).nullable(),
});
export type WebIdentity = z.infer<typeof identitySchema>;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored token and port; a new token (and no port) when there is none or the file is unreadable. */
export async function loadIdentity(configDir: string): Promise<WebIdentity> {
  const file = path.join(configDir, IDENTITY_FILE);
  try {
    const parsed = identitySchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) {
      await chmod(file, 0o600).catch(() => undefined);
      return parsed.data;
    }
  } catch {
    /* missing or broken: start afresh below */
  }
  const fresh = { token: newToken(), port: null };
  await saveIdentity(configDir, fresh);
  return fresh;
}

export async function saveIdentity(configDir: string, identity: WebIdentity): Promise<void> {
  await mkdir(configDir, { recursive: true });
  const file = path.join(configDir, IDENTITY_FILE);
  // Created private first: the atomic write keeps the mode of the file it replaces.
  await writeFile(file, '', { mode: 0o600, flag: 'wx' }).catch(() => undefined);
  await chmod(file, 0o600);
  await writeFileAtomic(file, JSON.stringify(identity));
}
