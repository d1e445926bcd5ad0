import { and, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { secrets, type Secret } from '../../db/schema.js';
import type { Writer } from '../../db/client.js';
import { audit } from '../reports/audit.js';
import { open, seal } from './secret-box.js';

export type RevealOutcome =
  | { kind: 'revealed'; secret: Secret; plaintext: string }
  | { kind: 'not_yours' | 'not_found' | 'expired' | 'already_revealed' };

/** Temporary passwords: sealed at rest, shown once to their recipient, erased after reveal or expiry. */
export class SecretStore {
  constructor(
    private readonly db: Db,
    private readonly key: Buffer,
  ) {}

  /** Inside the caller's transaction (the action's outcome and its secret are written together). */
  create(w: Writer, p: { actionId: number; recipientSlackId: string; plaintext: string; expiresAt: number }): number {
    const row = w
      .insert(secrets)
      .values({ actionId: p.actionId, recipientSlackId: p.recipientSlackId, sealed: null, expiresAt: p.expiresAt })
      .returning()
      .get();
    w.update(secrets)
      .set({ sealed: seal(this.key, p.plaintext, aad(row.id, p.recipientSlackId)) })
      .where(eq(secrets.id, row.id))
      .run();
    return row.id;
  }

  /**
   * Claims the one reveal: marks it revealed before anything is shown, so two clicks cannot both see it.
   * Call `erase` once it was shown, or `release` when showing failed (the recipient may try again).
   */
  claim(secretId: number, slackUserId: string, now: number): RevealOutcome {
    return this.db.transaction((tx) => {
      const secret = tx.select().from(secrets).where(eq(secrets.id, secretId)).get();
      if (!secret) return { kind: 'not_found' } as const;
      if (secret.recipientSlackId !== slackUserId) return { kind: 'not_yours' } as const;
      if (secret.revealedAt !== null) return { kind: 'already_revealed' } as const;
      if (secret.sealed === null || secret.expiresAt <= now) return { kind: 'expired' } as const;
      tx.update(secrets)
        .set({ revealedAt: now })
        .where(and(eq(secrets.id, secretId), isNull(secrets.revealedAt)))
        .run();
      audit(tx, {
        type: 'secret.revealed',
        actorSlackId: slackUserId,
        data: { secretId, actionId: secret.actionId },
        now,
      });
      return {
        kind: 'revealed',
        secret,
        plaintext: open(this.key, secret.sealed, aad(secret.id, secret.recipientSlackId)),
      } as const;
    });
  }

  erase(secretId: number, now: number): void {
    this.db.update(secrets).set({ sealed: null, erasedAt: now }).where(eq(secrets.id, secretId)).run();
  }

  release(secretId: number): void {
    this.db
      .update(secrets)
      .set({ revealedAt: null })
      .where(and(eq(secrets.id, secretId), isNotNull(secrets.sealed)))
      .run();
  }

  /** Erases every secret past its expiry; returns how many. */
  sweep(now: number): number {
    return this.db
      .update(secrets)
      .set({ sealed: null, erasedAt: now })
      .where(and(isNotNull(secrets.sealed), lte(secrets.expiresAt, now)))
      .run().changes;
  }
}

function aad(secretId: number, recipient: string): string {
  return `secret:${secretId}:${recipient}`;
}
