/** cybozu.com's rules for a login name (common administration → users): ≤128 chars, no \ [ ] " : ; < > , / and no edge spaces. */
export type LoginNameProblem = 'empty' | 'too_long' | 'forbidden_chars' | 'edge_spaces';

const FORBIDDEN = /[\\[\]":;<>,/]/;

export function checkLoginName(raw: string): LoginNameProblem | null {
  if (raw.trim() === '') return 'empty';
  if ([...raw].length > 128) return 'too_long';
  if (FORBIDDEN.test(raw)) return 'forbidden_chars';
  if (raw !== raw.trim()) return 'edge_spaces';
  return null;
}
