import type { CliLanguage } from './messages.js';

/** The commands `kladde` knows; `help` is the overview. */
export const COMMANDS = ['list', 'check', 'publish', 'import', 'blog'] as const;
export type CommandName = (typeof COMMANDS)[number];

const COMMON_DE = `Für alle Befehle:
  --library DIR   die Bibliothek (sonst die der Einstellungen, sonst ~/Kladde)
  --config DIR    Konfigurationsordner mit Einstellungen, Blogs und Passwörtern
                  (Standard: ~/.config/kladde-web, derselbe wie beim Web-Host)
  --lang de|en    Sprache der Ausgabe (Standard: Deutsch, Englisch wenn die Einstellungen es sagen)
  --json          ein JSON-Dokument auf stdout, sonst nichts (für Skripte)
  -h, --help      diese Hilfe
Rückgabewerte: 0 in Ordnung · 1 Probleme gefunden · 2 Aufruf fehlerhaft · 3 fehlgeschlagen`;

const COMMON_EN = `For every command:
  --library DIR   the library (else the one of the settings, else ~/Kladde)
  --config DIR    config folder with settings, blogs and passwords
                  (default: ~/.config/kladde-web, the same as the web host's)
  --lang de|en    language of the output (default German, English when the settings say so)
  --json          one JSON document on stdout, nothing else (for scripts)
  -h, --help      this help
Exit codes: 0 fine · 1 problems found · 2 wrong command line · 3 failed`;

const SECRETS_DE = `Passwörter: Blogs, die in der Desktop-App eingerichtet wurden, sind hier nicht lesbar – die App verschlüsselt
ihre Passwörter mit dem Schlüsselbund des Betriebssystems (Electron safeStorage), den nur die laufende App öffnen
kann. Die Kommandozeile meldet sich deshalb selbst an: „kladde blog add <adresse> --user NAME“, das Passwort
(am besten ein Anwendungspasswort) kommt über stdin oder die Umgebungsvariable KLADDE_PASSWORD, nie als Argument.
Gespeichert wird es verschlüsselt im Konfigurationsordner, wie beim Web-Host.`;

const SECRETS_EN = `Passwords: blogs set up in the desktop app cannot be read here – the app encrypts their passwords with the
operating system's keychain (Electron safeStorage), which only the running app can open. So the command line
signs in on its own: “kladde blog add <address> --user NAME”, with the password (best an application password)
on stdin or in the environment variable KLADDE_PASSWORD, never as an argument. It is stored encrypted in the
config folder, as the web host stores it.`;

const HELP: Record<CliLanguage, Record<CommandName | 'overview', string>> = {
  de: {
    overview: `kladde – Kladde von der Kommandozeile

  kladde list                         die Beiträge der Bibliothek
  kladde check [BEITRAG …]            Bildnachweise, fehlende Bilder, Rechtschreibung, Front Matter prüfen
  kladde publish BEITRAG --blog NAME  einen Beitrag veröffentlichen
  kladde import DATEI.xml|BLOG        Beiträge aus einem WordPress-Export oder einem Blog holen
  kladde blog add|list|remove         Blogs der Kommandozeile einrichten

„kladde BEFEHL --help“ erklärt jeden Befehl.

${COMMON_DE}`,
    list: `kladde list [--library DIR] [--json]

Zeigt jeden Beitrag der Bibliothek: Titel, Status, Datum, Ordner und die Blogs, in denen er veröffentlicht ist.
Beiträge, die sich nicht lesen lassen, stehen mit dem Grund dabei.

${COMMON_DE}`,
    check: `kladde check [BEITRAG …] [--library DIR] [--no-spelling] [--json]

Prüft die genannten Beiträge (Ordnername oder Pfad zum Ordner) oder alle: Bildnachweise und Alternativtexte,
fehlende Bilddateien, kaputtes Front Matter und die Rechtschreibung (Hunspell, in der Sprache des Beitrags,
mit dem persönlichen Wörterbuch der Bibliothek). Jedes Problem steht mit Datei:Zeile da.
Rückgabewert 1, sobald ein Problem gefunden ist.

  --no-spelling   ohne Rechtschreibprüfung

${COMMON_DE}`,
    publish: `kladde publish BEITRAG --blog NAME [--overwrite | --online-copy] [--library DIR] [--config DIR] [--json]

Veröffentlicht den gespeicherten Beitrag über denselben Weg wie die App (Prüfung, Postausgang, Bilder einmal
per Inhalts-Hash) und wartet auf die Antwort des Blogs. NAME ist die ID, der Name oder die Adresse des Blogs.
Wurde der Beitrag inzwischen online geändert, wird nichts gesendet (Rückgabewert 1):
  --overwrite     die Online-Fassung überschreiben
  --online-copy   die Online-Fassung als Kopie in die Bibliothek laden (als Markdown, mit Bildnachweisen)
Ist der Blog nicht erreichbar, wartet der Auftrag im Postausgang der Bibliothek (Rückgabewert 3).

${SECRETS_DE}

${COMMON_DE}`,
    import: `kladde import DATEI.xml|BLOG --library DIR [--all | --post ID …] [--pages] [--no-images]
              [--overwrite-local ID …] [--json]

Holt Beiträge als Markdown in die Bibliothek: aus einem WordPress-Export (WXR-Datei) oder aus einem
eingerichteten Blog (NAME wie bei publish). Eine Zeile je Beitrag; Strg+C bricht sauber ab.
  --all                  alle Beiträge des Blogs (bei einer Exportdatei immer alle)
  --post ID              nur diesen Beitrag (ID im Blog; mehrfach möglich)
  --pages                auch Seiten
  --no-images            Bilder nicht herunterladen, sie zeigen weiter auf den Blog
  --overwrite-local ID   auch diesen Beitrag überschreiben, obwohl er lokal geändert wurde (mehrfach möglich)

${COMMON_DE}`,
    blog: `kladde blog add ADRESSE --user NAME [--kind ART]   Blog einrichten und anmelden
kladde blog list                                  eingerichtete Blogs
kladde blog remove NAME                           Blog samt Passwort entfernen

--kind wählt die Schnittstelle selbst (wordpress, wordpress-com, wordpress-xmlrpc, metaweblog, micropub); sonst findet
Kladde sie wie die App (WordPress.com über XML-RPC, andere Blogs über die REST-API, XML-RPC wenn sie gesperrt ist).

${SECRETS_DE}

${COMMON_DE}`,
  },
  en: {
    overview: `kladde – Kladde from the command line

  kladde list                         the posts of the library
  kladde check [POST …]               check credits, missing images, spelling, front matter
  kladde publish POST --blog NAME     publish a post
  kladde import FILE.xml|BLOG         fetch posts from a WordPress export or a blog
  kladde blog add|list|remove         set up the command line's blogs

“kladde COMMAND --help” explains each command.

${COMMON_EN}`,
    list: `kladde list [--library DIR] [--json]

Shows every post of the library: title, status, date, folder and the blogs it is published to. Posts that
cannot be read are listed with the reason.

${COMMON_EN}`,
    check: `kladde check [POST …] [--library DIR] [--no-spelling] [--json]

Checks the named posts (folder name or path to the folder) or all of them: credits and alt texts, missing image
files, broken front matter and spelling (Hunspell, in the post's language, with the library's personal
dictionary). Each problem comes with file:line. Exit code 1 as soon as a problem is found.

  --no-spelling   skip spell checking

${COMMON_EN}`,
    publish: `kladde publish POST --blog NAME [--overwrite | --online-copy] [--library DIR] [--config DIR] [--json]

Publishes the saved post the same way the app does (checks, outbox, images once by content hash) and waits for
the blog's answer. NAME is the blog's id, name or address. When the post was changed online meanwhile, nothing
is sent (exit code 1):
  --overwrite     overwrite the online version
  --online-copy   load the online version into the library as a copy (as Markdown, with credits)
When the blog cannot be reached, the job waits in the library's outbox (exit code 3).

${SECRETS_EN}

${COMMON_EN}`,
    import: `kladde import FILE.xml|BLOG --library DIR [--all | --post ID …] [--pages] [--no-images]
              [--overwrite-local ID …] [--json]

Fetches posts into the library as Markdown: from a WordPress export (WXR file) or from a blog set up here (NAME
as for publish). One line per post; Ctrl+C cancels cleanly.
  --all                  all posts of the blog (an export file always gives all)
  --post ID              only this post (its id on the blog; repeatable)
  --pages                pages too
  --no-images            do not download images; they keep pointing to the blog
  --overwrite-local ID   overwrite this post even though it was changed locally (repeatable)

${COMMON_EN}`,
    blog: `kladde blog add ADDRESS --user NAME [--kind KIND]   set up a blog and sign in
kladde blog list                                   blogs set up
kladde blog remove NAME                            remove a blog with its password

--kind chooses the interface (wordpress, wordpress-com, wordpress-xmlrpc, metaweblog, micropub); otherwise Kladde finds it
as the app does (WordPress.com over XML-RPC, other blogs over the REST API, XML-RPC when that is blocked).

${SECRETS_EN}

${COMMON_EN}`,
  },
};

export function helpText(lang: CliLanguage, command: CommandName | 'overview'): string {
  return HELP[lang][command] + '\n';
}
