import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

/**
 * The limits Slack enforces when an app is created "From an app manifest", for the fields our manifests use.
 *
 * Derived from Slack's published JSON schema for app manifests, major version 1
 * (`schemas/manifest.schema.1.0.0.json` in https://github.com/slackapi/manifest-schema, © Slack Technologies,
 * LLC, MIT licence). Every object the schema closes (`additionalProperties: false`) lists the keys it allows;
 * a key the schema allows but this table has no rule for fails too, so its limits are added before it ships.
 * Lengths count characters as JSON Schema does (Unicode code points): 「kintoneにログインできない」 is 14.
 */
interface Rule {
  type: 'object' | 'array' | 'string' | 'boolean';
  /** Must be present whenever its parent is. */
  required?: boolean;
  /** Objects: every key the schema allows here. */
  keys?: string[];
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  enum?: string[];
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}

const URL = /^https?:\/\//;

/** Path → rule; `[]` stands for every item of an array. '' is the manifest itself. */
const MANIFEST_RULES: Record<string, Rule> = {
  '': {
    type: 'object',
    keys: [
      '$schema',
      '_metadata',
      'app_directory',
      'display_information',
      'features',
      'oauth_config',
      'settings',
      'functions',
      'workflows',
      'datastores',
      'outgoing_domains',
      'types',
      'external_auth_providers',
      'mcp_servers',
    ],
  },
  display_information: {
    type: 'object',
    required: true,
    keys: ['name', 'description', 'background_color', 'long_description'],
  },
  'display_information.name': { type: 'string', required: true, minLength: 1, maxLength: 35 },
  'display_information.description': { type: 'string', minLength: 1, maxLength: 140 },
  // The schema spells this one `regex` rather than `pattern` (so generic validators skip it); Slack checks it.
  'display_information.background_color': {
    type: 'string',
    minLength: 4,
    maxLength: 7,
    pattern: /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/,
  },
  'display_information.long_description': { type: 'string', minLength: 175, maxLength: 4000 },

  features: {
    type: 'object',
    keys: [
      'app_home',
      'bot_user',
      'functions',
      'shortcuts',
      'slash_commands',
      'workflow_steps',
      'unfurl_domains',
      'assistant_view',
      'agent_view',
    ],
  },
  'features.app_home': {
    type: 'object',
    keys: ['home_tab_enabled', 'messages_tab_enabled', 'messages_tab_read_only_enabled'],
  },
  'features.app_home.home_tab_enabled': { type: 'boolean' },
  'features.app_home.messages_tab_enabled': { type: 'boolean' },
  'features.app_home.messages_tab_read_only_enabled': { type: 'boolean' },
  'features.bot_user': { type: 'object', keys: ['display_name', 'always_online'] },
  'features.bot_user.display_name': { type: 'string', required: true, minLength: 1, maxLength: 80 },
  'features.bot_user.always_online': { type: 'boolean' },
  'features.slash_commands': { type: 'array', minItems: 1, maxItems: 50 },
  'features.slash_commands[]': {
    type: 'object',
    keys: ['command', 'url', 'description', 'usage_hint', 'should_escape'],
  },
  'features.slash_commands[].command': { type: 'string', required: true, minLength: 2, maxLength: 32, pattern: /^\// },
  'features.slash_commands[].url': { type: 'string', maxLength: 3000, pattern: URL },
  'features.slash_commands[].description': { type: 'string', required: true, minLength: 1, maxLength: 2000 },
  'features.slash_commands[].usage_hint': { type: 'string', minLength: 1, maxLength: 1000 },
  'features.slash_commands[].should_escape': { type: 'boolean' },
  'features.shortcuts': { type: 'array', minItems: 1, maxItems: 10 },
  'features.shortcuts[]': { type: 'object', keys: ['name', 'type', 'callback_id', 'description'] },
  'features.shortcuts[].name': { type: 'string', required: true, minLength: 1, maxLength: 24 },
  'features.shortcuts[].type': { type: 'string', required: true, enum: ['message', 'global'] },
  'features.shortcuts[].callback_id': { type: 'string', required: true, minLength: 1, maxLength: 255 },
  'features.shortcuts[].description': { type: 'string', required: true, minLength: 1, maxLength: 150 },

  oauth_config: { type: 'object', keys: ['redirect_urls', 'scopes', 'token_management_enabled', 'pkce_enabled'] },
  'oauth_config.scopes': { type: 'object', keys: ['user', 'bot', 'user_optional', 'bot_optional'] },
  'oauth_config.scopes.bot': { type: 'array', maxItems: 255 },
  'oauth_config.scopes.bot[]': { type: 'string', maxLength: 50 },

  settings: {
    type: 'object',
    keys: [
      'allowed_ip_address_ranges',
      'event_subscriptions',
      'incoming_webhooks',
      'interactivity',
      'org_deploy_enabled',
      'socket_mode_enabled',
      'is_hosted',
      'token_rotation_enabled',
      'siws_links',
      'hermes_app_type',
      'function_runtime',
      'is_mcp_enabled',
    ],
  },
  'settings.event_subscriptions': {
    type: 'object',
    keys: ['request_url', 'user_events', 'bot_events', 'metadata_subscriptions'],
  },
  'settings.event_subscriptions.request_url': { type: 'string', maxLength: 3500, pattern: URL },
  'settings.event_subscriptions.bot_events': { type: 'array', maxItems: 100, uniqueItems: true },
  'settings.event_subscriptions.bot_events[]': { type: 'string', maxLength: 50 },
  'settings.interactivity': { type: 'object', keys: ['is_enabled', 'request_url', 'message_menu_options_url'] },
  'settings.interactivity.is_enabled': { type: 'boolean', required: true },
  'settings.interactivity.request_url': { type: 'string', maxLength: 3500, pattern: URL },
  'settings.org_deploy_enabled': { type: 'boolean' },
  'settings.socket_mode_enabled': { type: 'boolean' },
  'settings.token_rotation_enabled': { type: 'boolean' },
};

const characters = (s: string) => [...s].length;

/** Every way `value` breaks the rules, as `path: problem`; empty when Slack would accept it. */
function manifestProblems(value: unknown, rules: Record<string, Rule> = MANIFEST_RULES): string[] {
  const problems: string[] = [];
  const visit = (node: unknown, rulePath: string, where: string) => {
    const rule = rules[rulePath];
    const at = where || '(manifest)';
    if (!rule) {
      problems.push(`${at}: no rule for ${rulePath} in this table (add its limits from the schema)`);
      return;
    }
    const actual = Array.isArray(node) ? 'array' : node === null ? 'null' : typeof node;
    if (actual !== rule.type) {
      problems.push(`${at}: must be ${rule.type}, is ${actual}`);
      return;
    }
    const child = (key: string) => (rulePath === '' ? key : `${rulePath}.${key}`);
    if (rule.type === 'object') {
      const object = node as Record<string, unknown>;
      for (const key of Object.keys(object)) {
        if (!rule.keys?.includes(key)) problems.push(`${at}: ${key} is not allowed here`);
        else visit(object[key], child(key), where ? `${where}.${key}` : key);
      }
      for (const [path, r] of Object.entries(rules)) {
        const key = path.slice(rulePath === '' ? 0 : rulePath.length + 1);
        const isChild = (rulePath === '' || path.startsWith(`${rulePath}.`)) && key !== '' && !/[.[]/.test(key);
        if (isChild && r.required && !(key in object)) problems.push(`${at}: ${key} is required`);
      }
    } else if (rule.type === 'array') {
      const items = node as unknown[];
      if (rule.minItems !== undefined && items.length < rule.minItems)
        problems.push(`${at}: at least ${rule.minItems} items, has ${items.length}`);
      if (rule.maxItems !== undefined && items.length > rule.maxItems)
        problems.push(`${at}: at most ${rule.maxItems} items, has ${items.length}`);
      if (rule.uniqueItems && new Set(items.map((i) => JSON.stringify(i))).size !== items.length)
        problems.push(`${at}: items must be unique`);
      items.forEach((item, i) => {
        visit(item, `${rulePath}[]`, `${where}[${i}]`);
      });
    } else if (rule.type === 'string') {
      const text = node as string;
      const length = characters(text);
      if (rule.minLength !== undefined && length < rule.minLength)
        problems.push(`${at}: at least ${rule.minLength} characters, has ${length}`);
      if (rule.maxLength !== undefined && length > rule.maxLength)
        problems.push(`${at}: at most ${rule.maxLength} characters, has ${length} (${JSON.stringify(text)})`);
      if (rule.pattern && !rule.pattern.test(text))
        problems.push(`${at}: must match ${rule.pattern}, is ${JSON.stringify(text)}`);
      if (rule.enum && !rule.enum.includes(text))
        problems.push(`${at}: must be one of ${rule.enum.join(', ')}, is ${JSON.stringify(text)}`);
    }
  };
  visit(value, '', '');
  return problems;
}

/** Every manifest the repository ships (the Socket Mode one and its HTTP variant). */
const MANIFEST_FILES = readdirSync('.')
  .filter((name) => /^manifest(\..+)?\.ya?ml$/.test(name))
  .sort();
const load = (file: string): unknown => parse(readFileSync(file, 'utf8'));

describe("every shipped manifest passes the limits of Slack's manifest schema", () => {
  it('ships the Socket Mode manifest and its HTTP variant', () => {
    expect(MANIFEST_FILES).toEqual(['manifest.http.yml', 'manifest.yml']);
  });

  it.each(MANIFEST_FILES)('%s breaks none of the limits', (file) => {
    expect(manifestProblems(load(file))).toEqual([]);
  });
});

describe('the rules catch what Slack refuses', () => {
  const good = load('manifest.yml') as any;
  const broken = (change: (m: any) => void) => {
    const copy = structuredClone(good);
    change(copy);
    return manifestProblems(copy);
  };

  it('refuses the 36-character shortcut name Slack refused at step 1, and counts Japanese characters one each', () => {
    expect(broken((m) => (m.features.shortcuts[0].name = 'kintone ログインの相談 / kintone login help'))).toEqual([
      'features.shortcuts[0].name: at most 24 characters, has 36 ("kintone ログインの相談 / kintone login help")',
    ]);
    expect(broken((m) => (m.features.shortcuts[0].name = 'あ'.repeat(24)))).toEqual([]);
    expect(broken((m) => (m.features.shortcuts[0].name = 'あ'.repeat(25)))).toHaveLength(1);
  });

  it('refuses missing required fields, unknown keys, bad enums, patterns and sizes', () => {
    expect(broken((m) => delete m.display_information.name)).toEqual(['display_information: name is required']);
    expect(broken((m) => delete m.display_information)).toEqual(['(manifest): display_information is required']);
    expect(broken((m) => delete m.features.shortcuts[0].description)).toEqual([
      'features.shortcuts[0]: description is required',
    ]);
    expect(broken((m) => (m.features.shortcuts[0].type = 'channel'))).toEqual([
      'features.shortcuts[0].type: must be one of message, global, is "channel"',
    ]);
    expect(broken((m) => (m.features.slash_commands[0].command = 'kintone-login'))).toEqual([
      'features.slash_commands[0].command: must match /^\\//, is "kintone-login"',
    ]);
    expect(broken((m) => (m.settings.interactivity.request_url = 'YOUR-HOST/slack/events'))).toHaveLength(1);
    expect(broken((m) => (m.display_information.background_color = 'navy'))).toHaveLength(1);
    expect(broken((m) => (m.display_information.long_description = 'Too short.'))).toEqual([
      'display_information.long_description: at least 175 characters, has 10',
    ]);
    expect(broken((m) => (m.features.shortcuts = []))).toEqual(['features.shortcuts: at least 1 items, has 0']);
    expect(broken((m) => (m.features.shortcuts = Array(11).fill(m.features.shortcuts[0])))).toEqual([
      'features.shortcuts: at most 10 items, has 11',
    ]);
    expect(broken((m) => m.settings.event_subscriptions.bot_events.push('app_home_opened'))).toEqual([
      'settings.event_subscriptions.bot_events: items must be unique',
    ]);
    expect(broken((m) => (m.settings.socket_mode = true))).toEqual(['settings: socket_mode is not allowed here']);
    expect(broken((m) => (m.settings.interactivity.is_enabled = 'true'))).toEqual([
      'settings.interactivity.is_enabled: must be boolean, is string',
    ]);
    expect(broken((m) => (m.features.unfurl_domains = ['example.com']))).toEqual([
      'features.unfurl_domains: no rule for features.unfurl_domains in this table (add its limits from the schema)',
    ]);
  });
});
