import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subCommands } from '../../commands/index.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';

interface Manifest {
  features: {
    slash_commands: { command: string; should_escape?: boolean; usage_hint?: string; url?: string }[];
    shortcuts: { callback_id: string; type: string; name: string }[];
    app_home?: { home_tab_enabled?: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
    event_subscriptions?: { bot_events?: string[]; request_url?: string };
  };
}

const load = (file: string) => parse(readFileSync(file, 'utf8')) as Manifest;
const socket = load('manifest.yml');
const http = load('manifest.http.yml');
/** Where HTTP mode serves Slack (commands, interactivity and events alike); the admin puts their host in. */
const HTTP_ENDPOINT = 'https://YOUR-HOST/slack/events';
/** The sub-commands as typed in English (the report's empty name is the bare command). */
const subCommandNames = subCommands.map((c) => c.names.find((n) => n !== '')!);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe.each([
  ['manifest.yml', socket],
  ['manifest.http.yml', http],
])('%s', (_file, manifest) => {
  it('declares exactly the slash commands the app registers, escaped', () => {
    const declared = manifest.features.slash_commands.map((c) => c.command).sort();
    expect(declared).toEqual([...h.app.registered.commands].sort());
    expect(manifest.features.slash_commands.every((c) => c.should_escape === true)).toBe(true);
  });

  it('declares exactly the shortcuts the app registers, global and message ones as such', () => {
    const declared = (type: string) =>
      manifest.features.shortcuts
        .filter((s) => s.type === type)
        .map((s) => s.callback_id)
        .sort();
    expect(declared('global')).toEqual([...new Set(h.app.registered.shortcuts)].sort());
    expect(declared('message')).toEqual([...new Set(h.app.registered.messageShortcuts)].sort());
    expect(declared('global')).toContain('login_report');
    expect(declared('message')).toEqual(['login_report_message']);
    // Slack shows at most 24 characters of a shortcut's name.
    expect(manifest.features.shortcuts.filter((s) => [...s.name].length > 24)).toEqual([]);
  });

  it('subscribes to exactly the events the app listens to, with App Home on', () => {
    expect([...(manifest.settings.event_subscriptions?.bot_events ?? [])].sort()).toEqual(
      [...h.app.registered.events].sort(),
    );
    expect(h.app.registered.events).toEqual(
      expect.arrayContaining(['app_home_opened', 'message.channels', 'message.groups']),
    );
    expect(manifest.features.app_home?.home_tab_enabled).toBe(true);
  });

  it('asks for the scopes the app uses, with interactivity', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'commands',
        'chat:write',
        'im:write',
        'users:read',
        'users:read.email',
        'usergroups:read',
        'usergroups:write',
      ]),
    );
    // Help channels: read their messages (message.channels / message.groups) and whether the app is a member.
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['channels:history', 'groups:history', 'channels:read', 'groups:read']),
    );
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('names every sub-command in the usage hint', () => {
    const hint = manifest.features.slash_commands[0]!.usage_hint ?? '';
    expect(subCommandNames.filter((name) => !new RegExp(`\\b${name}\\b`).test(hint))).toEqual([]);
    expect(subCommandNames).toContain('verify');
  });
});

describe('the Socket Mode and HTTP manifests', () => {
  it('the Socket Mode one turns Socket Mode on and sends nothing to a URL', () => {
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toMatch(/"(url|request_url)"/);
  });

  it('the HTTP one turns Socket Mode off and sends commands, interactivity and events to /slack/events', () => {
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(http.features.slash_commands.map((c) => c.url)).toEqual(
      http.features.slash_commands.map(() => HTTP_ENDPOINT),
    );
    expect(http.settings.interactivity.request_url).toBe(HTTP_ENDPOINT);
    // App Home is drawn on app_home_opened: without an events URL the home tab stays empty in HTTP mode.
    expect(http.settings.event_subscriptions?.request_url).toBe(HTTP_ENDPOINT);
  });

  it('differ in nothing else', () => {
    const withoutTransport = (m: Manifest) => {
      const copy = structuredClone(m);
      for (const c of copy.features.slash_commands) delete c.url;
      delete copy.settings.interactivity.request_url;
      delete copy.settings.event_subscriptions?.request_url;
      delete (copy.settings as Partial<Manifest['settings']>).socket_mode_enabled;
      return copy;
    };
    expect(withoutTransport(http)).toEqual(withoutTransport(socket));
  });
});

describe('Slack checking the HTTP manifest’s events URL', () => {
  it('answers a signed url_verification with its challenge, and refuses an unsigned one', async () => {
    const body = JSON.stringify({
      token: 'legacy',
      challenge: 'c-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
      type: 'url_verification',
    });
    const res = await h.client.raw(body, { contentType: 'application/json' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('c-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
    expect((await h.client.raw(body, { contentType: 'application/json', signed: false })).status).toBe(401);
  });
});

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = (title: string) =>
    readme.slice(readme.indexOf(`## ${title}`), readme.indexOf('\n## ', readme.indexOf(`## ${title}`) + 1));

  it('lists every sub-command in the table under "Using it"', () => {
    const table = section('Using it')
      .split('\n\n')
      .find((block) => block.startsWith('| text'))!;
    expect(subCommandNames.filter((name) => !table.includes(`/kintone-login ${name}`))).toEqual([]);
  });

  it('says why the app asks for each bot scope in the manifest', () => {
    const create = section('Create the Slack app');
    expect(socket.oauth_config.scopes.bot.filter((scope) => !create.includes(`\`${scope}\``))).toEqual([]);
  });

  it('points each mode at its manifest, and HTTP mode at the events URL too', () => {
    const create = section('Create the Slack app');
    expect(create).toContain('manifest.yml');
    expect(create).toContain('manifest.http.yml');
    expect(create).toMatch(/Event Subscriptions/);
  });
});
