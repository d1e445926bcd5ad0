/** `<@U123|name>` or `<@U123>` (escaped mentions, `should_escape: true`) → U123; anything else → null. */
export function mentionedUser(word: string | undefined): string | null {
  return word?.match(/^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/)?.[1] ?? null;
}
