import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { settingsSchema, type Settings } from '../../common/model/settings.js';
import { writeFileAtomic } from '../fs/atomic-write.js';

/** App settings as a JSON file in the config folder; a broken file is set aside, never fatal. */
export class SettingsStore {
  private current: Settings | null = null;

  constructor(private readonly file: string) {}

  async get(): Promise<Settings> {
    if (this.current) return this.current;
    let raw: unknown = {};
    try {
      raw = JSON.parse(await readFile(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') await this.setAside();
    }
    const parsed = settingsSchema.safeParse(raw);
    if (!parsed.success) await this.setAside();
    this.current = parsed.success ? parsed.data : settingsSchema.parse({});
    return this.current;
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = settingsSchema.parse({ ...(await this.get()), ...patch });
    this.current = next;
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(next, null, 2) + '\n');
    return next;
  }

  private async setAside(): Promise<void> {
    await rename(this.file, `${this.file}.defekt-${Date.now()}`).catch(() => undefined);
  }
}
