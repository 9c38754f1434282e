import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { settingsSchema, type Settings } from '../../common/model/settings.js';
import { writeFileAtomic } from '../fs/atomic-write.js';

/**
 * App settings as a JSON file in the config folder. A broken file is set aside (kept for the user), never
 * fatal: what can still be read of it is kept, the rest falls back to the defaults. Changes are applied one
 * after the other, so concurrent updates (the window's bounds, a toggle in the renderer) never lose each other.
 */
export class SettingsStore {
  private loading: Promise<Settings> | null = null;
  /** The last queued change; the next one starts when it has been written. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  get(): Promise<Settings> {
    this.loading ??= this.load();
    return this.loading;
  }

  /** Applies a change; keys whose value is `undefined` are left as they are. */
  update(patch: Partial<Settings>): Promise<Settings> {
    const run = this.queue.then(async () => {
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const next = settingsSchema.parse({ ...(await this.get()), ...defined });
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, JSON.stringify(next, null, 2) + '\n');
      this.loading = Promise.resolve(next);
      return next;
    });
    // A failed change must not block the ones after it.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<Settings> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return settingsSchema.parse({});
      await this.setAside();
      return settingsSchema.parse({});
    }
    const parsed = settingsSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    await this.setAside();
    return salvage(raw);
  }

  private async setAside(): Promise<void> {
    await rename(this.file, `${this.file}.defekt-${Date.now()}`).catch(() => undefined);
  }
}

/** The settings of a file that does not validate as a whole: every valid value kept, the others defaulted. */
function salvage(raw: unknown): Settings {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return settingsSchema.parse({});
  const kept: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(settingsSchema.shape)) {
    const value = (raw as Record<string, unknown>)[key];
    if (value !== undefined && schema.safeParse(value).success) kept[key] = value;
  }
  return settingsSchema.parse(kept);
}
