import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInBrowser } from './support/app-in-browser.js';

// A post with a date only (`date: 2013-01-03`) shows that date in the German pattern and edits it without
// inventing a time; a time typed in is written as local time; nothing else in the front matter changes.

const POST = `---\ntitle: Altes Datum\nslug: altes-datum\ndate: 2013-01-03 # nur der Tag\nstatus: draft\n---\n\nText.\n`;
const file = () => path.join(app.kladde.library, 'altes-datum', 'index.md');
const day = () => app.page.locator('#f-date');
const time = () => app.page.getByRole('textbox', { name: 'Uhrzeit' });

const app = useAppInBrowser({
  seed: async (library) => {
    await mkdir(path.join(library, 'altes-datum'));
    await writeFile(file(), POST);
  },
  open: { id: 'altes-datum', title: 'Altes Datum' },
});

describe('the date field', () => {
  it('shows a date-only value as TT.MM.JJJJ with an empty time', async () => {
    expect(await day().inputValue()).toBe('03.01.2013');
    expect(await time().inputValue()).toBe('');
    expect(await app.page.getByTestId('date-long').textContent()).toBe('3. Januar 2013');
  });

  it('changes the day without inventing a time, keeping the comment', async () => {
    await day().fill('4.1.2013');
    await day().blur();
    expect(await day().inputValue()).toBe('04.01.2013');
    await expect.poll(() => readFile(file(), 'utf8'), { timeout: 10_000 }).toBe(POST.replace('date: 2013-01-03', 'date: 2013-01-04'));
  });

  it('adds a time as local time', async () => {
    await time().fill('9:30');
    await time().blur();
    await expect.poll(() => readFile(file(), 'utf8'), { timeout: 10_000 }).toBe(POST.replace('date: 2013-01-03', 'date: 2013-01-04T09:30:00'));
  });

  it('says what is wrong with a date it cannot read, and takes the corrected one', async () => {
    await day().fill('31.02.2013');
    await day().blur();
    expect(await app.page.getByRole('alert').filter({ hasText: 'TT.MM.JJJJ' }).count()).toBe(1);
    expect(await day().getAttribute('aria-invalid')).toBe('true');
    await day().fill('28.02.2013');
    await day().blur();
    expect(await app.page.getByRole('alert').filter({ hasText: 'TT.MM.JJJJ' }).count()).toBe(0);
    await expect.poll(() => readFile(file(), 'utf8'), { timeout: 10_000 }).toBe(POST.replace('date: 2013-01-03', 'date: 2013-02-28T09:30:00'));
  });
});
