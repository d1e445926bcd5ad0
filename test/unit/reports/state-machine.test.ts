import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ESCALATION_LEVELS,
  next,
  REPORT_STATES,
  stateDiagram,
  TRANSITIONS,
  type LifecycleEvent,
  type Position,
} from '../../../src/reports/state-machine.js';

const EVENTS = [...new Set(TRANSITIONS.map((t) => t.event))] as LifecycleEvent[];
const POSITIONS: Position[] = REPORT_STATES.flatMap((state) => ESCALATION_LEVELS.map((level) => ({ state, level })));
const name = (p: Position) => `${p.state}/${p.level}`;

describe('report state machine table', () => {
  it('has every event the lifecycle applies', () => {
    expect(EVENTS.sort()).toEqual([
      'acknowledge',
      'cancel',
      'escalate',
      'escalate_to_all',
      'hand_over',
      'quiet_reopen',
      'reassign',
      'reopen',
      'resolve',
    ]);
  });

  it('allows exactly these moves and refuses every other (position, event)', () => {
    const moves = POSITIONS.flatMap((at) =>
      EVENTS.flatMap((event) => {
        const to = next(at, event);
        return to ? [`${name(at)} ${event} → ${name(to)}`] : [];
      }),
    );
    expect(moves.sort()).toEqual(
      [
        ...[0, 1, 2].flatMap((l) => [
          `open/${l} acknowledge → acknowledged/${l}`,
          `open/${l} resolve → resolved/${l}`,
          `open/${l} cancel → cancelled/${l}`,
          `open/${l} reassign → open/${l}`,
          `acknowledged/${l} resolve → resolved/${l}`,
          `acknowledged/${l} cancel → cancelled/${l}`,
          // Reassigning an acknowledged report opens it again for the new assignee, at the level it had.
          `acknowledged/${l} reassign → open/${l}`,
          `acknowledged/${l} quiet_reopen → open/0`,
          `acknowledged/${l} hand_over → open/${l}`,
          `resolved/${l} reopen → open/0`,
        ]),
        'open/0 escalate → open/1',
        'open/0 escalate_to_all → open/2',
        'open/1 escalate_to_all → open/2',
      ].sort(),
    );
  });

  it('takes nothing once cancelled, and escalates no further than level 2', () => {
    for (const level of ESCALATION_LEVELS)
      for (const event of EVENTS) expect(next({ state: 'cancelled', level }, event)).toBeNull();
    expect(next({ state: 'open', level: 2 }, 'escalate')).toBeNull();
    expect(next({ state: 'open', level: 2 }, 'escalate_to_all')).toBeNull();
    expect(next({ state: 'open', level: 1 }, 'escalate')).toBeNull();
  });

  it('is drawn in docs/architecture.md exactly as the table says', () => {
    const doc = readFileSync(new URL('../../../docs/architecture.md', import.meta.url), 'utf8');
    expect(doc).toContain(`\`\`\`mermaid\n${stateDiagram()}\n\`\`\``);
  });

  it('draws one arrow per allowed move between states, and the escalation steps inside open', () => {
    const diagram = stateDiagram();
    expect(diagram.split('\n').slice(0, 3)).toEqual([
      'stateDiagram-v2',
      '  [*] --> open : submitted',
      '  [*] --> acknowledged : self_service',
    ]);
    expect(diagram).toContain('    level_0 --> level_1 : escalate');
    expect(diagram).toContain('    level_1 --> level_2 : escalate_to_all');
    expect(diagram).toContain('  acknowledged --> open : quiet_reopen (level 0)');
    expect(diagram).toContain('  acknowledged --> open : reassign\n');
    const arrows = TRANSITIONS.reduce((n, t) => n + t.from.length * (t.levels?.length ?? 1), 0);
    expect(diagram.split('\n').filter((l) => l.includes('-->') && !l.includes('[*]')).length).toBe(arrows);
  });
});
