import { describe, expect, it } from 'vitest';
import { catalogues, fill, localeFromSlack, translator } from '../../src/i18n/index.js';

describe('message catalogues', () => {
  it('have the same keys in Japanese and English', () => {
    const ja = Object.keys(catalogues.ja).sort();
    const en = Object.keys(catalogues.en).sort();
    expect(ja.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !ja.includes(k))).toEqual([]);
  });

  it('use the same placeholders in both languages and no empty text', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(catalogues.ja) as (keyof typeof catalogues.ja)[]) {
      expect(catalogues.ja[key].trim(), key).not.toBe('');
      expect(catalogues.en[key].trim(), key).not.toBe('');
      expect(names(catalogues.en[key]), key).toEqual(names(catalogues.ja[key]));
    }
  });

  it('maps Slack locales to ja/en with a fallback', () => {
    expect(localeFromSlack('ja-JP', 'en')).toBe('ja');
    expect(localeFromSlack('en-GB', 'ja')).toBe('en');
    expect(localeFromSlack('fr-FR', 'ja')).toBe('ja');
    expect(localeFromSlack(undefined, 'en')).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('#{id} {missing}', { id: 3 })).toBe('#3 {missing}');
    expect(translator('en')('report.root.title', { id: 7 })).toBe('kintone login report #7');
  });
});
