import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/app-harness.js';

interface Manifest {
  features: {
    slash_commands: { command: string; should_escape?: boolean }[];
    shortcuts: { callback_id: string; type: string }[];
    app_home?: { home_tab_enabled?: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean; event_subscriptions?: { bot_events?: string[] } };
}

describe('manifest.yml', () => {
  const manifest = parse(readFileSync('manifest.yml', 'utf8')) as Manifest;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('declares exactly the slash commands the app registers, escaped', () => {
    const declared = manifest.features.slash_commands.map((c) => c.command).sort();
    expect(declared).toEqual([...h.app.registered.commands].sort());
    expect(manifest.features.slash_commands.every((c) => c.should_escape === true)).toBe(true);
  });

  it('declares exactly the shortcuts the app registers', () => {
    const declared = manifest.features.shortcuts.map((s) => s.callback_id).sort();
    expect(declared).toEqual([...new Set(h.app.registered.shortcuts)].sort());
    expect(declared).toContain('login_report');
  });

  it('subscribes to exactly the events the app listens to, with App Home on', () => {
    expect([...(manifest.settings.event_subscriptions?.bot_events ?? [])].sort()).toEqual([...h.app.registered.events].sort());
    expect(manifest.features.app_home?.home_tab_enabled).toBe(true);
  });

  it('asks for the scopes the app uses, interactivity, and Socket Mode', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'im:write', 'users:read', 'users:read.email']));
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
