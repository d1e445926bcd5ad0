import { describe, expect, it } from 'vitest';
import { loginNameProblem } from '../../../src/directory/login-name.js';

describe('loginNameProblem', () => {
  it.each([
    ['taro', null],
    ['taro.yamada@example.com', null],
    ['山田太郎', null],
    ['', 'empty'],
    ['   ', 'empty'],
    ['a'.repeat(129), 'too_long'],
    ['taro/yamada', 'forbidden_character'],
    ['taro:1', 'forbidden_character'],
    ['a[b]', 'forbidden_character'],
    [' taro', 'surrounding_space'],
    ['taro ', 'surrounding_space'],
  ])('%j → %s', (value, expected) => {
    expect(loginNameProblem(value)).toBe(expected);
  });

  it('allows exactly 128 characters', () => {
    expect(loginNameProblem('あ'.repeat(128))).toBeNull();
  });
});
