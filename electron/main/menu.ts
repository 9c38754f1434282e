import { Menu } from 'electron';
import type { CommandId } from '../common/model/commands.js';
import { menuTemplate } from './menu-template.js';

export { menuTemplate };

export function installMenu(language: 'de' | 'en', send: (command: CommandId) => void): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(language, send)));
}
