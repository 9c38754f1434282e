/** The post a new library starts with: it shows, in German, what Kladde can do. */
export function welcomePost(date: string): string {
  return `---
title: Willkommen in Kladde
slug: willkommen-in-kladde
date: ${date}
status: draft
categories:
  - Kladde
tags:
  - Erste Schritte
excerpt: Ein kurzer Rundgang durch deinen neuen Blog-Editor.
lang: de
image: kladde-am-abend.jpg
images:
  kladde-am-abend.jpg:
    alt: Ein aufgeschlagenes Notizbuch vor einer hügeligen Abendlandschaft
    caption: Die Kladde am Abend
    author: Kladde
    license: own
---

Schön, dass du da bist! Kladde ist dein Notizbuch für Blogbeiträge: Du schreibst in **Markdown**,
siehst rechts sofort, wie der Beitrag aussehen wird, und alles liegt als ganz normale Datei auf deinem
Rechner – auch ohne Internet.

![Ein aufgeschlagenes Notizbuch vor einer hügeligen Abendlandschaft](kladde-am-abend.jpg)

## So ist Kladde aufgebaut

- **Links** die Bibliothek: Jeder Beitrag ist ein Ordner mit einer Datei \`index.md\` und seinen Bildern.
- **Oben** die Felder des Beitrags: Titel, Slug, Datum, Status, Kategorien, Schlagwörter und Auszug.
- **In der Mitte** der Editor, **rechts** die Vorschau. Die Linie dazwischen kannst du verschieben.
- **Unten** die Statusleiste mit Wörtern, Zeichen, Lesezeit und dem Speicherstand.

## Schreiben wie gewohnt

Kladde speichert von selbst, etwa eine Sekunde nach deinem letzten Tastendruck. Ändert ein anderes
Programm die Datei, während du schreibst, fragt Kladde nach, statt etwas zu überschreiben.

## Bilder mit Bildnachweis

Ziehe ein Bild in den Editor oder füge es mit Strg+V ein: Kladde legt es in den Ordner des Beitrags und öffnet den
Reiter „Bilder“. Dort wählst du die Lizenz – etwa pixelio, Pixabay, Unsplash, Creative Commons oder dein eigenes
Foto – und Kladde setzt den Bildnachweis unter das Bild, so wie oben. Solange ein Nachweis fehlt, sagt dir das die
Statusleiste, und veröffentlicht wird erst, wenn alles stimmt.

| Kürzel | Wirkung |
| --- | --- |
| Strg+B | **fett** |
| Strg+I | *kursiv* |
| Strg+K | [Link](https://de.wikipedia.org/wiki/Markdown) |
| Strg+1 bis Strg+3 | Überschriften |
| Strg+F | Suchen und Ersetzen |

> Gute Texte entstehen beim Überarbeiten. Die Kladde ist der Ort dafür.

Ein Stück Code sieht so aus:

\`\`\`js
console.log('Hallo, Welt!');
\`\`\`

Viel Freude beim Schreiben! ✍️
`;
}
