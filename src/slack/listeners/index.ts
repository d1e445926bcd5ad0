import type { App } from '@slack/bolt';
import type { SlackServices } from '../services.js';
import { registerCommands } from './commands.js';
import { registerHome } from './home.js';
import { registerReport } from './report.js';

/** What was wired to Bolt; the manifest test checks manifest.yml declares exactly these. */
export interface Registered {
  commands: string[];
  shortcuts: string[];
  events: string[];
}

export function registerListeners(app: App, s: SlackServices): Registered {
  const registered: Registered = { commands: [], shortcuts: [], events: [] };
  const recorded = recordRegistrations(app, registered);
  registerCommands(recorded, s);
  registerReport(recorded, s);
  registerHome(recorded, s);
  return registered;
}

/** Passes every call through to Bolt, noting the ids given to app.command, app.shortcut and app.event. */
function recordRegistrations(app: App, registered: Registered): App {
  return new Proxy(app, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'command' || property === 'shortcut' || property === 'event') {
        const list = property === 'command' ? registered.commands : property === 'shortcut' ? registered.shortcuts : registered.events;
        return (id: unknown, ...rest: unknown[]) => {
          list.push(typeof id === 'string' ? id : String((id as { callback_id?: string }).callback_id ?? id));
          return (value as (...args: unknown[]) => unknown).call(target, id, ...rest);
        };
      }
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
}
