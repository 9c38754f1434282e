import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tinyPng } from '../images/tiny-images.js';

export const POST_ID = 'hafen-im-januar';

/** A post with a credited featured image (not in the body) and a credited figure in the body. */
export const POST_TEXT = `---
title: Hafen im Januar
date: 2013-01-03
lang: de
image: hafen.png
images:
  hafen.png:
    alt: Der Hafen am Abend
    author: Rike
    source: pixelio.de
    license: pixelio
  bilder/boot mit segel.png:
    alt: Ein Boot
    caption: Das Boot im Hafen
    author: Max Muster
    source: pixelio.de
    license: pixelio
---
Ein Text über den **Hafen** im Januar.

![Ein Boot](bilder/boot%20mit%20segel.png)

Ende des Beitrags.
`;

export const HAFEN_PNG = tinyPng(40, 30, [20, 90, 160]);
export const BOOT_PNG = tinyPng(24, 16, [200, 120, 30]);

/** Writes the post and its two images into the library. */
export async function seedExportPost(library: string): Promise<void> {
  const dir = path.join(library, POST_ID);
  await mkdir(path.join(dir, 'bilder'), { recursive: true });
  await writeFile(path.join(dir, 'index.md'), POST_TEXT);
  await writeFile(path.join(dir, 'hafen.png'), HAFEN_PNG);
  await writeFile(path.join(dir, 'bilder', 'boot mit segel.png'), BOOT_PNG);
}
