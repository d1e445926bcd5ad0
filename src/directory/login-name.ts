// cybozu.com's login name rules, to check what a person typed before asking the API.

export const LOGIN_NAME_MAX_LENGTH = 128;
/** Characters a login name cannot contain: \ [ ] " : ; < > , / */
const FORBIDDEN = /[\\[\]":;<>,/]/;

export type LoginNameProblem = 'empty' | 'too_long' | 'forbidden_character' | 'surrounding_space';

/** Why this cannot be a login name, or null when it can. The input is not trimmed here. */
export function loginNameProblem(value: string): LoginNameProblem | null {
  if (value.trim() === '') return 'empty';
  // Counted in code points, as a person counts characters.
  if ([...value].length > LOGIN_NAME_MAX_LENGTH) return 'too_long';
  if (FORBIDDEN.test(value)) return 'forbidden_character';
  if (value !== value.trim()) return 'surrounding_space';
  return null;
}
