/** Sets the app's native menu from the template of `desktop/menu-template.ts`. */
import { Menu } from 'electron'
import { menuTemplate, type MenuOptions } from '../desktop/menu-template'

export function installAppMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)))
}
