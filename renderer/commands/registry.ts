import { COMMAND_SPECS, type CommandId, type CommandSpec } from '../../electron/common/model/commands';
import type { MessageKey } from '../i18n/de';
import { matchesShortcut, parseShortcut, type KeyLike, type Shortcut } from './shortcut';

export type { CommandId };

/** What a command does, given by the workspace: whether it can run now, and running it. */
export interface CommandHandler {
  /** Whether the command can run now (a post is open, …); absent means always. Read when shown or run. */
  available?: () => boolean;
  run: () => unknown;
}

/** Every command needs a handler: a command added to model/commands.ts without one is a compile error. */
export type CommandHandlers = Record<CommandId, CommandHandler>;

/** One user command as the palette, the menu routing and the key handler see it. */
export interface AppCommand {
  id: CommandId;
  /** The label's key in renderer/i18n: `command.<id>`. */
  label: MessageKey;
  shortcut: Shortcut | null;
  /** The accelerator as written in model/commands.ts (`CmdOrCtrl+Shift+P`), or null. */
  accelerator: string | null;
  /** `editor`: CodeMirror's keymap owns the key; the app's key handler leaves it alone. */
  keyOwner: 'app' | 'editor';
  /** Listed in the palette (all but the palette's own command and About). */
  inPalette: boolean;
  available: () => boolean;
  run: () => unknown;
}

const always = () => true;

export function labelKey(id: CommandId): MessageKey {
  return `command.${id}`;
}

/**
 * The app's commands: the specs of model/commands.ts (id, menu, shortcut) joined with the workspace's handlers.
 * Read-only once made; the workspace makes a new one when its handlers change.
 */
export class CommandRegistry {
  private readonly commands: readonly AppCommand[];
  private readonly byId: ReadonlyMap<CommandId, AppCommand>;

  constructor(handlers: CommandHandlers, specs: readonly CommandSpec[] = COMMAND_SPECS) {
    this.commands = specs.map((spec) => {
      const id = spec.id as CommandId;
      const handler = handlers[id];
      return {
        id,
        label: labelKey(id),
        shortcut: spec.shortcut ? parseShortcut(spec.shortcut) : null,
        accelerator: spec.shortcut ?? null,
        keyOwner: spec.keyOwner ?? 'app',
        inPalette: !spec.paletteHidden,
        available: handler.available ?? always,
        run: handler.run,
      };
    });
    this.byId = new Map(this.commands.map((c) => [c.id, c]));
  }

  /** Every command, in menu order. */
  all(): readonly AppCommand[] {
    return this.commands;
  }

  /** The palette's commands, in menu order. */
  palette(): AppCommand[] {
    return this.commands.filter((c) => c.inPalette);
  }

  get(id: CommandId): AppCommand | undefined {
    return this.byId.get(id);
  }

  /** Runs a command if it is available now; false when it is not (nothing happens then). */
  run(id: CommandId): boolean {
    const command = this.byId.get(id);
    if (!command || !command.available()) return false;
    void command.run();
    return true;
  }

  /** The app-owned command whose shortcut this key event is, if any. */
  forKey(event: KeyLike): AppCommand | null {
    for (const c of this.commands) {
      if (c.keyOwner === 'app' && c.shortcut && matchesShortcut(event, c.shortcut)) return c;
    }
    return null;
  }
}
